//! Every lifting block's comparison in words: the table of `report.md` and
//! `index.html`, `tables/blocks.csv`, and the one-line sentences the card
//! and the top of the report use. A change "coincided with" a block; the
//! words never say the lifting caused it.

use super::csvout::{opt, table};
use super::document::Block as Doc;
use crate::analysis::Analysis;
use crate::analysis::blocks::{Comparison, Control};
use crate::analysis::periods::{Period, weeks};
use crate::error::Result;

/// `2024-12-02 to 2025-06-20`.
fn span(p: &Period) -> String {
    format!("{} to {}", p.from, p.to)
}

/// The block's dates, `2024-12-02 to 2025-06-20` (`… to now` for the current one).
pub fn dates(c: &Comparison) -> String {
    if c.current {
        format!("{} to now", c.block.from)
    } else {
        format!("{} to {}", c.block.from, c.block.to)
    }
}

/// The control in words: `12 lifting-free stretches like it: -3.1 to +4.0 %, 1 clear`.
fn control_words(c: &Control) -> String {
    match c.range_pct {
        Some([lo, hi]) => format!(
            "{} lifting-free stretches like it moved {lo:+.1} to {hi:+.1} % (90 % of them), {} clear",
            c.pairs, c.clear
        ),
        None if c.pairs == 0 => "no lifting-free stretch of this length to compare".into(),
        None => format!(
            "only {} lifting-free stretch{} of this length ({} clear): too few to say",
            c.pairs,
            if c.pairs == 1 { "" } else { "es" },
            c.clear
        ),
    }
}

/// What the comparison says, in a few words.
fn reading(c: &Comparison) -> String {
    match &c.speed {
        Ok(e) if e.clear() && e.change > 0.0 => {
            "faster: clear, it coincided with this block".into()
        }
        Ok(e) if e.clear() => "slower: clear, it coincided with this block".into(),
        Ok(_) => "not clear: within your usual wander".into(),
        Err(why) => why.clone(),
    }
}

/// One sentence for the card and the top of the report, e.g. `Block
/// 2024-12-02 to 2025-06-20: +12.3 % at 130 bpm (95 % interval +3.1 to
/// +22.0 %, usual wander ±6.0 %), clear; it coincided with the block.`
pub fn sentence(c: &Comparison, reference_hr: f64) -> String {
    let which = if c.current { "Current block" } else { "Block" };
    match &c.speed {
        Ok(e) => {
            let after = if c.after { " (the weeks after it)" } else { "" };
            let verdict = if e.clear() {
                "clear; it coincided with the block, which does not show the lifting caused it"
            } else {
                "not clear: within your usual wander"
            };
            format!(
                "{which} {}: pace at {reference_hr:.0} bpm {:+.1} %{after} (95 % interval {:+.1} to {:+.1} %, usual wander ±{:.1} %), {verdict}.",
                dates(c),
                e.change,
                e.ci95[0],
                e.ci95[1],
                e.wander
            )
        }
        Err(why) => format!("{which} {}: no comparison ({why}).", dates(c)),
    }
}

/// The report's section: what is compared, the table, and how to read it.
pub fn section(a: &Analysis) -> Vec<Doc> {
    if a.block_comparisons.is_empty() {
        return Vec::new();
    }
    let head = [
        "block",
        "sessions",
        "before",
        "compared",
        "change",
        "95 % interval",
        "usual wander",
        "your lifting-free control",
        "reading",
    ]
    .map(String::from);
    let rows = (a.block_comparisons.iter())
        .map(|c| {
            let p = |p: Option<Period>| p.map_or("–".into(), |p| span(&p));
            let (change, ci, wander) = match &c.speed {
                Ok(e) => (
                    format!("{:+.1} %", e.change),
                    format!("{:+.1} to {:+.1} %", e.ci95[0], e.ci95[1]),
                    format!("±{:.1} %", e.wander),
                ),
                Err(_) => ("–".into(), "–".into(), "–".into()),
            };
            let compared = match (c.compared, c.after) {
                (Some(q), true) => format!("{} (after it ended)", span(&q)),
                (q, _) => p(q),
            };
            vec![
                dates(c),
                c.block.sessions.to_string(),
                p(c.before),
                compared,
                change,
                ci,
                wander,
                control_words(&c.control),
                reading(c),
            ]
        })
        .collect();
    vec![
        Doc::Heading(2, "Every lifting block".into()),
        Doc::Para(format!(
            "Pace at {:.0} bpm in the weeks just before each block against its last four weeks (or the four weeks after it, when its last weeks hold too few runs), with the interval and usual wander of the headline. A change coincided with a block: season, mileage and much else change too. The control is the same comparison on stretches as long and as far apart from the weeks without lifting.",
            a.reference_hr
        )),
        Doc::Table(head.to_vec(), rows),
    ]
}

/// `tables/blocks.csv`: one row per block.
pub fn csv(a: &Analysis) -> Result<Vec<u8>> {
    let head = [
        "block_from",
        "block_to",
        "current",
        "sessions",
        "before_from",
        "before_to",
        "before_weeks",
        "compared_from",
        "compared_to",
        "compared_weeks",
        "compared_after_block",
        "change_pct",
        "ci95_low_pct",
        "ci95_high_pct",
        "wander_pct",
        "clear",
        "runs_before",
        "runs_compared",
        "control_pairs",
        "control_clear",
        "control_p05_pct",
        "control_p95_pct",
        "note",
    ];
    let rows = a.block_comparisons.iter().map(|c| {
        let e = c.speed.as_ref().ok();
        let period = |p: Option<Period>| {
            p.map_or([String::new(), String::new(), String::new()], |p| {
                [p.from.to_string(), p.to.to_string(), weeks(p).to_string()]
            })
        };
        let [bf, bt, bw] = period(c.before);
        let [cf, ct, cw] = period(c.compared);
        let range = c.control.range_pct;
        vec![
            c.block.from.to_string(),
            c.block.to.to_string(),
            c.current.to_string(),
            c.block.sessions.to_string(),
            bf,
            bt,
            bw,
            cf,
            ct,
            cw,
            c.after.to_string(),
            opt(e.map(|e| e.change), 2),
            opt(e.map(|e| e.ci95[0]), 2),
            opt(e.map(|e| e.ci95[1]), 2),
            opt(e.map(|e| e.wander), 2),
            e.map_or(String::new(), |e| e.clear().to_string()),
            e.map_or(String::new(), |e| e.n_baseline.to_string()),
            e.map_or(String::new(), |e| e.n_recent.to_string()),
            c.control.pairs.to_string(),
            c.control.clear.to_string(),
            opt(range.map(|r| r[0]), 2),
            opt(range.map(|r| r[1]), 2),
            c.speed.as_ref().err().cloned().unwrap_or_default(),
        ]
    });
    table(&head, rows)
}
