//! A per-run metric over time: one dot per run, the baseline and recent
//! means as lines, the periods marked along the top, the blocks of lifting
//! shaded, over the dates [`super::view`] picks. Without data the chart
//! says why in its middle.

use super::date_chart;
use super::{Area, BLOCK, DrawResult, FONT, INK, MUTED, Mark, POINT, TREND, frame};
use crate::analysis::runs::RunMetrics;
use crate::report::ReportInput;
use chrono::NaiveDate;
use plotters::prelude::*;
use statrs::distribution::{ContinuousCDF, StudentsT};

/// What one time-series chart shows.
pub struct Series {
    /// Title.
    pub title: String,
    /// Y axis description with unit.
    pub y_desc: String,
    /// Which direction is better.
    pub better: &'static str,
    /// (day since the first date, value) per run.
    pub points: Vec<(f64, f64)>,
    /// Formats a y value for the axis.
    pub y_fmt: Box<dyn Fn(&f64) -> String>,
    /// Baseline and recent means, if estimated.
    pub means: Option<(f64, f64)>,
    /// Shown instead of the data when there are none.
    pub empty_reason: String,
    /// The legend's name for the points.
    pub point_label: &'static str,
    /// A second quantity in the same unit, drawn as its own points.
    pub second: Option<(&'static str, Vec<(f64, f64)>)>,
}

fn day(origin: NaiveDate, d: NaiveDate) -> f64 {
    (d - origin).num_days() as f64
}

/// The chart coordinates of each run's value `f`, mapped by `map`.
pub fn points(
    input: &ReportInput,
    f: fn(&RunMetrics) -> Option<f64>,
    map: impl Fn(f64) -> f64,
) -> Vec<(f64, f64)> {
    let Some((origin, last)) = super::view(input) else {
        return Vec::new();
    };
    let runs = &input.analysis.runs;
    runs.iter()
        .filter(|r| (origin..=last).contains(&r.start_local.date()))
        .filter_map(|r| f(r).map(|v| (day(origin, r.start_local.date()) + 0.5, map(v))))
        .collect()
}

/// Half-width of the trend window, days.
const TREND_HALF_DAYS: f64 = 14.0;
const TREND_LINE: RGBColor = RGBColor(24, 54, 104);
/// The second quantity's points.
const SECOND: RGBColor = RGBColor(148, 103, 189);

/// A 28-day moving mean of the points on a 2-day grid, with its 95 % band
/// (`mean ± t · sd / √n`, Student's t); `(x, mean, low, high)` where at
/// least four runs fall in the window.
pub fn trend(points: &[(f64, f64)], x_max: f64) -> Vec<(f64, f64, f64, f64)> {
    let mut out = Vec::new();
    let mut x = 0.0;
    while x <= x_max {
        let ys: Vec<f64> = points
            .iter()
            .filter(|p| (p.0 - x).abs() <= TREND_HALF_DAYS)
            .map(|p| p.1)
            .collect();
        if ys.len() >= 4 {
            let n = ys.len() as f64;
            let mean = ys.iter().sum::<f64>() / n;
            let sd = (ys.iter().map(|y| (y - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
            let t = StudentsT::new(0.0, 1.0, n - 1.0).map_or(3.0, |d| d.inverse_cdf(0.975));
            let half = t * sd / n.sqrt();
            out.push((x, mean, mean - half, mean + half));
        }
        x += 2.0;
    }
    out
}

/// The legend: runs and trend, and means, blocks and periods where there are any.
fn legend(a: &crate::analysis::Analysis, s: &Series) -> Vec<(Mark, &'static str)> {
    let mut legend = vec![(Mark::Dot(POINT), s.point_label)];
    if let Some((label, _)) = &s.second {
        legend.push((Mark::Dot(SECOND), label));
    }
    legend.push((Mark::Line(TREND_LINE), "28-day trend, 95 % band"));
    if s.means.is_some() {
        legend.push((Mark::Line(TREND), "period mean"));
    }
    if !a.blocks.is_empty() {
        legend.push((Mark::Band(BLOCK, 0.25), "lifting block"));
    }
    if a.periods.is_some() {
        legend.push((Mark::Band(MUTED, 0.4), "baseline / recent period"));
    }
    legend
}

/// The baseline and recent periods as labelled bands along the top (`y1`,
/// `pad` deep), each with its mean as a line.
fn draw_periods(
    chart: &mut super::DateChart,
    p: crate::analysis::periods::Periods,
    means: Option<(f64, f64)>,
    origin: NaiveDate,
    (y1, pad): (f64, f64),
) -> DrawResult {
    let means = [means.map(|m| m.0), means.map(|m| m.1)];
    let named = [(p.baseline, "baseline"), (p.recent, "recent")];
    for ((period, name), mean) in named.into_iter().zip(means) {
        let (from, to) = (
            day(origin, period.from).max(0.0),
            day(origin, period.to) + 1.0,
        );
        let band = Rectangle::new(
            [(from, y1 - pad * 0.35), (to, y1)],
            MUTED.mix(0.35).filled(),
        );
        chart.draw_series(std::iter::once(band))?;
        let label = Text::new(
            name,
            (from + 0.5, y1 - pad * 0.05),
            (FONT, 24).into_font().color(&INK),
        );
        chart.draw_series(std::iter::once(label))?;
        if let Some(m) = mean {
            chart.draw_series(LineSeries::new([(from, m), (to, m)], TREND.stroke_width(5)))?;
        }
    }
    Ok(())
}

/// Draw `s` on `root`.
pub fn draw(input: &ReportInput, s: &Series, root: &Area) -> DrawResult {
    let a = input.analysis;
    let legend = legend(a, s);
    let note = s
        .means
        .is_none()
        .then(|| format!("No estimate: {}", s.empty_reason));
    let range = super::view(input);
    let head = super::Head {
        title: &s.title,
        range,
        better: s.better,
        legend: &legend,
        note: note.as_deref(),
    };
    let body = frame(root, input, head)?;
    let origin = range.map_or(NaiveDate::MIN, |r| r.0);
    let x_max = range.map_or(7.0, |(f, t)| day(f, t) + 1.0);
    let second = s.second.as_ref().map_or(&[][..], |(_, p)| p.as_slice());
    let (lo, hi) = (s.points.iter().chain(second))
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| {
            (a.min(p.1), b.max(p.1))
        });
    let (lo, hi) = if lo.is_finite() { (lo, hi) } else { (0.0, 1.0) };
    let pad = ((hi - lo) * 0.12).max(1e-3);
    let (y0, y1) = (lo - pad, hi + pad);
    let mut chart = date_chart(&body, origin, x_max, y0..y1, &s.y_desc, &s.y_fmt)?;
    super::shade_blocks(&mut chart, input, origin, x_max, (y0, y1))?;
    if let Some(p) = a.periods {
        draw_periods(&mut chart, p, s.means, origin, (y1, pad))?;
    }
    let smooth = trend(&s.points, x_max);
    // Each run of consecutive grid points is drawn as its own band and line.
    for piece in smooth.chunk_by(|a, b| b.0 - a.0 <= 2.0 + 1e-9) {
        let mut outline: Vec<(f64, f64)> = piece.iter().map(|p| (p.0, p.3.min(y1))).collect();
        outline.extend(piece.iter().rev().map(|p| (p.0, p.2.max(y0))));
        chart.draw_series(std::iter::once(Polygon::new(
            outline,
            TREND_LINE.mix(0.12).filled(),
        )))?;
        chart.draw_series(LineSeries::new(
            piece.iter().map(|p| (p.0, p.1)),
            TREND_LINE.stroke_width(3),
        ))?;
    }
    chart.draw_series(
        s.points
            .iter()
            .map(|&(x, y)| Circle::new((x, y), 7, POINT.mix(0.75).filled())),
    )?;
    chart.draw_series(
        second
            .iter()
            .map(|&(x, y)| Circle::new((x, y), 6, SECOND.mix(0.75).filled())),
    )?;
    if s.points.is_empty() {
        let style = TextStyle::from((FONT, 34).into_font()).color(&INK);
        body.draw_text("No run has a usable steady state yet.", &style, (180, 300))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trend_needs_four_runs_and_brackets_the_mean() {
        let pts: Vec<(f64, f64)> = (0..10)
            .map(|i| (f64::from(i) * 3.0, 10.0 + f64::from(i % 2)))
            .collect();
        let t = trend(&pts, 27.0);
        assert!(!t.is_empty());
        for (x, mean, lo, hi) in &t {
            assert!(lo < mean && mean < hi, "at {x}");
            assert!((10.0..=11.0).contains(mean));
        }
        assert!(trend(&pts[..3], 27.0).is_empty());
    }
}
