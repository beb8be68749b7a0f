//! What a report leaves out and why, gathered once for `report.md` and
//! `index.html`: runs not in the estimates, files not read, and files read
//! with warnings.

use super::ReportInput;
use crate::analysis::runs::reason_group;
use crate::schema::ingest_log as l;
use crate::tables::strs;

/// The left-out lists, in report order.
pub struct LeftOut {
    /// Runs not in the estimates in the report's week: `2026-01-06 06:30 (quality): why`.
    pub runs: Vec<String>,
    /// Files not read: (path, status, why).
    pub not_read: Vec<(String, String, String)>,
    /// Files read with warnings: (path, warnings joined by `; `).
    pub warned: Vec<(String, String)>,
}

/// Gather the left-out lists of `input`.
pub fn left_out(input: &ReportInput) -> LeftOut {
    let monday = crate::analysis::runs::week_bounds(&input.week).map(|w| w.0);
    let runs = (input.analysis.runs.iter())
        .filter(|r| monday.is_none_or(|m| r.start_local.date() >= m))
        .filter_map(|r| {
            Some(format!(
                "{} ({}): {}",
                r.start_local.format("%Y-%m-%d %H:%M"),
                r.kind,
                r.excluded.as_ref()?
            ))
        })
        .collect();
    let log = input.ingest_log;
    let col = |name| strs(log, name).unwrap_or_default();
    let (paths, status, msg) = (col(l::PATH), col(l::STATUS), col(l::MESSAGE));
    let (mut not_read, mut warned) = (Vec::new(), Vec::new());
    for i in 0..paths.len() {
        let (path, why) = (
            paths[i].clone().unwrap_or_default(),
            msg[i].clone().unwrap_or_default(),
        );
        match status[i].as_deref() {
            Some("ok") if !why.is_empty() => warned.push((path, why)),
            Some("ok") | None => {}
            Some(s) => not_read.push((path, s.to_string(), why)),
        }
    }
    LeftOut {
        runs,
        not_read,
        warned,
    }
}

/// Runs left out of the estimates, counted by reason group (most first,
/// then by name): `(group, runs)`.
pub fn by_reason(a: &crate::analysis::Analysis) -> Vec<(String, usize)> {
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    for why in a.runs.iter().filter_map(|r| r.excluded.as_deref()) {
        *counts.entry(reason_group(why)).or_default() += 1;
    }
    let mut out: Vec<(String, usize)> = counts.into_iter().collect();
    out.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    out
}

/// `tables/left_out.csv`: every run left out of the estimates, with its
/// reason and the reason's group.
pub fn csv(a: &crate::analysis::Analysis) -> crate::error::Result<Vec<u8>> {
    let head = [
        "activity_id",
        "start_local",
        "week",
        "kind",
        "reason_group",
        "reason",
        "source_path",
    ];
    let rows = a.runs.iter().filter_map(|r| {
        let why = r.excluded.as_deref()?;
        Some([
            r.activity_id.clone(),
            r.start_local.format("%Y-%m-%d %H:%M").to_string(),
            r.week.clone(),
            r.kind.to_string(),
            reason_group(why),
            why.to_string(),
            r.source_path.clone(),
        ])
    });
    super::csvout::table(&head, rows)
}
