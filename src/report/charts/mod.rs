//! PNG charts (plotters, bundled DejaVu Sans: no system font library).
//!
//! One theme: white background, 1600×900, large type for phones. Every
//! chart carries a title, the athlete's name and date range, axis units,
//! which direction is better and a legend row in its header (never over the
//! data); time axes shade the strength block and mark the baseline and
//! recent periods. The same inputs give the same bytes.

mod timeseries;
mod weekly;

use super::ReportInput;
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

/// Render every chart into `dir`; returns the file names in report order.
pub fn render_all(input: &ReportInput, dir: &Path) -> Result<Vec<String>> {
    register_fonts();
    let a = input.analysis;
    let heat = a.effort.heat.is_some();
    // Pace is plotted as minus seconds per km, so that up is faster.
    let pace_fmt = |y: &f64| format_pace(-y);
    let speed = timeseries::Series {
        file: "pace_at_reference_hr.png",
        title: format!("Pace at {:.0} bpm over time", a.reference_hr),
        y_desc: if heat {
            "pace at ref. heart rate, heat-adjusted (min/km)"
        } else {
            "pace at reference heart rate (min/km)"
        },
        better: "higher on the chart = faster at the same heart rate = better",
        points: timeseries::points(input, |r| r.speed_used, |v| -1000.0 / v),
        y_fmt: &pace_fmt,
        means: a
            .effort
            .speed_at_ref_hr
            .as_ref()
            .ok()
            .map(|e| (-1000.0 / e.baseline, -1000.0 / e.recent)),
        empty_reason: a
            .effort
            .speed_at_ref_hr
            .as_ref()
            .err()
            .cloned()
            .unwrap_or_else(|| "no usable runs".into()),
    };
    let hr_points = timeseries::points(input, |r| r.hr_used, |v| v);
    // A narrow range needs a decimal, or neighbouring ticks read the same.
    let span = hr_points
        .iter()
        .map(|p| p.1)
        .fold(f64::NEG_INFINITY, f64::max)
        - hr_points.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let decimals = if span < 6.0 { 1 } else { 0 };
    let bpm_fmt = move |y: &f64| format!("{y:.decimals$}");
    let hr = timeseries::Series {
        file: "hr_at_reference_pace.png",
        title: format!(
            "Heart rate at {}/km over time",
            format_pace(1000.0 / a.reference_speed_mps)
        ),
        y_desc: if heat {
            "heart rate at ref. pace, heat-adjusted (bpm)"
        } else {
            "heart rate at reference pace (bpm)"
        },
        better: "lower = less effort for the same pace = better",
        points: hr_points,
        y_fmt: &bpm_fmt,
        means: a
            .effort
            .hr_at_ref_pace
            .as_ref()
            .ok()
            .map(|e| (e.baseline, e.recent)),
        empty_reason: a
            .effort
            .hr_at_ref_pace
            .as_ref()
            .err()
            .cloned()
            .unwrap_or_else(|| "no usable runs".into()),
    };
    Ok(vec![
        render(dir, speed.file, |root| {
            timeseries::draw(input, &speed, root)
        })?,
        render(dir, hr.file, |root| timeseries::draw(input, &hr, root))?,
        render(dir, weekly::FILE, |root| weekly::draw(input, root))?,
    ])
}
