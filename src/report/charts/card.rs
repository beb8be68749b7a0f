//! The summary card: one image to send in a chat, with the headline number
//! and its interval, a sparkline of the weekly trend, this week's sessions
//! and any scheduling conflicts.

use super::{BLOCK, DrawResult, FONT, INK, MUTED, POINT, TREND};
use crate::config::format_pace;
use crate::kinds::SessionKind;
use crate::report::ReportInput;
use plotters::prelude::*;
use plotters::style::FontStyle;
use std::collections::BTreeMap;

/// Width of the card's left column (the number, this week), px: the
/// sparkline starts at x = 1000.
const LEFT_COLUMN_PX: u32 = 900;
/// Where the card's right column (sparkline, conflicts, periods) starts, px.
const RIGHT_COLUMN_X: i32 = 1000;
/// Width of the right column, px.
const RIGHT_COLUMN_PX: u32 = 550;

fn text(
    area: &super::Area,
    s: &str,
    size: u32,
    bold: bool,
    color: &RGBColor,
    at: (i32, i32),
) -> DrawResult {
    let style = if bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    area.draw_text(
        s,
        &TextStyle::from((FONT, size).into_font().style(style)).color(color),
        at,
    )?;
    Ok(())
}

/// Monday of the report's week.
fn week_monday(input: &ReportInput) -> Option<chrono::NaiveDate> {
    crate::analysis::runs::week_bounds(&input.week).map(|w| w.0)
}

/// Draw the card on `root`.
pub fn draw(input: &ReportInput, root: &super::Area) -> DrawResult {
    let a = input.analysis;
    let units = input.settings.units;
    root.fill(&RGBColor(248, 249, 250))?;
    let title = format!("runlift · {} · {}", input.settings.athlete_name, input.week);
    let style = TextStyle::from((FONT, 40).into_font().style(FontStyle::Bold)).color(&INK);
    super::draw_wrapped(root, &title, &style, (50, 40), super::W - 100, 1)?;
    match &a.effort.speed_at_ref_hr {
        Ok(e) => {
            // Green or orange only when the interval leaves out "no change":
            // the change stands out from the runner's usual wander.
            let color = match (e.clear(), e.change > 0.0) {
                (true, true) => BLOCK,
                (true, false) => TREND,
                (false, _) => MUTED,
            };
            text(
                root,
                &format!("{:+.1} %", e.change),
                150,
                true,
                &color,
                (50, 110),
            )?;
            text(
                root,
                &format!(
                    "speed at {:.0} bpm, recent against baseline",
                    a.reference_hr
                ),
                34,
                false,
                &INK,
                (50, 290),
            )?;
            let (b, r) = (
                units.pace_s(1000.0 / e.baseline),
                units.pace_s(1000.0 / e.recent),
            );
            let per = units.pace_unit();
            text(
                root,
                &format!("{}{per} → {}{per}", format_pace(b), format_pace(r)),
                34,
                false,
                &INK,
                (50, 340),
            )?;
            let unclear = if color == MUTED {
                "; not clear yet"
            } else {
                ""
            };
            let ci = format!(
                "95 % interval {:+.1} % to {:+.1} % ({} and {} runs); your usual wander ±{:.1} %{unclear}",
                e.ci95[0], e.ci95[1], e.n_baseline, e.n_recent, e.wander
            );
            let style = TextStyle::from((FONT, 30).into_font()).color(&MUTED);
            super::draw_wrapped(root, &ci, &style, (50, 390), LEFT_COLUMN_PX, 2)?;
        }
        Err(why) => {
            text(root, "No estimate yet", 80, true, &MUTED, (50, 130))?;
            let style = TextStyle::from((FONT, 28).into_font()).color(&MUTED);
            super::draw_wrapped(root, why, &style, (50, 250), LEFT_COLUMN_PX, 5)?;
        }
    }
    sparkline(input, &root.margin(110, 460, RIGHT_COLUMN_X as u32, 50))?;
    let label = format!(
        "weekly pace at {:.0} bpm, last year (up = faster)",
        a.reference_hr
    );
    let style = TextStyle::from((FONT, 24).into_font()).color(&MUTED);
    super::draw_wrapped(
        root,
        &label,
        &style,
        (RIGHT_COLUMN_X, 430),
        RIGHT_COLUMN_PX,
        1,
    )?;
    this_week(input, root)?;
    conflicts_and_periods(input, root)
}

/// Right column under the sparkline: this week's scheduling conflict (or
/// none), then what was compared, in words, wrapped to the column and cut
/// short with "…" at the bottom of the card.
fn conflicts_and_periods(input: &ReportInput, root: &super::Area) -> DrawResult {
    let a = input.analysis;
    let Some(monday) = week_monday(input) else {
        return Ok(());
    };
    let conflict = (a.program.conflicts.iter()).find(|c| c.run_start_local.date() >= monday);
    let (msg, color) = match conflict {
        Some(c) if c.known_load() => (
            format!(
                "Conflict: {} lifting {:.0} h before {}'s {} run",
                c.session_kind,
                c.hours_before,
                c.run_start_local.format("%a"),
                c.run_kind
            ),
            TREND,
        ),
        Some(c) => (
            format!(
                "Unknown load (watch, no sets) {:.0} h before {}'s {} run",
                c.hours_before,
                c.run_start_local.format("%a"),
                c.run_kind
            ),
            MUTED,
        ),
        None => ("No scheduling conflicts".to_string(), BLOCK),
    };
    let style = TextStyle::from((FONT, 30).into_font().style(FontStyle::Bold)).color(&color);
    let y = super::draw_wrapped(
        root,
        &msg,
        &style,
        (RIGHT_COLUMN_X, 490),
        RIGHT_COLUMN_PX,
        2,
    )?;
    let style = TextStyle::from((FONT, 24).into_font()).color(&INK);
    let mut y = y;
    let mut lines = crate::report::overview::card_block_lines(a);
    lines.extend(crate::report::overview::load_line(input));
    for line in lines {
        y = super::draw_wrapped(
            root,
            &line,
            &style,
            (RIGHT_COLUMN_X, y + 14),
            RIGHT_COLUMN_PX,
            3,
        )?;
    }
    let periods = match a.periods {
        Some(p) => format!(
            "Baseline {} to {}, recent {} to {}: {}",
            p.baseline.from, p.baseline.to, p.recent.from, p.recent.to, a.periods_note
        ),
        None => a.periods_note.clone(),
    };
    let style = TextStyle::from((FONT, 24).into_font()).color(&MUTED);
    let room = ((super::H as i32 - 30 - (y + 20)) / 31).max(1) as usize;
    super::draw_wrapped(
        root,
        &periods,
        &style,
        (RIGHT_COLUMN_X, y + 20),
        RIGHT_COLUMN_PX,
        room,
    )?;
    Ok(())
}

/// Weekly means of pace at the reference heart rate over the last year of
/// data, up = faster.
fn sparkline(input: &ReportInput, area: &super::Area) -> DrawResult {
    let mut weeks: BTreeMap<&str, (f64, usize)> = BTreeMap::new();
    let last = input.data_range.map(|r| r.1);
    let recent_year = |r: &&crate::analysis::runs::RunMetrics| {
        last.is_none_or(|l| (l - r.start_local.date()).num_days() < 365)
    };
    for r in input.analysis.runs.iter().filter(recent_year) {
        if let Some(v) = r.speed_used {
            let e = weeks.entry(r.week.as_str()).or_default();
            e.0 += v;
            e.1 += 1;
        }
    }
    let ys: Vec<f64> = weeks
        .values()
        .map(|(s, n)| -1000.0 / (s / *n as f64))
        .collect();
    if ys.len() < 2 {
        return Ok(());
    }
    let (lo, hi) = ys
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), y| {
            (a.min(*y), b.max(*y))
        });
    let pad = ((hi - lo) * 0.1).max(0.5);
    let mut chart = ChartBuilder::on(area)
        .build_cartesian_2d(0.0..(ys.len() - 1) as f64, (lo - pad)..(hi + pad))?;
    let pts: Vec<(f64, f64)> = ys.iter().enumerate().map(|(i, y)| (i as f64, *y)).collect();
    chart.draw_series(LineSeries::new(pts.clone(), POINT.stroke_width(5)))?;
    if let Some(last) = pts.last() {
        chart.draw_series(std::iter::once(Circle::new(*last, 9, TREND.filled())))?;
    }
    Ok(())
}

/// This week's runs and gym sessions, and its scheduling conflicts.
fn this_week(input: &ReportInput, root: &super::Area) -> DrawResult {
    let a = input.analysis;
    let units = input.settings.units;
    let Some(monday) = week_monday(input) else {
        return Ok(());
    };
    text(
        root,
        &format!("This week ({})", input.week),
        34,
        true,
        &INK,
        (50, 485),
    )?;
    let mut lines: Vec<(chrono::NaiveDateTime, String)> = Vec::new();
    for r in a.runs.iter().filter(|r| r.start_local.date() >= monday) {
        let km = units.distance(r.distance_m / 1000.0);
        lines.push((
            r.start_local,
            format!("{} run, {km:.1} {}", r.kind, units.distance_unit()),
        ));
    }
    for s in a.sessions.iter().filter(|s| s.start_local.date() >= monday) {
        let what = match (s.kind, s.duration_s) {
            (SessionKind::Unlogged, Some(d)) => {
                format!("strength session, {:.0} min, no sets logged", d / 60.0)
            }
            (SessionKind::Unlogged, None) => "strength session, no sets logged".to_string(),
            (kind, _) => format!("{kind} gym session, {} sets", s.sets),
        };
        lines.push((s.start_local, what));
    }
    lines.sort();
    for (i, (at, what)) in lines.iter().take(8).enumerate() {
        let line = format!("{}  {what}", at.format("%a %H:%M"));
        text(root, &line, 28, false, &INK, (70, 540 + 40 * i as i32))?;
    }
    Ok(())
}
