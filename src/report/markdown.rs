//! `report.md`: findings in plain words, the charts with a caption each, the
//! strength program, the definitions and their signs, and what was left
//! out and why.

use super::ReportInput;
use super::captions::captions;
use super::findings::{findings, gaps, pace};
use super::left_out::left_out;
use crate::analysis::Analysis;
use crate::config::Units;
use std::fmt::Write;

fn program(s: &mut String, a: &Analysis, units: Units) {
    let p = &a.program;
    let _ = writeln!(s, "## Strength program\n");
    if a.sessions.is_empty() {
        let _ = writeln!(s, "No gym sessions were found.\n");
        return;
    }
    let kinds = ["heavy", "plyometric", "high-rep", "mixed"]
        .map(|k| format!("{} {k}", a.sessions.iter().filter(|x| x.kind == k).count()));
    let _ = writeln!(s, "- {} sessions: {}.", a.sessions.len(), kinds.join(", "));
    if let Some(rate) = p.per_week {
        let _ = writeln!(
            s,
            "- {rate:.1} sessions a week since the block started (target 2)."
        );
    }
    if let Some(share) = p.rpe_7_9_share {
        let _ = writeln!(
            s,
            "- {:.0} % of rated heavy sets were at RPE 7–9.",
            100.0 * share
        );
    }
    for c in &p.conflicts {
        let _ = writeln!(
            s,
            "- Conflict: {} run on {} came {:.0} h after a heavy or plyometric session.",
            c.run_kind,
            c.run_start_local.format("%Y-%m-%d %H:%M"),
            c.hours_before
        );
    }
    if !p.lifts.is_empty() {
        let _ = writeln!(
            s,
            "\n| lift | sessions | first e1RM | last e1RM |\n|---|---|---|---|"
        );
        for l in &p.lifts {
            if let (Some(f), Some(last)) = (l.points.first(), l.points.last()) {
                let _ = writeln!(
                    s,
                    "| {} | {} | {:.0} {u} ({}) | {:.0} {u} ({}) |",
                    l.exercise,
                    l.points.len(),
                    units.mass(f.1),
                    f.0,
                    units.mass(last.1),
                    last.0,
                    u = units.mass_unit()
                );
            }
        }
    }
    if !a.unknown_exercises.is_empty() {
        let _ = writeln!(
            s,
            "\nExercise names runlift does not know yet (counted as `other`): {}.",
            a.unknown_exercises.join(", ")
        );
    }
    let _ = writeln!(s);
}

/// `1 file`, `2 files`.
fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word} was")
    } else {
        format!("{n} {word}s were")
    }
}

fn left_out_section(s: &mut String, input: &ReportInput) {
    let a = input.analysis;
    let _ = writeln!(s, "## Left out, and why\n");
    let left = left_out(input);
    let _ = writeln!(
        s,
        "{} of {} runs are not in the estimates:\n",
        left.runs.len(),
        a.runs.len()
    );
    for r in &left.runs {
        let _ = writeln!(s, "- {r}");
    }
    let _ = writeln!(s, "\n{} not read:\n", plural(left.not_read.len(), "file"));
    for (path, status, why) in &left.not_read {
        let _ = writeln!(s, "- `{path}` ({status}): {why}");
    }
    if !left.warned.is_empty() {
        let n = plural(left.warned.len(), "file");
        let _ = writeln!(
            s,
            "\n{n} read with warnings (in part, or with assumptions):\n"
        );
        for (path, warnings) in &left.warned {
            let _ = writeln!(s, "- `{path}`: {warnings}");
        }
    }
    if !a.unknown_exercises.is_empty() {
        let names = a.unknown_exercises.join(", ");
        let _ = writeln!(
            s,
            "- Exercise names not known yet (counted as `other`): {names}"
        );
    }
    for note in &input.settings.assumptions {
        let _ = writeln!(s, "- Assumed: {note}");
    }
}

/// The whole `report.md`.
pub fn report(input: &ReportInput, charts: &[String]) -> String {
    let a = input.analysis;
    let units = input.settings.units;
    let pace = pace(units, a.reference_speed_mps);
    let mut s = String::new();
    let range = input
        .data_range
        .map_or("no data".into(), |(f, t)| format!("{f} to {t}"));
    let _ = writeln!(
        s,
        "# runlift report {} — {}\n",
        input.week, input.settings.athlete_name
    );
    let periods = a.periods.map_or(a.periods_note.clone(), |p| {
        let (b, r) = (p.baseline, p.recent);
        format!(
            "Baseline {} to {}, recent {} to {} ({}).",
            b.from, b.to, r.from, r.to, a.periods_note
        )
    });
    let _ = writeln!(s, "Data from {range}. {periods}\n");
    let _ = writeln!(s, "## Does the same pace cost less effort?\n");
    for f in findings(a, units) {
        let _ = writeln!(s, "- {}", f.text);
    }
    for g in gaps(a, units) {
        let _ = writeln!(s, "- {g}");
    }
    let _ = writeln!(s, "\n{}.\n", a.effort.temperature_note);
    for (chart, caption) in charts.iter().zip(captions(a, units, &input.week)) {
        let _ = writeln!(s, "![{caption}]({chart})\n\n{caption}\n");
    }
    program(&mut s, a, units);
    let _ = writeln!(s, "## Definitions\n");
    let _ = writeln!(
        s,
        "- Reference heart rate {:.0} bpm and pace {pace} (from the {}).",
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
        "- RPE at easy pace: RPE (0–10) logged after easy runs; change = recent − baseline, negative = easier = better."
    );
    let _ = writeln!(
        s,
        "- Decoupling: 100·(EF first half − EF second half)/EF first half, EF = grade-adjusted m/min per bpm; positive = heart rate drifted up (GoldenCheetah's sign)."
    );
    let _ = writeln!(
        s,
        "- Intervals: 95 %, Welch t on the means of ISO weeks (runs in one week are not independent).\n"
    );
    left_out_section(&mut s, input);
    s
}
