//! `report.md`: the charts with one plain sentence each, the definitions
//! and their signs, and what was left out and why.

use super::ReportInput;
use crate::analysis::estimate::Estimate;
use crate::config::format_pace;
use crate::ingest::Status;
use std::fmt::Write;

/// A warning when the interval includes no change.
fn unclear(e: &Estimate) -> &'static str {
    if e.ci95[0] > 0.0 || e.ci95[1] < 0.0 {
        ""
    } else {
        " The interval includes no change, so this is not yet clear."
    }
}

fn speed_sentence(e: &Result<Estimate, String>, ref_hr: f64) -> String {
    match e {
        Ok(e) => {
            let dir = if e.change >= 0.0 { "faster" } else { "slower" };
            let sure = unclear(e);
            format!(
                "At {ref_hr:.0} bpm you now run {:.1}% {dir} than in the baseline ({}/km → {}/km; 95% interval {:+.1}% to {:+.1}%; {} and {} runs).{sure}",
                e.change.abs(),
                format_pace(1000.0 / e.baseline),
                format_pace(1000.0 / e.recent),
                e.ci95[0],
                e.ci95[1],
                e.n_baseline,
                e.n_recent
            )
        }
        Err(why) => format!("No estimate of pace at {ref_hr:.0} bpm: {why}."),
    }
}

fn hr_sentence(e: &Result<Estimate, String>, pace: &str) -> String {
    match e {
        Ok(e) => {
            let dir = if e.change <= 0.0 { "lower" } else { "higher" };
            format!(
                "At {pace}/km your heart rate is now {:.1} bpm {dir} than in the baseline ({:.1} → {:.1} bpm; 95% interval {:+.1} to {:+.1} bpm).{}",
                e.change.abs(),
                e.baseline,
                e.recent,
                e.ci95[0],
                e.ci95[1],
                unclear(e)
            )
        }
        Err(why) => format!("No estimate of heart rate at {pace}/km: {why}."),
    }
}

fn rpe_sentence(e: &Result<Estimate, String>) -> String {
    match e {
        Ok(e) => {
            let dir = if e.change <= 0.0 { "easier" } else { "harder" };
            format!(
                "Easy runs now feel {:.1} RPE points {dir} than in the baseline ({:.1} → {:.1}; 95% interval {:+.1} to {:+.1}).{}",
                e.change.abs(),
                e.baseline,
                e.recent,
                e.ci95[0],
                e.ci95[1],
                unclear(e)
            )
        }
        Err(why) => format!("No estimate of RPE at easy pace: {why}."),
    }
}

/// The whole `report.md`.
pub fn report(input: &ReportInput, charts: &[String]) -> String {
    let a = input.analysis;
    let pace = format_pace(1000.0 / a.reference_speed_mps);
    let mut s = String::new();
    let range = input
        .data_range
        .map_or("no data".into(), |(f, t)| format!("{f} to {t}"));
    let _ = writeln!(
        s,
        "# runlift report {} — {}\n",
        input.week, input.settings.athlete_name
    );
    let _ = writeln!(
        s,
        "Data from {range}. {}\n",
        a.periods.map_or(a.periods_note.clone(), |p| format!(
            "Baseline {} to {}, recent {} to {} ({}).",
            p.baseline.from, p.baseline.to, p.recent.from, p.recent.to, a.periods_note
        ))
    );
    let _ = writeln!(s, "## Does the same pace cost less effort?\n");
    let _ = writeln!(
        s,
        "{}\n",
        speed_sentence(&a.effort.speed_at_ref_hr, a.reference_hr)
    );
    let _ = writeln!(s, "{}\n", hr_sentence(&a.effort.hr_at_ref_pace, &pace));
    let _ = writeln!(s, "{}\n", rpe_sentence(&a.effort.rpe_at_easy_pace));
    let _ = writeln!(s, "Temperature: {}.\n", a.effort.temperature_note);
    let captions = [
        format!(
            "Pace at {:.0} bpm, one dot per steady run; lines are the period means.",
            a.reference_hr
        ),
        format!("Heart rate at {pace}/km, one dot per steady run; lines are the period means."),
        format!(
            "Weekly running distance with gym sessions as dots: {} sessions in all, the block started {}.",
            a.sessions.len(),
            a.block_start
                .map_or("nowhere (no heavy or plyometric block found)".into(), |d| d
                    .to_string())
        ),
    ];
    for (chart, caption) in charts.iter().zip(captions) {
        let _ = writeln!(s, "![{caption}]({chart})\n\n{caption}\n");
    }
    let _ = writeln!(s, "## Definitions\n");
    let _ = writeln!(
        s,
        "- Reference heart rate {:.0} bpm and pace {pace}/km (from the {}).",
        a.reference_hr, a.reference_source
    );
    let _ = writeln!(
        s,
        "- Pace at the reference heart rate: steady-state grade-adjusted speed scaled along heart-rate reserve; change = 100·(recent/baseline − 1) of speed, positive = faster = better."
    );
    let _ = writeln!(
        s,
        "- Heart rate at the reference pace: change = recent − baseline, negative = lower = better."
    );
    let _ = writeln!(
        s,
        "- Intervals: 95%, Welch t with runs grouped by ISO week.\n"
    );
    let _ = writeln!(s, "## Left out, and why\n");
    let excluded: Vec<_> = a.runs.iter().filter(|r| r.excluded.is_some()).collect();
    let _ = writeln!(
        s,
        "{} of {} runs are not in the estimates:\n",
        excluded.len(),
        a.runs.len()
    );
    for r in excluded {
        let _ = writeln!(
            s,
            "- {} ({}): {}",
            r.start_local.format("%Y-%m-%d %H:%M"),
            r.kind,
            r.excluded.as_deref().unwrap_or("")
        );
    }
    let files: Vec<_> = input
        .outcomes
        .iter()
        .flat_map(|o| o.flatten())
        .filter(|o| o.status != Status::Ok)
        .collect();
    let _ = writeln!(s, "\n{} files were not read:\n", files.len());
    for o in files {
        let _ = writeln!(
            s,
            "- `{}` ({}): {}",
            o.path.display(),
            o.status.name(),
            o.message.as_deref().unwrap_or("")
        );
    }
    for note in &input.settings.assumptions {
        let _ = writeln!(s, "- Assumed: {note}");
    }
    s
}
