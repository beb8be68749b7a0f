//! Weekly training over the last [`WEEKS_SHOWN`] weeks (a span a person can
//! read; the long view shows the whole history by month): running distance
//! as bars, running and other sports' hours as lines, strength sessions as
//! dots stacked above each week's bar, coloured by kind.

use super::plot_builder;
use super::{Area, BLOCK, DrawResult, FONT, GRID, INK, MUTED, Mark, POINT, TREND, UNLOGGED, frame};
use crate::analysis::WeekRow;
use crate::report::ReportInput;
use plotters::chart::DualCoordChartContext;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

/// Weeks the chart shows (the latest ones).
pub const WEEKS_SHOWN: usize = 26;
/// Colour of the other sports' hours.
const OTHER: RGBColor = RGBColor(23, 150, 170);

/// Sessions of one kind in a week.
type WeekCount = fn(&WeekRow) -> usize;

/// The legend: bars, hours, and only the session kinds present (so the row fits).
fn legend<'a>(
    weeks: &[WeekRow],
    kinds: &'a [(&str, RGBColor, WeekCount)],
    run_label: &'a str,
    other: bool,
) -> Vec<(Mark, &'a str)> {
    let mut legend = vec![
        (Mark::Band(POINT, 0.7), run_label),
        (Mark::Line(INK), "hours run"),
    ];
    if other {
        legend.push((Mark::Line(OTHER), "hours other sports"));
    }
    legend.extend(
        (kinds.iter())
            .filter(|(_, _, count)| weeks.iter().any(|w| count(w) > 0))
            .map(|(name, color, _)| (Mark::Dot(*color), *name)),
    );
    legend
}

/// Draw the weekly chart on `root`.
pub fn draw(input: &ReportInput, root: &Area) -> DrawResult {
    let all = &input.analysis.weeks;
    let weeks = &all[all.len().saturating_sub(WEEKS_SHOWN)..];
    let kinds: [(&str, RGBColor, WeekCount); 4] = [
        ("heavy", BLOCK, |w| w.heavy),
        ("plyometric", TREND, |w| w.plyometric),
        ("high-rep / other", MUTED, |w| w.high_rep + w.mixed),
        ("no sets logged", UNLOGGED, |w| w.unlogged),
    ];
    let units = input.settings.units;
    let run_label = format!("{} run", units.distance_unit());
    let other = weeks.iter().any(|w| w.other_h > 0.0);
    let legend = legend(weeks, &kinds, &run_label, other);
    let range = weeks
        .first()
        .zip(weeks.last())
        .map(|(f, l)| (f.monday, l.monday + chrono::Duration::days(6)));
    let head = super::Head {
        title: "Weekly training: running and strength sessions",
        range,
        better: "one bar per ISO week, strength sessions as dots",
        legend: &legend,
        note: None,
    };
    let body = frame(root, input, head)?;
    let (step, y_max, max_h) = scale(weeks, &kinds, |w| units.distance(w.distance_km));
    let n = weeks.len().max(1) as f64;
    let mut chart = plot_builder(&body)
        .right_y_label_area_size(120)
        .build_cartesian_2d(-0.5..n - 0.5, 0.0..y_max)?
        .set_secondary_coord(-0.5..n - 0.5, 0.0..max_h);
    // Week i is centred on x = i; only whole-number ticks get a label.
    // Week labels with the year when the weeks shown span two.
    let years = weeks.first().map(|w| &w.week[..4]) != weeks.last().map(|w| &w.week[..4]);
    axes(&mut chart, weeks, years, units.distance_unit())?;
    if let Some(b) = input.analysis.block_start {
        // The block starts in the week that holds its first session.
        let from = (weeks.iter())
            .position(|w| w.monday + chrono::Duration::days(6) >= b)
            .map_or(n, |i| i as f64)
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
    if other {
        let hours = weeks.iter().enumerate().map(|(i, w)| (i as f64, w.other_h));
        chart.draw_secondary_series(LineSeries::new(hours, OTHER.stroke_width(3)))?;
    }
    for (k, (_, color, _)) in kinds.iter().enumerate() {
        let top = |w: &WeekRow| units.distance(w.distance_km);
        let color = *color;
        chart.draw_series(
            (session_dots(weeks, &kinds, k, top, step).into_iter())
                .map(move |p| Circle::new(p, 9, color.filled())),
        )?;
    }
    Ok(())
}

/// The chart: weeks across, distance up on the left, hours on the right.
type WeekChart<'a, 'b> = DualCoordChartContext<
    'a,
    BitMapBackend<'b>,
    Cartesian2d<RangedCoordf64, RangedCoordf64>,
    Cartesian2d<RangedCoordf64, RangedCoordf64>,
>;

/// Draw both axes and the grid; weeks are labelled by [`week_label`].
fn axes(chart: &mut WeekChart, weeks: &[WeekRow], years: bool, unit: &str) -> DrawResult {
    let label = |x: &f64| week_label(weeks, years, *x);
    chart
        .configure_mesh()
        .x_labels(weeks.len().min(if years { 9 } else { 13 }))
        .x_label_formatter(&label)
        .y_label_formatter(&|y: &f64| format!("{y:.0}"))
        .disable_x_mesh()
        .x_desc("ISO week")
        .y_desc(format!("running distance ({unit})"))
        .label_style((FONT, 26))
        .axis_desc_style((FONT, 30))
        .light_line_style(GRID)
        .draw()?;
    chart
        .configure_secondary_axes()
        .y_desc("time (h): running, other sports")
        .y_label_formatter(&|y: &f64| format!("{y:.0}"))
        .label_style((FONT, 26))
        .axis_desc_style((FONT, 30))
        .draw()?;
    Ok(())
}

/// The distance axis's dot spacing and top (room above the tallest bar,
/// `bar`, for its stack of gym dots), and the hours axis's top, scaled so
/// that both axes share their zero and gridlines.
fn scale(
    weeks: &[WeekRow],
    kinds: &[(&str, RGBColor, WeekCount)],
    bar: impl Fn(&WeekRow) -> f64,
) -> (f64, f64, f64) {
    let total = |w: &WeekRow| kinds.iter().map(|(_, _, c)| c(w)).sum::<usize>();
    let max_sessions = weeks.iter().map(total).max().unwrap_or(0);
    let max_km = weeks.iter().map(bar).fold(10.0, f64::max);
    let step = max_km * 0.05;
    let y_max = max_km + step * (max_sessions as f64 + 1.5);
    let max_h = (weeks.iter())
        .map(|w| w.time_h.max(w.other_h))
        .fold(1.0, f64::max)
        * (y_max / max_km);
    (step, y_max, max_h)
}

/// Label of the week centred on `x` (whole numbers only), with the year
/// when the weeks shown span two.
fn week_label(weeks: &[WeekRow], years: bool, x: f64) -> String {
    let i = x.round();
    let whole = (x - i).abs() < 1e-6 && i >= 0.0;
    (whole.then(|| weeks.get(i as usize)).flatten())
        .map(|w| match years {
            true => w.week.replace("-W", " W"),
            false => w.week[5..].to_string(),
        })
        .unwrap_or_default()
}

/// Dots for the sessions of kind `k`, stacked `step` apart above each
/// week's bar (`top`) after the kinds before it.
fn session_dots(
    weeks: &[WeekRow],
    kinds: &[(&str, RGBColor, WeekCount)],
    k: usize,
    top: impl Fn(&WeekRow) -> f64,
    step: f64,
) -> Vec<(f64, f64)> {
    let mut dots = Vec::new();
    for (i, w) in weeks.iter().enumerate() {
        let below: usize = kinds[..k].iter().map(|(_, _, c)| c(w)).sum();
        for j in 0..(kinds[k].2)(w) {
            dots.push((i as f64, top(w) + step * (1.0 + (below + j) as f64)));
        }
    }
    dots
}
