//! `runlift inspect FILE`: what one file decodes to, or why it cannot be
//! read, as text or as one JSON object (keys documented in the README).

use crate::ingest::{FileOutcome, Status};
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// Overall status: a container is ok when any member is, failed when a member failed and none is ok.
pub fn status(o: &FileOutcome) -> Status {
    if o.members.is_empty() {
        return o.status;
    }
    let st: Vec<Status> = o.members.iter().map(status).collect();
    if st.contains(&Status::Ok) {
        Status::Ok
    } else if st.contains(&Status::Failed) {
        Status::Failed
    } else {
        Status::Skipped
    }
}

struct Counts {
    records: usize,
    activities: usize,
    sets: usize,
    strength_sessions: usize,
}

fn counts(o: &FileOutcome) -> Counts {
    let mut c = Counts {
        records: o.decoded.activities.iter().map(|a| a.samples.len()).sum(),
        activities: o.decoded.activities.len(),
        sets: o.decoded.sets.len(),
        strength_sessions: o
            .decoded
            .sets
            .iter()
            .map(|s| s.start_local)
            .collect::<BTreeSet<_>>()
            .len(),
    };
    for m in &o.members {
        let mc = counts(m);
        c.records += mc.records;
        c.activities += mc.activities;
        c.sets += mc.sets;
        c.strength_sessions += mc.strength_sessions;
    }
    c
}

/// The `inspect --json` object.
pub fn to_json(o: &FileOutcome) -> Value {
    let c = counts(o);
    let sessions: Vec<Value> = o
        .decoded
        .activities
        .iter()
        .map(|a| {
            json!({
                "sport": a.meta.sport,
                "sub_sport": a.meta.sub_sport,
                "start_utc": a.meta.start_utc.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
                "utc_offset_min": a.meta.utc_offset_min,
                "records": a.samples.len(),
            })
        })
        .collect();
    let st = status(o);
    let mut v = json!({
        "path": o.path.display().to_string(),
        "format": o.format.name(),
        "status": match st { Status::Failed => "error", s => s.name() },
        "error": if st == Status::Ok { None } else { o.message.clone() },
        "warnings": o.decoded.warnings,
        "sessions": sessions,
        "records": c.records,
        "activities": c.activities,
        "sets": c.sets,
        "strength_sessions": c.strength_sessions,
    });
    if !o.members.is_empty() || o.format.is_container() {
        v["members"] = Value::Array(o.members.iter().map(to_json).collect());
    }
    v
}

/// A short human-readable description.
pub fn to_text(o: &FileOutcome) -> String {
    let c = counts(o);
    let mut s = format!(
        "{}: {} ({})\n",
        o.path.display(),
        o.format.name(),
        status(o).name()
    );
    if let Some(m) = &o.message {
        s += &format!("  {m}\n");
    }
    for w in &o.decoded.warnings {
        s += &format!("  warning: {w}\n");
    }
    for a in &o.decoded.activities {
        let start = a
            .meta
            .start_utc
            .map(|t| t.to_rfc3339())
            .unwrap_or_else(|| "?".into());
        s += &format!(
            "  session {}: {} at {start}, {} records\n",
            a.meta.session_index,
            a.meta.sport,
            a.samples.len()
        );
    }
    s += &format!(
        "  {} records, {} activities, {} sets in {} strength sessions\n",
        c.records, c.activities, c.sets, c.strength_sessions
    );
    for m in &o.members {
        s += &to_text(m)
            .lines()
            .map(|l| format!("  {l}\n"))
            .collect::<String>();
    }
    s
}
