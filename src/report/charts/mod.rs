//! PNG charts (plotters, bundled DejaVu Sans: no system font library).
//!
//! One theme: white background, 1600×900, large type for phones. Every
//! chart carries a title, the athlete's name and date range, axis units,
//! which direction is better and a legend row in its header (never over the
//! data); time axes shade the strength block and mark the baseline and
//! recent periods. The same inputs give the same bytes.

mod card;
mod lifts;
mod timeseries;
mod weekly;

use super::ReportInput;
use crate::analysis::estimate::Estimate;
use crate::config::format_pace;
use crate::error::{Error, Result};
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

/// A legend entry's symbol.
#[derive(Clone, Copy)]
enum Mark {
    Dot(RGBColor),
    Line(RGBColor),
    Band(RGBColor, f64),
}

/// Height of the header with a note line below the legend, px.
const HEADER_WITH_NOTE: u32 = 225;

/// Title, subtitle (athlete · dates · what is better), the legend row and
/// an optional note (why there is no estimate).
fn header(
    area: &Area,
    title: &str,
    sub: &str,
    legend: &[(Mark, &str)],
    note: Option<&str>,
) -> DrawResult {
    area.draw_text(
        title,
        &TextStyle::from((FONT, 46).into_font().style(FontStyle::Bold)).color(&INK),
        (40, 20),
    )?;
    area.draw_text(
        sub,
        &TextStyle::from((FONT, 30).into_font()).color(&MUTED),
        (40, 80),
    )?;
    let style = TextStyle::from((FONT, 28).into_font()).color(&INK);
    let (mut x, y) = (40i32, 140i32);
    for (mark, label) in legend {
        match *mark {
            Mark::Dot(c) => area.draw(&Circle::new((x + 12, y), 9, c.filled()))?,
            Mark::Line(c) => area.draw(&PathElement::new(
                vec![(x, y), (x + 34, y)],
                c.stroke_width(6),
            ))?,
            Mark::Band(c, a) => area.draw(&Rectangle::new(
                [(x, y - 12), (x + 34, y + 12)],
                c.mix(a).filled(),
            ))?,
        }
        area.draw_text(label, &style, (x + 46, y - 15))?;
        let (w, _) = area.estimate_text_size(label, &style)?;
        x += 46 + w as i32 + 40;
    }
    if let Some(note) = note {
        area.draw_text(
            note,
            &TextStyle::from((FONT, 28).into_font().style(FontStyle::Bold)).color(&TREND),
            (40, 172),
        )?;
    }
    Ok(())
}

/// Split `root` into header and plot body, draw the header (title,
/// athlete · dates · `better`, legend, optional note), return the body.
fn frame<'b>(
    root: &Area<'b>,
    input: &ReportInput,
    title: &str,
    better: &str,
    legend: &[(Mark, &str)],
    note: Option<&str>,
) -> DrawResult<Area<'b>> {
    let (top, body) = root.split_vertically(if note.is_some() {
        HEADER_WITH_NOTE
    } else {
        HEADER
    });
    header(&top, title, &subtitle(input, better), legend, note)?;
    Ok(body)
}

fn subtitle(input: &ReportInput, better: &str) -> String {
    let range = input
        .data_range
        .map_or("no data".into(), |(f, t)| format!("{f} to {t}"));
    format!("{} · {range} · {better}", input.settings.athlete_name)
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
    let x_fmt = |x: &f64| {
        (origin + chrono::Duration::days(*x as i64))
            .format("%d %b")
            .to_string()
    };
    chart
        .configure_mesh()
        .x_labels(8)
        .y_labels(8)
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

/// Render every chart into `dir`; returns the file names in report order.
pub fn render_all(input: &ReportInput, dir: &Path) -> Result<Vec<String>> {
    register_fonts();
    let a = input.analysis;
    let units = input.settings.units;
    let heat = if a.effort.heat.is_some() {
        ", heat-adjusted"
    } else {
        ""
    };
    let per = units.pace_unit();
    // Pace is plotted as minus seconds per distance unit, so that up is faster.
    let to_pace = move |v: f64| -units.pace_s(1000.0 / v);
    let pace_fmt = |y: &f64| format_pace(-y);
    let (m, why) = means(&a.effort.speed_at_ref_hr, to_pace);
    let speed = timeseries::Series {
        file: "pace_at_reference_hr.png",
        title: format!("Pace at {:.0} bpm over time", a.reference_hr),
        y_desc: format!("pace at reference heart rate{heat} (min{per})"),
        better: "higher on the chart = faster at the same heart rate = better",
        points: timeseries::points(input, |r| r.speed_used, to_pace),
        y_fmt: &pace_fmt,
        means: m,
        empty_reason: why,
    };
    let hr_points = timeseries::points(input, |r| r.hr_used, |v| v);
    let bpm_fmt = number_format(&hr_points, 6.0);
    let (m, why) = means(&a.effort.hr_at_ref_pace, |v| v);
    let hr = timeseries::Series {
        file: "hr_at_reference_pace.png",
        title: format!(
            "Heart rate at {}{per} over time",
            format_pace(units.pace_s(1000.0 / a.reference_speed_mps))
        ),
        y_desc: format!("heart rate at reference pace{heat} (bpm)"),
        better: "lower = less effort for the same pace = better",
        points: hr_points,
        y_fmt: &bpm_fmt,
        means: m,
        empty_reason: why,
    };
    let rpe_points = timeseries::points(input, |r| r.rpe.filter(|_| r.kind == "easy"), |v| v);
    let rpe_fmt = number_format(&rpe_points, 8.0);
    let (m, why) = means(&a.effort.rpe_at_easy_pace, |v| v);
    let rpe = timeseries::Series {
        file: "rpe_at_easy_pace.png",
        title: "How easy runs feel: RPE after easy runs".to_string(),
        y_desc: "RPE, 0–10 (CR10)".to_string(),
        better: "lower = easy pace feels easier = better",
        points: rpe_points,
        y_fmt: &rpe_fmt,
        means: m,
        empty_reason: why,
    };
    let late_points = timeseries::points(
        input,
        |r| r.decoupling_pct.filter(|_| r.kind == "long"),
        |v| v,
    );
    let late_fmt = number_format(&late_points, 6.0);
    let (m, why) = means(&a.effort.long_run_decoupling, |v| v);
    let late = timeseries::Series {
        file: "long_run_form.png",
        title: "Late-run form: heart-rate drift on long runs".to_string(),
        y_desc: "aerobic decoupling (%)".to_string(),
        better: "lower = less drift late in the run = better",
        points: late_points,
        y_fmt: &late_fmt,
        means: m,
        empty_reason: why,
    };
    let mut files = Vec::new();
    for s in [&speed, &hr, &rpe, &late] {
        files.push(render(dir, s.file, |root| {
            timeseries::draw(input, s, root)
        })?);
    }
    files.push(render(dir, weekly::FILE, |root| weekly::draw(input, root))?);
    files.push(render(dir, lifts::FILE, |root| lifts::draw(input, root))?);
    files.push(card::render(input, dir)?);
    Ok(files)
}
