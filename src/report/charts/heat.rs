//! Heat: each run's heart rate at the reference pace against the
//! temperature the watch read, less the fitted fitness trend (a smooth curve
//! over the days), with the heat effect the adjustment used: the points scatter
//! around the line where it explains them. Points rising to the right of the
//! threshold are what heat costs; a flat cloud is why nothing was adjusted.

use super::{Area, DrawResult, FONT, GRID, Mark, POINT, TREND, frame, plot_builder};
use crate::report::ReportInput;
use plotters::prelude::*;

/// Draw the heat chart on `root`.
pub fn draw(input: &ReportInput, root: &Area) -> DrawResult {
    let e = &input.analysis.effort;
    let pts = &e.heat_points;
    let mut legend = vec![(Mark::Dot(POINT), "run, less the fitness trend")];
    if e.heat.is_some() {
        legend.push((Mark::Line(TREND), "heat effect used for the adjustment"));
    }
    let note = match (&e.heat, pts.is_empty()) {
        (_, true) => Some("No run has both a temperature and a heart rate at the reference pace."),
        (None, false) if !input.settings.temperature_adjustment => {
            Some("Temperature adjustment turned off: nothing adjusted.")
        }
        (None, false) => {
            Some("No heat effect could be told apart from changes of fitness: nothing adjusted.")
        }
        (Some(_), false) => None,
    };
    let head = super::Head {
        title: "Heat: heart rate at the reference pace against temperature",
        range: input.data_range,
        better: "lower = easier",
        legend: &legend,
        note,
    };
    let body = frame(root, input, head)?;
    let (t_lo, t_hi) = (pts.iter().map(|p| p.0))
        .fold((f64::INFINITY, f64::NEG_INFINITY), |a, t| {
            (a.0.min(t), a.1.max(t))
        });
    let (t_lo, t_hi) = if t_lo.is_finite() {
        ((t_lo - 1.0).floor(), (t_hi + 1.0).ceil())
    } else {
        (0.0, 30.0)
    };
    let curve: Vec<(f64, f64)> = (0..=200)
        .map(|i| t_lo + (t_hi - t_lo) * f64::from(i) / 200.0)
        .map(|t| (t, e.heat.as_ref().map_or(0.0, |h| h.effect(t))))
        .collect();
    let values = pts.iter().map(|p| p.1).chain(curve.iter().map(|c| c.1));
    let (lo, hi) = values.fold((-5.0f64, 5.0f64), |(lo, hi), y| (lo.min(y), hi.max(y)));
    let pad = 0.08 * (hi - lo);
    let (lo, hi) = (lo - pad, hi + pad);
    let mut chart = plot_builder(&body).build_cartesian_2d(t_lo..t_hi, lo..hi)?;
    chart
        .configure_mesh()
        .x_labels(10)
        .y_labels(8)
        .x_label_formatter(&|t: &f64| format!("{t:.0}"))
        .y_label_formatter(&|y: &f64| format!("{y:+.0}"))
        .x_desc("temperature the watch read (°C)")
        .y_desc("heart rate at reference pace less fitness trend (bpm)")
        .label_style((FONT, 28))
        .axis_desc_style((FONT, 30))
        .light_line_style(GRID)
        .draw()?;
    chart.draw_series(
        pts.iter()
            .map(|&p| Circle::new(p, 6, POINT.mix(0.7).filled())),
    )?;
    if e.heat.is_some() {
        chart.draw_series(LineSeries::new(curve, TREND.stroke_width(5)))?;
    }
    Ok(())
}
