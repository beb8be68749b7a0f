//! Scheduling conflicts in the report: this week's one by one, the older
//! ones summed up by kind and by block, every one in `tables/conflicts.csv`.
//!
//! A conflict with a logged heavy or plyometric session is a known hard
//! load; one with a session a watch recorded without sets is an "unknown
//! load" and is counted apart: it may have been a light mobility session.

use super::csvout::{opt, table};
use crate::analysis::Analysis;
use crate::analysis::history::Block;
use crate::analysis::program::Conflict;
use crate::error::Result;
use chrono::NaiveDate;

/// One conflict in a sentence: `Long run on Sun 2026-04-05 09:00 came 38 h
/// after a heavy strength session.`
pub fn sentence(c: &Conflict) -> String {
    let kind = c.run_kind.to_string();
    let mut head = kind.chars();
    let cap: String = head
        .next()
        .map_or(String::new(), |f| f.to_uppercase().collect());
    let fatigue = match c.form_before {
        Some(f) if c.high_fatigue() => format!(", on a high-fatigue day (form {f:.0})"),
        _ => String::new(),
    };
    format!(
        "{cap}{} run on {} came {:.0} h after {}{fatigue}.",
        head.as_str(),
        c.run_start_local.format("%a %Y-%m-%d %H:%M"),
        c.hours_before,
        c.session_words()
    )
}

/// The block a conflict's gym session belongs to.
fn block_of<'a>(blocks: &'a [Block], c: &Conflict) -> Option<&'a Block> {
    let d = c.session_start_local.date();
    blocks.iter().find(|b| b.from <= d && d <= b.to)
}

/// `3 (1 known load, 2 unknown)`.
fn known_unknown(cs: &[&Conflict]) -> String {
    let known = cs.iter().filter(|c| c.known_load()).count();
    format!(
        "{} ({known} known load, {} unknown)",
        cs.len(),
        cs.len() - known
    )
}

/// This week's conflicts, one sentence each (`monday`: the week's first day).
pub fn this_week(a: &Analysis, monday: NaiveDate) -> Vec<String> {
    let mut out: Vec<String> = (a.program.conflicts.iter())
        .filter(|c| c.run_start_local.date() >= monday)
        .map(sentence)
        .collect();
    if out.is_empty() {
        out.push("No scheduling conflicts this week.".into());
    }
    out
}

/// The conflicts before `monday`, summed up by kind and by block.
pub fn older(a: &Analysis, monday: NaiveDate) -> Vec<String> {
    let older: Vec<&Conflict> = (a.program.conflicts.iter())
        .filter(|c| c.run_start_local.date() < monday)
        .collect();
    if older.is_empty() {
        return vec!["No scheduling conflicts before this week.".into()];
    }
    let known = older.iter().filter(|c| c.known_load()).count();
    let n = older.len();
    let mut out = vec![format!(
        "{n} scheduling conflict{} before this week (a quality or long run within 48 h after strength work): {known} after a logged heavy or plyometric session, {} after a session of unknown load (recorded by a watch without sets). Each is listed in tables/conflicts.csv.",
        if n == 1 { "" } else { "s" },
        n - known
    )];
    let mut by_block: Vec<String> = (a.blocks.iter())
        .filter_map(|b| {
            let cs: Vec<&Conflict> = (older.iter())
                .filter(|c| block_of(&a.blocks, c) == Some(b))
                .copied()
                .collect();
            (!cs.is_empty()).then(|| format!("{} to {}: {}", b.from, b.to, known_unknown(&cs)))
        })
        .collect();
    let outside: Vec<&Conflict> = (older.iter())
        .filter(|c| block_of(&a.blocks, c).is_none())
        .copied()
        .collect();
    if !outside.is_empty() {
        by_block.push(format!("outside any block: {}", known_unknown(&outside)));
    }
    out.push(format!("By block: {}.", by_block.join("; ")));
    out
}

/// `tables/conflicts.csv`: every conflict, in time order.
pub fn csv(a: &Analysis) -> Result<Vec<u8>> {
    let head = [
        "run_start_local",
        "run_kind",
        "session_start_local",
        "session_kind",
        "load",
        "hours_before",
        "block_from",
        "form_before",
        "high_fatigue",
    ];
    let rows = a.program.conflicts.iter().map(|c| {
        [
            c.run_start_local.format("%Y-%m-%d %H:%M").to_string(),
            c.run_kind.to_string(),
            c.session_start_local.format("%Y-%m-%d %H:%M").to_string(),
            c.session_kind.to_string(),
            if c.known_load() { "known" } else { "unknown" }.to_string(),
            opt(Some(c.hours_before), 1),
            block_of(&a.blocks, c).map_or(String::new(), |b| b.from.to_string()),
            opt(c.form_before, 1),
            c.high_fatigue().to_string(),
        ]
    });
    table(&head, rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::{RunKind, SessionKind};

    #[test]
    fn a_conflict_on_a_high_fatigue_day_says_so() {
        let at = |s: &str| s.parse::<chrono::NaiveDateTime>().unwrap();
        let mut c = Conflict {
            run_start_local: at("2026-04-05T09:00:00"),
            run_kind: RunKind::Long,
            hours_before: 38.5,
            session_start_local: at("2026-04-03T18:30:00"),
            session_kind: SessionKind::Heavy,
            form_before: Some(-6.3),
        };
        assert_eq!(
            sentence(&c),
            "Long run on Sun 2026-04-05 09:00 came 38 h after a heavy strength session."
        );
        c.form_before = Some(-24.4);
        assert!(c.high_fatigue());
        assert_eq!(
            sentence(&c),
            "Long run on Sun 2026-04-05 09:00 came 38 h after a heavy strength session, on a high-fatigue day (form -24)."
        );
    }
}
