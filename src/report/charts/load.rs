//! Training load over the whole history: fitness (42-day) and fatigue
//! (7-day) of runs and lifting on one scale, form (their difference), and
//! each day with a strength session as a tick along the bottom.

use super::{Area, BLOCK, DrawResult, INK, MUTED, Mark, POINT, TREND, date_chart, frame};
use crate::report::ReportInput;
use plotters::prelude::*;

/// Draw the load chart on `root`.
pub fn draw(input: &ReportInput, root: &Area) -> DrawResult {
    let days = &input.analysis.load.days;
    let mut legend = vec![
        (Mark::Line(POINT), "fitness (42-day)"),
        (Mark::Line(TREND), "fatigue (7-day)"),
        (Mark::Line(MUTED), "form = fitness − fatigue"),
    ];
    if days.iter().any(|d| d.sessions > 0) {
        legend.push((Mark::Dot(BLOCK), "strength session"));
    }
    let note = days
        .is_empty()
        .then_some("No runs or strength sessions yet.");
    let head = super::Head {
        title: "Training load: runs and lifting on one scale (TRIMP)",
        range: input.data_range,
        better: "form below 0 = more tired than fit",
        legend: &legend,
        note,
    };
    let body = frame(root, input, head)?;
    let (Some(first), Some(_)) = (days.first(), days.last()) else {
        return Ok(());
    };
    let origin = first.date;
    let x_max = days.len() as f64;
    let hi = days
        .iter()
        .map(|d| d.fitness.max(d.fatigue))
        .fold(10.0, f64::max)
        * 1.1;
    let lo = days.iter().map(|d| d.form()).fold(0.0, f64::min) * 1.1 - hi * 0.06;
    let fmt = |y: &f64| format!("{y:.0}");
    let mut chart = date_chart(&body, origin, x_max, lo..hi, "daily load (TRIMP)", &fmt)?;
    let line = |f: fn(&crate::analysis::load::Day) -> f64| {
        (days.iter().enumerate())
            .map(move |(i, d)| (i as f64 + 0.5, f(d)))
            .collect::<Vec<_>>()
    };
    chart.draw_series(LineSeries::new(
        [(0.0, 0.0), (x_max, 0.0)],
        INK.stroke_width(1),
    ))?;
    chart.draw_series(LineSeries::new(line(|d| d.form()), MUTED.stroke_width(3)))?;
    chart.draw_series(LineSeries::new(line(|d| d.fatigue), TREND.stroke_width(3)))?;
    chart.draw_series(LineSeries::new(line(|d| d.fitness), POINT.stroke_width(5)))?;
    let tick = lo + (hi - lo) * 0.02;
    chart.draw_series(
        (days.iter().enumerate())
            .filter(|(_, d)| d.sessions > 0)
            .map(|(i, _)| Circle::new((i as f64 + 0.5, tick), 4, BLOCK.filled())),
    )?;
    Ok(())
}
