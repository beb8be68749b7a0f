//! Gym markers: estimated 1RM of each main lift over time, one line per
//! lift, the blocks of lifting shaded, sessions without logged sets as ticks.

use super::date_chart;
use super::{Area, DrawResult, Mark, UNLOGGED, frame};
use crate::kinds::SessionKind;
use crate::report::ReportInput;
use chrono::NaiveDate;
use plotters::prelude::*;

const PALETTE: [RGBColor; 6] = [
    RGBColor(52, 101, 164),
    RGBColor(204, 85, 0),
    RGBColor(46, 139, 87),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(23, 190, 207),
];

/// Draw the e1RM chart on `root`.
pub fn draw(input: &ReportInput, root: &Area) -> DrawResult {
    let a = input.analysis;
    let units = input.settings.units;
    let lifts: Vec<_> = a.program.lifts.iter().take(PALETTE.len()).collect();
    let mut legend: Vec<(Mark, &str)> = lifts
        .iter()
        .zip(PALETTE)
        .map(|(l, c)| (Mark::Line(c), l.exercise.as_str()))
        .collect();
    let unlogged = a.sessions.iter().any(|s| s.kind == SessionKind::Unlogged);
    if unlogged {
        legend.push((Mark::Band(UNLOGGED, 1.0), "session without logged sets"));
    }
    let note = lifts.is_empty().then_some(if unlogged {
        "No loads were logged: the watch recorded strength sessions without sets (ticks)."
    } else {
        "No main lower-body lifts with loads were logged."
    });
    let head = super::Head {
        title: "Gym markers: estimated 1RM of the main lifts",
        range: input.data_range,
        better: "up = stronger",
        legend: &legend,
        note,
    };
    let body = frame(root, input, head)?;
    let origin = input.data_range.map_or(NaiveDate::MIN, |r| r.0);
    let x_max = input
        .data_range
        .map_or(7.0, |(f, t)| (t - f).num_days() as f64 + 1.0);
    let values = lifts
        .iter()
        .flat_map(|l| l.points.iter().map(|p| units.mass(p.1)));
    let y_max = values.fold(10.0, f64::max) * 1.1;
    let y_desc = format!("estimated 1RM, Epley ({})", units.mass_unit());
    let mut chart = date_chart(&body, origin, x_max, 0.0..y_max, &y_desc, &|y: &f64| {
        format!("{y:.0}")
    })?;
    super::shade_blocks(&mut chart, input, origin, x_max, (0.0, y_max))?;
    // Sessions a watch recorded without sets: their load is not known, so
    // they are ticks along the bottom.
    let ticks = (a.sessions.iter())
        .filter(|s| s.kind == SessionKind::Unlogged)
        .map(|s| (s.start_local.date() - origin).num_days() as f64 + 0.5)
        .map(|x| Rectangle::new([(x - 0.2, 0.0), (x + 0.2, y_max * 0.03)], UNLOGGED.filled()));
    chart.draw_series(ticks)?;
    for (lift, color) in lifts.iter().zip(PALETTE) {
        let pts: Vec<(f64, f64)> = lift
            .points
            .iter()
            .map(|(d, v)| ((*d - origin).num_days() as f64 + 0.5, units.mass(*v)))
            .collect();
        chart.draw_series(LineSeries::new(pts.clone(), color.stroke_width(4)))?;
        chart.draw_series(pts.into_iter().map(|p| Circle::new(p, 6, color.filled())))?;
    }
    Ok(())
}
