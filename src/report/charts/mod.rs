//! PNG charts (plotters, bundled DejaVu Sans: no system font library).
//!
//! One theme: white background, 1600×900, large type for phones. Every
//! chart carries a title, the athlete's name and date range, axis units,
//! which direction is better and a legend row in its header (never over the
//! data); time axes shade the strength block and mark the baseline and
//! recent periods. The same inputs give the same bytes.

mod card;
mod header;
mod heat;
pub mod labels;
mod lifts;
mod load;
pub mod longview;
mod series;
mod timeseries;
mod weekly;

use super::{ReportInput, captions};
use crate::analysis::estimate::Estimate;
use crate::error::{Error, Result};
use header::{Head, Mark, draw_wrapped, frame};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontStyle;
use std::path::Path;
use std::sync::Once;

/// Chart width, px.
pub const W: u32 = 1600;
/// Chart height, px.
pub const H: u32 = 900;
/// Height of the header (title, subtitle, legend), px.
const HEADER: u32 = 180;
const FONT: &str = "sans-serif";
const INK: RGBColor = RGBColor(33, 37, 41);
const MUTED: RGBColor = RGBColor(110, 110, 110);
const POINT: RGBColor = RGBColor(52, 101, 164);
const TREND: RGBColor = RGBColor(204, 85, 0);
const BLOCK: RGBColor = RGBColor(46, 139, 87);
const GRID: RGBColor = RGBColor(235, 235, 235);
/// Strength sessions a watch recorded without sets.
const UNLOGGED: RGBColor = RGBColor(148, 103, 189);

/// What plotters returns; turned into [`Error::Chart`] at the edge.
type DrawResult<T = ()> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;
type Area<'a> = DrawingArea<BitMapBackend<'a>, Shift>;

static FONTS: Once = Once::new();

fn register_fonts() {
    FONTS.call_once(|| {
        let regular: &'static [u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
        let bold: &'static [u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");
        // Both are valid fonts shipped with the source; nothing to recover from here.
        let _ = plotters::style::register_font(FONT, FontStyle::Normal, regular);
        let _ = plotters::style::register_font(FONT, FontStyle::Bold, bold);
    });
}

/// The plot area below the header, with the theme's margins.
fn plot_builder<'a, 'b>(body: &'a Area<'b>) -> ChartBuilder<'a, 'b, BitMapBackend<'b>> {
    let mut b = ChartBuilder::on(body);
    b.margin_left(30)
        .margin_right(50)
        .margin_bottom(20)
        .x_label_area_size(80)
        .y_label_area_size(140);
    b
}

/// A chart over days since `origin` with the theme's date axis and grid.
type DateChart<'a, 'b> = ChartContext<
    'a,
    BitMapBackend<'b>,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

/// Build the plot area for days `0..x_max` and values `y`, and draw its
/// date axis, the value axis (`y_desc`, `y_fmt`) and the grid.
fn date_chart<'a, 'b>(
    body: &'a Area<'b>,
    origin: chrono::NaiveDate,
    x_max: f64,
    y: std::ops::Range<f64>,
    y_desc: &str,
    y_fmt: &dyn Fn(&f64) -> String,
) -> DrawResult<DateChart<'a, 'b>> {
    let mut chart = plot_builder(body).build_cartesian_2d(0.0..x_max, y)?;
    let x_fmt = date_labels(origin, x_max);
    // A label per 60 px of height at most: a half-height panel keeps four.
    let y_labels = (body.dim_in_pixel().1 as usize / 60).clamp(3, 8);
    chart
        .configure_mesh()
        .x_labels(8)
        .y_labels(y_labels)
        .x_label_formatter(&x_fmt)
        .y_label_formatter(y_fmt)
        .x_desc("date")
        .y_desc(y_desc)
        .label_style((FONT, 28))
        .axis_desc_style((FONT, 30))
        .light_line_style(GRID)
        .draw()?;
    Ok(chart)
}

/// The dates the per-run charts show: from the baseline's start (at most
/// the last year before it) to the last day with data, so the compared
/// periods are in view and a long history stays readable (the long view
/// shows all of it, month by month).
pub fn view(input: &ReportInput) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    let (first, last) = input.data_range?;
    let year = last - chrono::Duration::days(364);
    let from = input
        .analysis
        .periods
        .map_or(year, |p| p.baseline.from.min(year));
    Some((from.max(first), last))
}

/// Shade every block of regular lifting between `origin` and `x_max` days
/// on `chart`, from `y0` to `y1`.
fn shade_blocks(
    chart: &mut DateChart,
    input: &ReportInput,
    origin: chrono::NaiveDate,
    x_max: f64,
    (y0, y1): (f64, f64),
) -> DrawResult {
    let day = |d: chrono::NaiveDate| ((d - origin).num_days() as f64).clamp(0.0, x_max);
    let last = input.data_range.map(|r| r.1);
    for b in &input.analysis.blocks {
        // The current block goes on to the end of the data.
        let to = if Some(b.from) == input.analysis.block_start {
            last.unwrap_or(b.to)
        } else {
            b.to
        };
        let (x0, x1) = (day(b.from), day(to) + 1.0);
        if x1 > x0 {
            chart.draw_series(std::iter::once(Rectangle::new(
                [(x0, y0), (x1.min(x_max), y1)],
                BLOCK.mix(0.08).filled(),
            )))?;
        }
    }
    Ok(())
}

/// Tick labels for an axis of days since `origin`: day and month within one
/// calendar year; with the year once the axis crosses one; month and year
/// past about thirteen months, where days would be noise.
pub fn date_labels(origin: chrono::NaiveDate, x_max: f64) -> impl Fn(&f64) -> String {
    use chrono::Datelike;
    let end = origin + chrono::Duration::days(x_max as i64);
    let fmt = if end.year() == origin.year() {
        "%d %b"
    } else if x_max <= 400.0 {
        "%d %b %Y"
    } else {
        "%b %Y"
    };
    move |x: &f64| {
        (origin + chrono::Duration::days(*x as i64))
            .format(fmt)
            .to_string()
    }
}

/// Draw one chart into `dir/file` with `draw`, mapping drawing errors.
fn render(dir: &Path, file: &str, draw: impl FnOnce(&Area) -> DrawResult) -> Result<String> {
    let path = dir.join(file);
    let fail = |e: Box<dyn std::error::Error + Send + Sync>| Error::Chart {
        name: file.to_string(),
        message: e.to_string(),
    };
    {
        let root = BitMapBackend::new(&path, (W, H)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| fail(e.into()))?;
        draw(&root).map_err(fail)?;
        root.present().map_err(|e| fail(e.into()))?;
    }
    Ok(file.to_string())
}

/// Period means (mapped to chart units) or why there is no estimate.
fn means(
    e: &std::result::Result<Estimate, String>,
    map: impl Fn(f64) -> f64,
) -> (Option<(f64, f64)>, String) {
    match e {
        Ok(e) => (Some((map(e.baseline), map(e.recent))), String::new()),
        Err(why) => (None, why.clone()),
    }
}

/// Tick labels with a decimal when the values span little, so that
/// neighbouring ticks do not read the same.
fn number_format(points: &[(f64, f64)], wide: f64) -> impl Fn(&f64) -> String + use<> {
    let (lo, hi) = points
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| {
            (a.min(p.1), b.max(p.1))
        });
    let decimals = if hi - lo < wide { 1 } else { 0 };
    move |y: &f64| format!("{y:.decimals$}")
}

/// The long-run chart: heart-rate drift, and below it the late-run stance
/// time where the files have running dynamics.
fn long_run_form(input: &ReportInput, root: &Area) -> DrawResult {
    let stance = series::late_stance(input);
    if stance.points.is_empty() {
        return timeseries::draw(input, &series::late(input), root);
    }
    // Half-height panels: axis names short enough for their height.
    let mut drift = series::late(input);
    drift.y_desc = "decoupling (%)".into();
    let stance = timeseries::Series {
        y_desc: "change (%)".into(),
        ..stance
    };
    let (top, bottom) = root.split_vertically(root.dim_in_pixel().1 / 2);
    timeseries::draw(input, &drift, &top)?;
    timeseries::draw(input, &stance, &bottom)
}

/// How a chart is drawn onto the whole image.
type Draw = fn(&ReportInput, &Area) -> DrawResult;

/// One chart of the report: its file, how it is drawn, and the sentence the
/// report puts under it. Adding a chart is one entry in [`CHARTS`].
pub struct Chart {
    /// File name in the report folder.
    pub file: &'static str,
    draw: Draw,
    /// One plain sentence for the report: what the chart shows and what
    /// this week adds.
    pub caption: fn(&ReportInput) -> String,
}

/// Every chart, in report order.
pub const CHARTS: &[Chart] = &[
    Chart {
        file: "pace_at_reference_hr.png",
        draw: |i, root| timeseries::draw(i, &series::speed(i), root),
        caption: captions::speed,
    },
    Chart {
        file: "hr_at_reference_pace.png",
        draw: |i, root| timeseries::draw(i, &series::hr(i), root),
        caption: captions::hr,
    },
    Chart {
        file: "rpe_at_easy_pace.png",
        draw: |i, root| timeseries::draw(i, &series::rpe(i), root),
        caption: captions::rpe,
    },
    Chart {
        file: "long_run_form.png",
        draw: long_run_form,
        caption: captions::long_runs,
    },
    Chart {
        file: "speed_per_watt.png",
        draw: |i, root| timeseries::draw(i, &series::speed_per_watt(i), root),
        caption: captions::speed_per_watt,
    },
    Chart {
        file: "heat.png",
        draw: heat::draw,
        caption: captions::heat,
    },
    Chart {
        file: "long_view.png",
        draw: longview::draw,
        caption: captions::long_view,
    },
    Chart {
        file: "weekly_training.png",
        draw: weekly::draw,
        caption: captions::weekly,
    },
    Chart {
        file: "training_load.png",
        draw: load::draw,
        caption: captions::load,
    },
    Chart {
        file: "gym_markers.png",
        draw: lifts::draw,
        caption: captions::lifts,
    },
    Chart {
        file: "summary_card.png",
        draw: card::draw,
        caption: captions::card,
    },
];

/// Render every chart of [`CHARTS`] into `dir`.
pub fn render_all(input: &ReportInput, dir: &Path) -> Result<&'static [Chart]> {
    register_fonts();
    for chart in CHARTS {
        render(dir, chart.file, |root| (chart.draw)(input, root))?;
    }
    Ok(CHARTS)
}

/// Draw the long view of `analysis` in memory and say where its labels
/// went: for the check that no label overlaps another or leaves the plot.
pub fn long_view_labels(
    analysis: &crate::analysis::Analysis,
    settings: &crate::config::Settings,
) -> Result<longview::Labels> {
    register_fonts();
    let log = polars::prelude::DataFrame::empty();
    let week = analysis
        .data_range
        .map_or("no-data".into(), |r| crate::analysis::runs::iso_week(r.1));
    let input = ReportInput {
        analysis,
        settings,
        week,
        data_range: analysis.data_range,
        counts: Default::default(),
        ingest_log: &log,
        since: None,
    };
    let mut buf = vec![0u8; (W * H * 3) as usize];
    let fail = |e: Box<dyn std::error::Error + Send + Sync>| Error::Chart {
        name: "long_view.png".into(),
        message: e.to_string(),
    };
    let root = BitMapBackend::with_buffer(&mut buf, (W, H)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| fail(e.into()))?;
    longview::draw_labelled(&input, &root).map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_labels_show_the_year_when_the_axis_crosses_one() {
        let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
        assert_eq!(date_labels(d("2026-01-05"), 120.0)(&10.0), "15 Jan");
        assert_eq!(date_labels(d("2025-11-01"), 120.0)(&70.0), "10 Jan 2026");
        assert_eq!(date_labels(d("2013-05-01"), 900.0)(&400.0), "Jun 2014");
    }
}
