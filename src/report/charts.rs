//! PNG charts (plotters, bundled DejaVu Sans, no system font library).
//!
//! One theme: white background, 1600×900, large type for phones. Every
//! chart carries a title, the athlete's name and date range, axis units,
//! which direction is better, the strength block shaded and the baseline
//! and recent periods marked, so it stands alone when forwarded.

use super::ReportInput;
use crate::analysis::runs::RunMetrics;
use crate::config::format_pace;
use crate::error::{Error, Result};
use chrono::NaiveDate;
use plotters::prelude::*;
use plotters::style::FontStyle;
use std::path::Path;
use std::sync::Once;

const W: u32 = 1600;
const H: u32 = 900;
const FONT: &str = "sans-serif";
const INK: RGBColor = RGBColor(33, 37, 41);
const POINT: RGBColor = RGBColor(52, 101, 164);
const TREND: RGBColor = RGBColor(204, 85, 0);
const BLOCK: RGBColor = RGBColor(46, 139, 87);
const PERIOD: RGBColor = RGBColor(120, 120, 120);

static FONTS: Once = Once::new();

fn register_fonts() {
    FONTS.call_once(|| {
        let regular: &'static [u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
        let bold: &'static [u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
        // The bundled fonts are valid; a failure here would show as missing text, not a crash.
        let _ = plotters::style::register_font(FONT, FontStyle::Normal, regular);
        let _ = plotters::style::register_font(FONT, FontStyle::Bold, bold);
    });
}

fn chart_err(name: &str) -> impl Fn(String) -> Error + '_ {
    move |message| Error::Chart {
        name: name.to_string(),
        message,
    }
}

/// Days since `origin` as a chart coordinate.
fn day(origin: NaiveDate, d: NaiveDate) -> f64 {
    (d - origin).num_days() as f64
}

/// What one time-series chart shows.
struct Series<'a> {
    file: &'a str,
    title: String,
    y_desc: String,
    better: &'a str,
    /// (day, value) per run.
    points: Vec<(f64, f64)>,
    /// Formats a y value for the axis.
    y_fmt: &'a dyn Fn(&f64) -> String,
    /// Baseline and recent means, if estimated.
    means: Option<(f64, f64)>,
    /// Shown instead of the data when there are none.
    empty_reason: String,
}

fn header(
    area: &DrawingArea<BitMapBackend, plotters::coord::Shift>,
    title: &str,
    sub: &str,
) -> Result<(), String> {
    let t = TextStyle::from((FONT, 46).into_font().style(FontStyle::Bold)).color(&INK);
    area.draw_text(title, &t, (40, 24))
        .map_err(|e| e.to_string())?;
    let s = TextStyle::from((FONT, 30).into_font()).color(&PERIOD);
    area.draw_text(sub, &s, (40, 84)).map_err(|e| e.to_string())
}

fn subtitle(input: &ReportInput, better: &str) -> String {
    let range = input
        .data_range
        .map_or("no data".into(), |(f, t)| format!("{f} to {t}"));
    format!("{} · {range} · {better}", input.settings.athlete_name)
}

fn time_series(input: &ReportInput, s: &Series, dir: &Path) -> Result<String> {
    let err = chart_err(s.file);
    let path = dir.join(s.file);
    let origin = input.data_range.map_or(NaiveDate::MIN, |r| r.0);
    let x_max = input.data_range.map_or(7.0, |(f, t)| day(f, t) + 1.0);
    {
        let root = BitMapBackend::new(&path, (W, H)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| err(e.to_string()))?;
        let (top, body) = root.split_vertically(130);
        header(&top, &s.title, &subtitle(input, s.better)).map_err(&err)?;
        let ys: Vec<f64> = s.points.iter().map(|p| p.1).collect();
        let (lo, hi) = ys
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &y| {
                (a.min(y), b.max(y))
            });
        let (lo, hi) = if lo.is_finite() { (lo, hi) } else { (0.0, 1.0) };
        let pad = ((hi - lo) * 0.12).max(1e-3);
        let mut chart = ChartBuilder::on(&body)
            .margin_left(30)
            .margin_right(50)
            .margin_bottom(20)
            .x_label_area_size(80)
            .y_label_area_size(140)
            .build_cartesian_2d(0.0..x_max, (lo - pad)..(hi + pad))
            .map_err(|e| err(e.to_string()))?;
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
            .y_label_formatter(s.y_fmt)
            .x_desc("date")
            .y_desc(s.y_desc.as_str())
            .label_style((FONT, 28))
            .axis_desc_style((FONT, 30))
            .light_line_style(RGBColor(235, 235, 235))
            .draw()
            .map_err(|e| err(e.to_string()))?;
        let (y0, y1) = (lo - pad, hi + pad);
        if let Some(b) = input.analysis.block_start {
            let x = day(origin, b);
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(x, y0), (x_max, y1)],
                    BLOCK.mix(0.08).filled(),
                )))
                .map_err(|e| err(e.to_string()))?
                .label("strength block")
                .legend(|(x, y)| {
                    Rectangle::new([(x, y - 10), (x + 30, y + 10)], BLOCK.mix(0.3).filled())
                });
        }
        if let Some(p) = input.analysis.periods {
            for (period, (name, mean)) in [p.baseline, p.recent].iter().zip([
                ("baseline", s.means.map(|m| m.0)),
                ("recent", s.means.map(|m| m.1)),
            ]) {
                let (a, b) = (day(origin, period.from), day(origin, period.to) + 1.0);
                chart
                    .draw_series(std::iter::once(Rectangle::new(
                        [(a, y1 - pad * 0.35), (b, y1)],
                        PERIOD.mix(0.35).filled(),
                    )))
                    .map_err(|e| err(e.to_string()))?;
                chart
                    .draw_series(std::iter::once(Text::new(
                        name,
                        (a + 0.5, y1 - pad * 0.05),
                        (FONT, 24).into_font().color(&INK),
                    )))
                    .map_err(|e| err(e.to_string()))?;
                if let Some(m) = mean {
                    chart
                        .draw_series(LineSeries::new([(a, m), (b, m)], TREND.stroke_width(5)))
                        .map_err(|e| err(e.to_string()))?;
                }
            }
        }
        chart
            .draw_series(
                s.points
                    .iter()
                    .map(|&(x, y)| Circle::new((x, y), 7, POINT.mix(0.75).filled())),
            )
            .map_err(|e| err(e.to_string()))?
            .label("one run")
            .legend(|(x, y)| Circle::new((x + 15, y), 7, POINT.filled()));
        if s.means.is_some() {
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![],
                    TREND.stroke_width(5),
                )))
                .map_err(|e| err(e.to_string()))?
                .label("period mean")
                .legend(|(x, y)| {
                    PathElement::new(vec![(x, y), (x + 30, y)], TREND.stroke_width(5))
                });
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .label_font((FONT, 26))
            .background_style(WHITE.mix(0.85))
            .border_style(PERIOD)
            .draw()
            .map_err(|e| err(e.to_string()))?;
        if s.points.is_empty() {
            let style = TextStyle::from((FONT, 36).into_font()).color(&INK);
            body.draw_text(&s.empty_reason, &style, (200, 380))
                .map_err(|e| err(e.to_string()))?;
        }
        root.present().map_err(|e| err(e.to_string()))?;
    }
    Ok(s.file.to_string())
}

/// Sessions of one kind in a week.
type WeekCount = fn(&crate::analysis::WeekRow) -> usize;

fn weekly(input: &ReportInput, dir: &Path) -> Result<String> {
    let file = "weekly_training.png";
    let err = chart_err(file);
    let weeks = &input.analysis.weeks;
    let path = dir.join(file);
    {
        let root = BitMapBackend::new(&path, (W, H)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| err(e.to_string()))?;
        let (top, body) = root.split_vertically(130);
        header(
            &top,
            "Weekly training: running distance and gym sessions",
            &subtitle(input, "bars: km run; dots: gym sessions"),
        )
        .map_err(&err)?;
        // Head room for the legend and the stacked gym dots.
        let max_km = weeks.iter().map(|w| w.distance_km).fold(10.0, f64::max) * 1.55;
        let n = weeks.len().max(1) as f64;
        let mut chart = ChartBuilder::on(&body)
            .margin_left(30)
            .margin_right(50)
            .margin_bottom(20)
            .x_label_area_size(80)
            .y_label_area_size(140)
            .build_cartesian_2d(-0.5..n - 0.5, 0.0..max_km)
            .map_err(|e| err(e.to_string()))?;
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
            .y_desc("running distance (km)")
            .label_style((FONT, 26))
            .axis_desc_style((FONT, 30))
            .light_line_style(RGBColor(235, 235, 235))
            .draw()
            .map_err(|e| err(e.to_string()))?;
        chart
            .draw_series(weeks.iter().enumerate().map(|(i, w)| {
                Rectangle::new(
                    [(i as f64 - 0.35, 0.0), (i as f64 + 0.35, w.distance_km)],
                    POINT.mix(0.7).filled(),
                )
            }))
            .map_err(|e| err(e.to_string()))?
            .label("km run")
            .legend(|(x, y)| {
                Rectangle::new([(x, y - 10), (x + 30, y + 10)], POINT.mix(0.7).filled())
            });
        let kinds: [(&str, RGBColor, WeekCount); 3] = [
            ("heavy session", BLOCK, |w| w.heavy),
            ("plyometric session", TREND, |w| w.plyometric),
            ("high-rep / other session", PERIOD, |w| w.high_rep + w.mixed),
        ];
        let step = max_km * 0.045;
        for (k, (name, color, count)) in kinds.iter().enumerate() {
            let mut dots = Vec::new();
            for (i, w) in weeks.iter().enumerate() {
                let below: usize = kinds[..k].iter().map(|(_, _, c)| c(w)).sum();
                for j in 0..count(w) {
                    dots.push((i as f64, w.distance_km + step * (1.0 + (below + j) as f64)));
                }
            }
            let color = *color;
            chart
                .draw_series(
                    dots.into_iter()
                        .map(move |p| Circle::new(p, 9, color.filled())),
                )
                .map_err(|e| err(e.to_string()))?
                .label(*name)
                .legend(move |(x, y)| Circle::new((x + 15, y), 9, color.filled()));
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .label_font((FONT, 26))
            .background_style(WHITE.mix(0.85))
            .border_style(PERIOD)
            .draw()
            .map_err(|e| err(e.to_string()))?;
        root.present().map_err(|e| err(e.to_string()))?;
    }
    Ok(file.to_string())
}

fn points(
    input: &ReportInput,
    f: fn(&RunMetrics) -> Option<f64>,
    map: impl Fn(f64) -> f64,
) -> Vec<(f64, f64)> {
    let origin = input.data_range.map_or(NaiveDate::MIN, |r| r.0);
    input
        .analysis
        .runs
        .iter()
        .filter_map(|r| f(r).map(|v| (day(origin, r.start_local.date()) + 0.5, map(v))))
        .collect()
}

/// Render every chart into `dir`; returns the file names in report order.
pub fn render_all(input: &ReportInput, dir: &Path) -> Result<Vec<String>> {
    register_fonts();
    let a = input.analysis;
    // Pace is plotted as minus seconds per km, so that up is faster.
    let pace_fmt = |y: &f64| format_pace(-y);
    let speed = Series {
        file: "pace_at_reference_hr.png",
        title: format!("Pace at {:.0} bpm over time", a.reference_hr),
        y_desc: "pace at reference heart rate (min/km)".into(),
        better: "higher on the chart = faster at the same heart rate = better",
        points: points(input, |r| r.speed_at_ref_hr, |v| -1000.0 / v),
        y_fmt: &pace_fmt,
        means: a
            .speed_at_ref_hr
            .as_ref()
            .ok()
            .map(|e| (-1000.0 / e.baseline, -1000.0 / e.recent)),
        empty_reason: a
            .speed_at_ref_hr
            .as_ref()
            .err()
            .cloned()
            .unwrap_or_else(|| "no usable runs".into()),
    };
    let bpm_fmt = |y: &f64| format!("{y:.0}");
    let hr = Series {
        file: "hr_at_reference_pace.png",
        title: format!(
            "Heart rate at {}/km over time",
            format_pace(1000.0 / a.reference_speed_mps)
        ),
        y_desc: "heart rate at reference pace (bpm)".into(),
        better: "lower = less effort for the same pace = better",
        points: points(input, |r| r.hr_at_ref_pace, |v| v),
        y_fmt: &bpm_fmt,
        means: a
            .hr_at_ref_pace
            .as_ref()
            .ok()
            .map(|e| (e.baseline, e.recent)),
        empty_reason: a
            .hr_at_ref_pace
            .as_ref()
            .err()
            .cloned()
            .unwrap_or_else(|| "no usable runs".into()),
    };
    Ok(vec![
        time_series(input, &speed, dir)?,
        time_series(input, &hr, dir)?,
        weekly(input, dir)?,
    ])
}
