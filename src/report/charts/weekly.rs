//! Weekly training: running distance as bars, gym sessions as dots stacked
//! above each week's bar, coloured by kind.

use super::plot_builder;
use super::{Area, BLOCK, DrawResult, FONT, GRID, INK, MUTED, Mark, POINT, TREND, frame};
use crate::analysis::WeekRow;
use crate::report::ReportInput;
use plotters::prelude::*;

/// File name of the chart.
pub const FILE: &str = "weekly_training.png";

/// Sessions of one kind in a week.
type WeekCount = fn(&WeekRow) -> usize;

/// Draw the weekly chart on `root`.
pub fn draw(input: &ReportInput, root: &Area) -> DrawResult {
    let weeks = &input.analysis.weeks;
    let kinds: [(&str, RGBColor, WeekCount); 3] = [
        ("heavy session", BLOCK, |w| w.heavy),
        ("plyometric session", TREND, |w| w.plyometric),
        ("high-rep / other session", MUTED, |w| w.high_rep + w.mixed),
    ];
    let units = input.settings.units;
    let run_label = format!("{} run", units.distance_unit());
    let mut legend = vec![
        (Mark::Band(POINT, 0.7), run_label.as_str()),
        (Mark::Line(INK), "hours run"),
    ];
    legend.extend(
        kinds
            .iter()
            .map(|(name, color, _)| (Mark::Dot(*color), *name)),
    );
    let body = frame(
        root,
        input,
        "Weekly training: running distance and gym sessions",
        "one bar per ISO week",
        &legend,
        None,
    )?;
    let max_sessions = weeks
        .iter()
        .map(|w| w.heavy + w.plyometric + w.high_rep + w.mixed)
        .max()
        .unwrap_or(0);
    let max_km = weeks
        .iter()
        .map(|w| units.distance(w.distance_km))
        .fold(10.0, f64::max);
    // Room above the tallest bar for its stack of gym dots.
    let step = max_km * 0.05;
    let y_max = max_km + step * (max_sessions as f64 + 1.5);
    let n = weeks.len().max(1) as f64;
    let max_h = weeks.iter().map(|w| w.time_h).fold(1.0, f64::max) * (y_max / max_km);
    let mut chart = plot_builder(&body)
        .right_y_label_area_size(120)
        .build_cartesian_2d(-0.5..n - 0.5, 0.0..y_max)?
        .set_secondary_coord(-0.5..n - 0.5, 0.0..max_h);
    // Week i is centred on x = i; only whole-number ticks get a label.
    let label = |x: &f64| {
        let i = x.round();
        let whole = (x - i).abs() < 1e-6 && i >= 0.0;
        whole
            .then(|| weeks.get(i as usize).map(|w| w.week[5..].to_string()))
            .flatten()
            .unwrap_or_default()
    };
    chart
        .configure_mesh()
        .x_labels(weeks.len().min(12))
        .x_label_formatter(&label)
        .y_label_formatter(&|y: &f64| format!("{y:.0}"))
        .disable_x_mesh()
        .x_desc("ISO week")
        .y_desc(format!("running distance ({})", units.distance_unit()))
        .label_style((FONT, 26))
        .axis_desc_style((FONT, 30))
        .light_line_style(GRID)
        .draw()?;
    chart
        .configure_secondary_axes()
        .y_desc("running time (h)")
        .y_label_formatter(&|y: &f64| format!("{y:.0}"))
        .label_style((FONT, 26))
        .axis_desc_style((FONT, 30))
        .draw()?;
    if let Some(b) = input.analysis.block_start {
        // The block starts in the week whose Monday is on or before its first session.
        let from = weeks
            .iter()
            .position(|w| w.monday + chrono::Duration::days(6) >= b)
            .unwrap_or(0) as f64
            - 0.5;
        chart.draw_series(std::iter::once(Rectangle::new(
            [(from, 0.0), (n - 0.5, y_max)],
            BLOCK.mix(0.08).filled(),
        )))?;
    }
    chart.draw_series(weeks.iter().enumerate().map(|(i, w)| {
        Rectangle::new(
            [
                (i as f64 - 0.35, 0.0),
                (i as f64 + 0.35, units.distance(w.distance_km)),
            ],
            POINT.mix(0.7).filled(),
        )
    }))?;
    let hours = weeks.iter().enumerate().map(|(i, w)| (i as f64, w.time_h));
    chart.draw_secondary_series(LineSeries::new(hours, INK.stroke_width(3)))?;
    for (k, (_, color, count)) in kinds.iter().enumerate() {
        let mut dots = Vec::new();
        for (i, w) in weeks.iter().enumerate() {
            let below: usize = kinds[..k].iter().map(|(_, _, c)| c(w)).sum();
            for j in 0..count(w) {
                dots.push((
                    i as f64,
                    units.distance(w.distance_km) + step * (1.0 + (below + j) as f64),
                ));
            }
        }
        let color = *color;
        chart.draw_series(
            dots.into_iter()
                .map(move |p| Circle::new(p, 9, color.filled())),
        )?;
    }
    Ok(())
}
