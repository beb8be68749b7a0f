//! The top of `report.md` and `index.html`: what a coach reads in a minute.
//! This week's runs and strength sessions and its conflicts, the headline
//! with its interval and wander, the current block (or the latest one) and
//! the block with the largest clear change, then what changed since the
//! previous report.

use super::ReportInput;
use super::document::Block as Doc;
use crate::analysis::Analysis;
use crate::analysis::blocks::{self, Comparison};
use crate::analysis::periods::Baseline;
use crate::kinds::{RunKind, SessionKind};
use chrono::NaiveDate;

/// `4 runs (2 easy, 1 quality, 1 long), 35.5 km, 3 in the estimates; 2
/// strength sessions (2 heavy)`.
fn sessions_line(input: &ReportInput, (monday, sunday): (NaiveDate, NaiveDate)) -> String {
    let (a, units) = (input.analysis, input.settings.units);
    let in_week = |d: NaiveDate| monday <= d && d <= sunday;
    let runs: Vec<_> = (a.runs.iter())
        .filter(|r| in_week(r.start_local.date()))
        .collect();
    let gym: Vec<_> = (a.sessions.iter())
        .filter(|s| in_week(s.start_local.date()))
        .collect();
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let run_kinds: Vec<String> = (RunKind::ALL.iter())
        .map(|&k| (k, runs.iter().filter(|r| r.kind == k).count()))
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| format!("{n} {k}"))
        .collect();
    let km: f64 = runs.iter().map(|r| r.distance_m).sum::<f64>() / 1000.0;
    let gym_kinds: Vec<String> = (SessionKind::ALL.iter())
        .map(|&k| (k, gym.iter().filter(|s| s.kind == k).count()))
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| match k {
            SessionKind::Unlogged => format!("{n} of unknown load, no sets logged"),
            k => format!("{n} {k}"),
        })
        .collect();
    let runs_part = match runs.len() {
        0 => "no runs".to_string(),
        n => format!(
            "{} ({}), {:.1} {}, {} in the estimates",
            count(n, "run", "runs"),
            run_kinds.join(", "),
            units.distance(km),
            units.distance_unit(),
            runs.iter().filter(|r| r.excluded.is_none()).count()
        ),
    };
    let gym_part = match gym.len() {
        0 => "no strength sessions".to_string(),
        n => format!(
            "{} ({})",
            count(n, "strength session", "strength sessions"),
            gym_kinds.join(", ")
        ),
    };
    format!("This week: {runs_part}; {gym_part}.")
}

/// `Block …` → `block …`, for a sentence that goes after a colon.
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or(String::new(), |f| f.to_lowercase().chain(c).collect())
}

/// `summary.json`'s `this_week`: the report week's dates, runs, distance,
/// strength sessions and scheduling conflicts (what a roster row shows).
pub fn this_week_json(input: &ReportInput) -> serde_json::Value {
    let a = input.analysis;
    let Some((monday, sunday)) = crate::analysis::runs::week_bounds(&input.week) else {
        return serde_json::Value::Null;
    };
    let in_week = |d: NaiveDate| monday <= d && d <= sunday;
    let runs: Vec<_> = (a.runs.iter())
        .filter(|r| in_week(r.start_local.date()))
        .collect();
    let km: f64 = runs.iter().map(|r| r.distance_m).sum::<f64>() / 1000.0;
    serde_json::json!({
        "from": monday,
        "to": sunday,
        "runs": runs.len(),
        "runs_used": runs.iter().filter(|r| r.excluded.is_none()).count(),
        "distance_km": super::summary::round(km, 2),
        "strength_sessions": a.sessions.iter().filter(|s| in_week(s.start_local.date())).count(),
        "conflicts": (a.program.conflicts.iter()).filter(|c| in_week(c.run_start_local.date())).count(),
    })
}

/// Today's fitness, fatigue and form with this week's lifting, for the
/// card and the top: `Form −12 (fitness 48, fatigue 60) after 3 strength sessions this week`.
pub fn load_line(input: &ReportInput) -> Option<String> {
    let load = &input.analysis.load;
    let d = load.days.last()?;
    if !load.known_lately(28) {
        return Some(
            "Training load not known lately: most runs of the last 4 weeks carry no heart rate"
                .into(),
        );
    }
    let lifts = this_week_json(input)["strength_sessions"]
        .as_u64()
        .unwrap_or(0);
    let level = if d.form() < -10.0 {
        ", fatigue high"
    } else {
        ""
    };
    let after = match lifts {
        0 => String::new(),
        1 => " after 1 strength session this week".into(),
        n => format!(" after {n} strength sessions this week"),
    };
    Some(format!(
        "Form {:+.0} (fitness {:.0}, fatigue {:.0}){level}{after}",
        d.form(),
        d.fitness,
        d.fatigue
    ))
}

/// The block the card and the top show: the current one, else the latest.
pub fn shown_block(a: &Analysis) -> Option<&Comparison> {
    (a.block_comparisons.iter())
        .find(|c| c.current)
        .or(a.block_comparisons.last())
}

/// The block lines: the shown block, and the largest clear change when it is another block.
pub fn block_lines(a: &Analysis) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(c) = shown_block(a) {
        let headline = c.current && a.baseline_kind == Baseline::BeforeBlock;
        out.push(match (c.current, headline) {
            (true, true) => format!(
                "Current block since {}: {} sessions{}; the headline compares the weeks before it with its latest weeks.",
                c.block.from,
                c.block.sessions,
                a.program.per_week.map_or(String::new(), |r| format!(", {r:.1} a week"))
            ),
            (true, false) => super::blocks::sentence(c, a.reference_hr),
            _ => format!(
                "No block of lifting is going on now. The latest: {}",
                lower_first(&super::blocks::sentence(c, a.reference_hr))
            ),
        });
    }
    if let Some(c) = blocks::largest_clear(&a.block_comparisons)
        && shown_block(a).is_none_or(|s| s.block != c.block)
    {
        out.push(format!(
            "The largest clear change: {}",
            lower_first(&super::blocks::sentence(c, a.reference_hr))
        ));
    }
    out
}

/// The section.
pub fn section(input: &ReportInput) -> Vec<Doc> {
    let a = input.analysis;
    let Some(week) = crate::analysis::runs::week_bounds(&input.week) else {
        return Vec::new();
    };
    let mut items = vec![sessions_line(input, week)];
    items.extend(super::conflicts::this_week(a, week.0));
    items.extend(super::findings::headline(a, input.settings.units));
    items.extend(block_lines(a));
    items.extend(load_line(input).map(|l| match l.starts_with("Form") {
        true => format!("{l} (training load, runs and lifting on one scale: see the load chart)."),
        false => format!("{l}."),
    }));
    let mut out = vec![
        Doc::Heading(
            2,
            format!("This week ({}, {} to {})", input.week, week.0, week.1),
        ),
        Doc::List(items),
    ];
    if let Some(since) = &input.since {
        out.push(Doc::Para(format!("Since the report of {}:", since.week)));
        out.push(Doc::List(since.lines(input.settings.units)));
    }
    out
}

/// A block's change in a few words for the card: `+12.3 % (+3.1 to +22.0), clear`.
fn short(c: &Comparison) -> String {
    match &c.speed {
        Ok(e) => format!(
            "{:+.1} % ({:+.1} to {:+.1}), {}",
            e.change,
            e.ci95[0],
            e.ci95[1],
            if e.clear() {
                "clear, coincided with it"
            } else {
                "not clear"
            }
        ),
        Err(_) => "no comparison".into(),
    }
}

/// The card's block lines: the current block (whose change is the headline
/// when the baseline is the weeks before it) or the latest one, and the
/// block with the largest clear change when it is another.
pub fn card_block_lines(a: &Analysis) -> Vec<String> {
    let mut out = Vec::new();
    let shown = shown_block(a);
    if let Some(c) = shown {
        let headline = c.current && a.baseline_kind == Baseline::BeforeBlock;
        out.push(match (c.current, headline) {
            (true, true) => format!(
                "Current block since {}: the number on the left",
                c.block.from
            ),
            (true, false) => format!("Current block since {}: {}", c.block.from, short(c)),
            _ => format!("Latest block {}: {}", super::blocks::dates(c), short(c)),
        });
    }
    if let Some(c) = blocks::largest_clear(&a.block_comparisons)
        && shown.is_none_or(|s| s.block != c.block)
    {
        out.push(format!(
            "Largest clear: block {}: {}",
            super::blocks::dates(c),
            short(c)
        ));
    }
    out
}
