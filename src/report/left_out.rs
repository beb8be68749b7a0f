//! What a report leaves out and why, gathered once for `report.md` and
//! `index.html`: runs not in the estimates, files not read, and files read
//! with warnings.

use super::ReportInput;
use crate::schema::ingest_log as l;
use crate::tables::strs;

/// The left-out lists, in report order.
pub struct LeftOut {
    /// Runs not in the estimates: `2026-01-06 06:30 (quality): why`.
    pub runs: Vec<String>,
    /// Files not read: (path, status, why).
    pub not_read: Vec<(String, String, String)>,
    /// Files read with warnings: (path, warnings joined by `; `).
    pub warned: Vec<(String, String)>,
}

/// Gather the left-out lists of `input`.
pub fn left_out(input: &ReportInput) -> LeftOut {
    let runs = (input.analysis.runs.iter())
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
