//! What `report.md` and `index.html` say, built once as a
//! [`document`](super::document) model: findings in plain words, the charts
//! with a caption each, the strength program, the definitions and their
//! signs, and what was left out and why.

use super::ReportInput;
use super::charts::Chart;
use super::document::Block;
use super::findings::{findings, gaps, pace};
use super::left_out::left_out;
use crate::kinds::SessionKind;
use chrono::NaiveDate;

/// `1 file was`, `2 files were`.
fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word} was")
    } else {
        format!("{n} {word}s were")
    }
}

/// The report's title.
pub fn title(input: &ReportInput) -> String {
    format!(
        "runlift report {} — {}",
        input.week, input.settings.athlete_name
    )
}

fn program(input: &ReportInput) -> Vec<Block> {
    let (a, units) = (input.analysis, input.settings.units);
    let p = &a.program;
    let mut out = vec![Block::Heading(2, "Strength program".into())];
    if a.sessions.is_empty() {
        out.push(Block::Para("No strength sessions were found.".into()));
        return out;
    }
    let kinds: Vec<String> = (SessionKind::ALL.iter())
        .map(|&k| format!("{} {k}", a.sessions.iter().filter(|x| x.kind == k).count()))
        .collect();
    let mut items = vec![format!(
        "{} sessions: {} (unlogged: recorded by a watch without sets).",
        a.sessions.len(),
        kinds.join(", ")
    )];
    items.extend(a.blocks.iter().map(|b| {
        let since = if b.since_data_begin {
            " (since the data begin: it may have started earlier)"
        } else {
            ""
        };
        format!(
            "Block of regular lifting from {} to {}: {} sessions{since}.",
            b.from, b.to, b.sessions
        )
    }));
    if let Some(rate) = p.per_week {
        items.push(format!(
            "{rate:.1} sessions a week since the current block started (target 2)."
        ));
    }
    if let Some(share) = p.rpe_7_9_share {
        items.push(format!(
            "{:.0} % of rated heavy sets were at RPE 7–9.",
            100.0 * share
        ));
    }
    let monday = crate::analysis::runs::week_bounds(&input.week).map_or(NaiveDate::MAX, |w| w.0);
    items.extend(super::conflicts::older(a, monday));
    out.push(Block::List(items));
    let rows: Vec<Vec<String>> = (p.lifts.iter())
        .filter_map(|l| {
            let (f, last) = (l.points.first()?, l.points.last()?);
            let u = units.mass_unit();
            Some(vec![
                l.exercise.clone(),
                l.points.len().to_string(),
                format!("{:.0} {u} ({})", units.mass(f.1), f.0),
                format!("{:.0} {u} ({})", units.mass(last.1), last.0),
            ])
        })
        .collect();
    if !rows.is_empty() {
        let head = ["lift", "sessions", "first e1RM", "last e1RM"].map(String::from);
        out.push(Block::Table(head.to_vec(), rows));
    }
    out
}

fn definitions(input: &ReportInput) -> Vec<Block> {
    let a = input.analysis;
    let pace = pace(input.settings.units, a.reference_speed_mps);
    let l = a.hr_limits;
    vec![
        Block::Heading(2, "Definitions".into()),
        Block::List(vec![
            format!(
                "Reference heart rate {:.0} bpm and pace {pace} (from the {}); resting heart rate {:.0} bpm (from the {}), maximum {:.0} bpm (from the {}).",
                a.reference_hr,
                a.reference_source,
                l.rest,
                l.rest_source.name(),
                l.max,
                l.max_source.name()
            ),
            "Pace at the reference heart rate: steady-state grade-adjusted speed scaled along heart-rate reserve; change = 100·(recent/baseline − 1) of speed, positive = faster = better.".into(),
            "Heart rate at the reference pace: change = recent − baseline, negative = lower = better.".into(),
            "RPE at easy pace: RPE (0–10) logged after easy runs; change = recent − baseline, negative = easier = better.".into(),
            "Decoupling: 100·(EF first half − EF second half)/EF first half, EF = grade-adjusted m/min per bpm; positive = heart rate drifted up (GoldenCheetah's sign).".into(),
            "Durations are time, not records: runs are laid onto a one-second timeline, pauses are not running time, and signal problems are counted per run in tables/runs.csv.".into(),
            "Intervals: 95 %, Welch t on the means of ISO weeks (runs in one week are not independent).".into(),
        ]),
    ]
}

fn left_out_section(input: &ReportInput) -> Vec<Block> {
    let a = input.analysis;
    let left = left_out(input);
    let excluded = a.runs.iter().filter(|r| r.excluded.is_some()).count();
    let mut out = vec![
        Block::Heading(2, "Left out, and why".into()),
        Block::Para(format!(
            "{excluded} of {} runs are not in the estimates, by reason (each run with its reason is in tables/left_out.csv):",
            a.runs.len()
        )),
        Block::List(
            (super::left_out::by_reason(a).into_iter())
                .map(|(why, n)| format!("{n} × {why}"))
                .collect(),
        ),
    ];
    if !left.runs.is_empty() {
        out.push(Block::Para("This week's:".into()));
        out.push(Block::List(left.runs));
    }
    out.push(Block::Para(format!(
        "{} not read:",
        plural(left.not_read.len(), "file")
    )));
    out.push(Block::List(
        (left.not_read.iter())
            .map(|(path, status, why)| format!("{path} ({status}): {why}"))
            .collect(),
    ));
    if !left.warned.is_empty() {
        out.push(Block::Para(format!(
            "{} read with warnings (in part, or with assumptions):",
            plural(left.warned.len(), "file")
        )));
        out.push(Block::List(
            (left.warned.iter())
                .map(|(path, w)| format!("{path}: {w}"))
                .collect(),
        ));
    }
    let mut other: Vec<String> = Vec::new();
    if !a.unknown_exercises.is_empty() {
        other.push(format!(
            "Exercise names not known yet (counted as other): {}",
            a.unknown_exercises.join(", ")
        ));
    }
    other.extend(a.assumptions.iter().map(|n| format!("Assumed: {n}")));
    if !other.is_empty() {
        out.push(Block::List(other));
    }
    out
}

/// The whole report as one model.
pub fn build(input: &ReportInput, charts: &[Chart]) -> Vec<Block> {
    let (a, units) = (input.analysis, input.settings.units);
    let range = input
        .data_range
        .map_or("no data".into(), |(f, t)| format!("{f} to {t}"));
    let periods = a.periods.map_or(a.periods_note.clone(), |p| {
        let (b, r) = (p.baseline, p.recent);
        format!(
            "Baseline {} to {}, recent {} to {} ({}).",
            b.from, b.to, r.from, r.to, a.periods_note
        )
    });
    let mut items: Vec<String> = findings(a, units).into_iter().map(|f| f.text).collect();
    items.extend(gaps(a, units));
    let mut doc = vec![
        Block::Heading(1, title(input)),
        Block::Muted(format!("Data from {range}. {periods}")),
    ];
    doc.extend(super::overview::section(input));
    doc.extend([
        Block::Heading(2, "Does the same pace cost less effort?".into()),
        Block::List(items),
        Block::Para(temperature_text(a)),
    ]);
    doc.extend(super::blocks::section(a));
    doc.extend(charts.iter().map(|c| Block::Figure {
        file: c.file.to_string(),
        caption: (c.caption)(input),
    }));
    doc.extend(program(input));
    doc.extend(definitions(input));
    doc.extend(left_out_section(input));
    doc.push(Block::Muted(
        "Made by runlift from the files listed in ingest.csv; the numbers are in summary.json and tables/."
            .into(),
    ));
    doc
}

/// What was done about temperature, and how much it moved the answer.
fn temperature_text(a: &crate::analysis::Analysis) -> String {
    let side = (a.effort.speed_unadjusted.as_ref())
        .zip(a.effort.speed_at_ref_hr.as_ref().ok())
        .map(|(u, e)| {
            format!(
                " Speed at the reference heart rate changed {:+.1} % adjusted, {:+.1} % (95 % interval {:+.1} to {:+.1} %) without the adjustment.",
                e.change, u.change, u.ci95[0], u.ci95[1]
            )
        });
    format!("{}.{}", a.effort.temperature_note, side.unwrap_or_default())
}
