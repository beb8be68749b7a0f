//! What changed since the previous report: the weekly job's first lines.
//!
//! The previous report is the newest `<out>/<ISO week>/summary.json` of an
//! earlier week (last week's when the job ran then). Against it: how far
//! the headline moved, the scheduling conflicts of runs it did not see yet,
//! and the new personal records of estimated 1RM (a session's e1RM above
//! every earlier one of that lift).

use crate::analysis::Analysis;
use crate::analysis::program::Conflict;
use chrono::NaiveDate;
use serde_json::{Value, json};
use std::path::Path;

/// The previous report, as read back from its folder.
#[derive(Clone, Debug)]
pub struct Previous {
    /// Its ISO week.
    pub week: String,
    /// Its `summary.json`.
    pub summary: Value,
}

/// The newest report under `out` of a week before `week`, if any can be read.
pub fn previous(out: &Path, week: &str) -> Option<Previous> {
    let mut weeks: Vec<String> = std::fs::read_dir(out)
        .ok()?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| crate::analysis::runs::week_bounds(n).is_some() && n.as_str() < week)
        .collect();
    weeks.sort();
    weeks.into_iter().rev().find_map(|w| {
        let text = std::fs::read_to_string(out.join(&w).join("summary.json")).ok()?;
        let summary = serde_json::from_str(&text).ok()?;
        Some(Previous { week: w, summary })
    })
}

/// A new personal record of estimated 1RM.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// The lift.
    pub exercise: String,
    /// Day of the session.
    pub date: NaiveDate,
    /// Its e1RM, kg.
    pub e1rm_kg: f64,
    /// The best before it, kg.
    pub previous_kg: f64,
}

/// What changed since the previous report.
#[derive(Clone, Debug)]
pub struct Since {
    /// The previous report's week.
    pub week: String,
    /// The headline change then and now, percent (`None` where there was none).
    pub headline: (Option<f64>, Option<f64>),
    /// Whether the headline was clear then and is now.
    pub clear: (Option<bool>, Option<bool>),
    /// Conflicts of runs after the previous report's last day.
    pub new_conflicts: Vec<Conflict>,
    /// e1RM records set after the previous report's last day.
    pub records: Vec<Record>,
}

/// Compare the analysis with the previous report.
pub fn since(a: &Analysis, prev: &Previous) -> Since {
    let speed = &prev.summary["effort"]["speed_at_reference_hr"];
    let seen_to: Option<NaiveDate> = prev.summary["data_range"]["to"]
        .as_str()
        .and_then(|d| d.parse().ok());
    let new = |d: NaiveDate| seen_to.is_none_or(|s| d > s);
    let now = a.effort.speed_at_ref_hr.as_ref().ok();
    let mut records = Vec::new();
    for lift in &a.program.lifts {
        let mut best: Option<f64> = None;
        for &(date, e1rm) in &lift.points {
            if let Some(b) = best.filter(|&b| e1rm > b && new(date)) {
                records.push(Record {
                    exercise: lift.exercise.clone(),
                    date,
                    e1rm_kg: e1rm,
                    previous_kg: b,
                });
            }
            best = Some(best.map_or(e1rm, |b| b.max(e1rm)));
        }
    }
    Since {
        week: prev.week.clone(),
        headline: (speed["change_pct"].as_f64(), now.map(|e| e.change)),
        clear: (speed["clear"].as_bool(), now.map(|e| e.clear())),
        new_conflicts: (a.program.conflicts.iter())
            .filter(|c| new(c.run_start_local.date()))
            .cloned()
            .collect(),
        records,
    }
}

impl Since {
    /// The lines at the top of the report, under "Since the report of …".
    pub fn lines(&self, units: crate::config::Units) -> Vec<String> {
        let clear = |c: Option<bool>| {
            if c == Some(true) {
                "clear"
            } else {
                "not clear"
            }
        };
        let headline = match self.headline {
            (Some(then), Some(now)) => format!(
                "The headline moved {:+.1} points, from {then:+.1} % ({}) to {now:+.1} % ({}).",
                now - then,
                clear(self.clear.0),
                clear(self.clear.1)
            ),
            (None, Some(now)) => {
                format!("The headline is new: {now:+.1} % (last report had none).")
            }
            (Some(then), None) => format!("No headline this week (last report's: {then:+.1} %)."),
            (None, None) => "No headline then or now.".into(),
        };
        let conflicts = match self.new_conflicts.len() {
            0 => "No new scheduling conflicts.".to_string(),
            n => format!(
                "{n} new scheduling conflict{}: {}",
                if n == 1 { "" } else { "s" },
                (self.new_conflicts.iter())
                    .map(super::conflicts::sentence)
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
        };
        let records = if self.records.is_empty() {
            "No new e1RM records.".to_string()
        } else {
            let u = units.mass_unit();
            let each: Vec<String> = (self.records.iter())
                .map(|r| {
                    format!(
                        "{} {:.0} {u} on {} (best before {:.0} {u})",
                        r.exercise,
                        units.mass(r.e1rm_kg),
                        r.date,
                        units.mass(r.previous_kg)
                    )
                })
                .collect();
            format!("New e1RM records: {}.", each.join("; "))
        };
        vec![headline, conflicts, records]
    }

    /// `summary.json`'s `since_last_report`.
    pub fn json(&self) -> Value {
        let r2 = |x: Option<f64>| x.map(|v| super::summary::round(v, 2));
        json!({
            "previous_week": self.week,
            "headline_change_pct": {"then": r2(self.headline.0), "now": r2(self.headline.1),
                "moved": r2(self.headline.0.zip(self.headline.1).map(|(a, b)| b - a))},
            "headline_clear": {"then": self.clear.0, "now": self.clear.1},
            "new_conflicts": self.new_conflicts.len(),
            "new_e1rm_records": self.records.iter().map(|r| json!({
                "exercise": r.exercise,
                "date": r.date,
                "e1rm_kg": super::summary::round(r.e1rm_kg, 1),
                "previous_best_kg": super::summary::round(r.previous_kg, 1),
            })).collect::<Vec<_>>(),
        })
    }
}
