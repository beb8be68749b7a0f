//! What a report leaves out and why, gathered once for `report.md` and
//! `index.html`: runs not in the estimates, files not read, and files read
//! with warnings.

use super::ReportInput;
use crate::ingest::Status;

/// The left-out lists, in report order.
pub struct LeftOut {
    /// Runs not in the estimates: `2026-01-06 06:30 (quality): why`.
    pub runs: Vec<String>,
    /// Files not read: (path, status, why).
    pub not_read: Vec<(String, &'static str, String)>,
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
    let files: Vec<_> = input.outcomes.iter().flat_map(|o| o.flatten()).collect();
    let not_read = (files.iter())
        .filter(|o| o.status != Status::Ok)
        .map(|o| {
            (
                o.path.display().to_string(),
                o.status.name(),
                o.message.clone().unwrap_or_default(),
            )
        })
        .collect();
    let warned = (files.iter())
        .filter(|o| o.status == Status::Ok && !o.decoded.warnings.is_empty())
        .map(|o| (o.path.display().to_string(), o.decoded.warnings.join("; ")))
        .collect();
    LeftOut {
        runs,
        not_read,
        warned,
    }
}
