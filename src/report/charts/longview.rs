//! The long view: pace at the reference heart rate month by month over the
//! whole history (median and interquartile band), the blocks of lifting
//! shaded with their comparison's change, and changes of watch or
//! heart-rate sensor marked, since new kit shifts heart rate. Labels are
//! placed by [`super::labels`], so none overlaps another or leaves the plot.

use super::labels::{self, Placed, Rect, Wanted};
use super::{Area, BLOCK, DrawResult, FONT, INK, MUTED, Mark, POINT, date_chart, frame};
use crate::config::format_pace;
use crate::report::ReportInput;
use chrono::{Datelike, NaiveDate};
use plotters::prelude::*;

/// Rows of labels at the top of the plot.
const LABEL_ROWS: usize = 4;

/// The labels the long view drew, and its plot area (px).
#[derive(Clone, Debug)]
pub struct Labels {
    /// The plot area.
    pub plot: Rect,
    /// Every label drawn.
    pub placed: Vec<Placed>,
    /// Labels wanted, drawn or not.
    pub wanted: usize,
}

/// First day of the month after `d`'s.
fn next_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).expect("a valid month")
}

/// Draw the long view on `root`.
pub fn draw(input: &ReportInput, root: &Area) -> DrawResult {
    draw_labelled(input, root).map(|_| ())
}

/// Draw the long view on `root`, and say where its labels went.
pub fn draw_labelled(input: &ReportInput, root: &Area) -> DrawResult<Labels> {
    let a = input.analysis;
    let units = input.settings.units;
    let per = units.pace_unit();
    let to_pace = |v: f64| -units.pace_s(1000.0 / v);
    let title = format!(
        "The long view: pace at {:.0} bpm month by month",
        a.reference_hr
    );
    let legend = legend(a);
    let note = a
        .months
        .is_empty()
        .then_some("No month has two runs with a usable steady state yet.");
    let head = super::Head {
        title: &title,
        range: input.data_range,
        better: "higher = faster at the same heart rate = better",
        legend: &legend,
        note,
    };
    let body = frame(root, input, head)?;
    let Some((first, last)) = input.data_range else {
        return Ok(Labels {
            plot: [0; 4],
            placed: Vec::new(),
            wanted: 0,
        });
    };
    let origin = NaiveDate::from_ymd_opt(first.year(), first.month(), 1).expect("a valid month");
    let x_max = (next_month(last) - origin).num_days() as f64;
    let day = |d: NaiveDate| (d - origin).num_days() as f64;
    let (y0, y1) = y_range(&a.months, to_pace);
    let y_desc = format!("pace at reference heart rate (min{per})");
    let pace_fmt = |y: &f64| format_pace(-y);
    let mut chart = date_chart(&body, origin, x_max, y0..y1, &y_desc, &pace_fmt)?;
    super::shade_blocks(&mut chart, input, origin, x_max, (y0, y1))?;
    if let Some((lo, hi)) = wander_band(a) {
        let (lo, hi) = (to_pace(lo).max(y0), to_pace(hi).min(y1));
        chart.draw_series(std::iter::once(Rectangle::new(
            [(0.0, lo), (x_max, hi)],
            MUTED.mix(0.15).filled(),
        )))?;
    }
    for m in &a.months {
        let (x0, x1) = (day(m.month) + 2.0, day(next_month(m.month)) - 2.0);
        chart.draw_series(std::iter::once(Rectangle::new(
            [(x0, to_pace(m.q25_mps)), (x1, to_pace(m.q75_mps))],
            POINT.mix(0.25).filled(),
        )))?;
    }
    // The median line is broken where a month has no value.
    let mid = |m: &crate::analysis::longview::Month| {
        (
            (day(m.month) + day(next_month(m.month))) / 2.0,
            to_pace(m.median_mps),
        )
    };
    for piece in a.months.chunk_by(|p, q| next_month(p.month) == q.month) {
        chart.draw_series(LineSeries::new(
            piece.iter().map(mid),
            POINT.stroke_width(4),
        ))?;
    }
    chart.draw_series(
        a.months
            .iter()
            .map(|m| Circle::new(mid(m), 6, POINT.filled())),
    )?;
    let mut marks: Vec<(f64, Vec<String>, RGBColor)> = (a.kit_changes.iter().enumerate())
        .map(|(i, c)| (day(c.date), vec![c.what.clone(), (i + 1).to_string()], INK))
        .collect();
    for c in &a.block_comparisons {
        if let Ok(e) = &c.speed {
            let verdict = if e.clear() { "clear" } else { "not clear" };
            let full = format!("block: {:+.1} %, {verdict}", e.change);
            marks.push((
                day(c.block.from),
                vec![full, format!("{:+.0} %", e.change)],
                BLOCK,
            ));
        }
    }
    marks.sort_by(|p, q| p.0.total_cmp(&q.0));
    for &(x, _, color) in &marks {
        if color == INK {
            chart.draw_series(LineSeries::new([(x, y0), (x, y1)], MUTED.stroke_width(2)))?;
        }
    }
    let (xs, ys) = chart.plotting_area().get_pixel_range();
    let plot = [xs.start, ys.start, xs.end, ys.end];
    let style = TextStyle::from((FONT, 22).into_font());
    let measure = |t: &str| {
        root.estimate_text_size(t, &style)
            .map_or((14 * t.len() as i32, 24), |(w, h)| (w as i32, h as i32))
    };
    let wanted: Vec<Wanted> = (marks.iter())
        .map(|(x, texts, _)| Wanted {
            x: chart.backend_coord(&(*x, y1)).0,
            texts: texts.clone(),
        })
        .collect();
    let placed = labels::place(&wanted, plot, LABEL_ROWS, measure);
    for (p, (_, _, color)) in placed.iter().zip(&marks) {
        if let Some(p) = p {
            root.draw_text(&p.text, &style.color(color), (p.rect[0], p.rect[1]))?;
        }
    }
    Ok(Labels {
        plot,
        placed: placed.into_iter().flatten().collect(),
        wanted: wanted.len(),
    })
}

/// The recent level's speed less and plus the runner's usual wander
/// (m/s): how far a stretch moves on its own, with no change of fitness.
fn wander_band(a: &crate::analysis::Analysis) -> Option<(f64, f64)> {
    let e = a.effort.speed_at_ref_hr.as_ref().ok()?;
    let k = 1.0 + e.wander / 100.0;
    Some((e.recent / k, e.recent * k))
}

/// The legend: median, middle half, the usual wander, and blocks and kit
/// changes where there are any.
fn legend(a: &crate::analysis::Analysis) -> Vec<(Mark, &'static str)> {
    let mut legend = vec![
        (Mark::Line(POINT), "monthly median"),
        (Mark::Band(POINT, 0.25), "middle half of the month's runs"),
    ];
    if wander_band(a).is_some() {
        legend.push((
            Mark::Band(MUTED, 0.15),
            "usual wander around the recent level",
        ));
    }
    if !a.blocks.is_empty() {
        legend.push((Mark::Band(BLOCK, 0.25), "lifting block"));
    }
    if !a.kit_changes.is_empty() {
        legend.push((Mark::Line(MUTED), "new watch or heart-rate sensor"));
    }
    legend
}

/// The pace axis: the months' middle halves with 15 % room (at least 5 s).
fn y_range(
    months: &[crate::analysis::longview::Month],
    to_pace: impl Fn(f64) -> f64,
) -> (f64, f64) {
    let ys = months
        .iter()
        .flat_map(|m| [to_pace(m.q25_mps), to_pace(m.q75_mps)]);
    let (lo, hi) = ys.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), y| {
        (a.min(y), b.max(y))
    });
    let (lo, hi) = if lo.is_finite() {
        (lo, hi)
    } else {
        (-400.0, -300.0)
    };
    let pad = ((hi - lo) * 0.15).max(5.0);
    (lo - pad, hi + pad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_roll_over_the_year() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(next_month(d("2025-12-17")), d("2026-01-01"));
        assert_eq!(next_month(d("2026-02-01")), d("2026-03-01"));
    }
}
