//! Duplicates: the same workout arriving from two files is kept once, and
//! the ingest log says which copy was kept.
//!
//! * **Exact copies** (the same bytes, e.g. a FIT file both loose and inside
//!   a bulk-export zip) share their activity id: the first copy is kept.
//! * **The same activity from two sources** (the watch's FIT file and
//!   Strava's copy, or a FIT file and its `Activities.csv` row): starts
//!   within [`START_TOLERANCE_S`], the same sport (or one unknown), sharing
//!   at least half of the shorter one's time, durations within 5 % or a
//!   minute and distances within 5 % or 100 m (where both are known). The copy with samples is kept (FIT first, then
//!   more samples); a perceived effort only the other copy has is carried over.
//! * **The same gym session in two exports of one app** (gym apps export the
//!   whole history every time): the same local start time; the file with
//!   more sets for it is kept, on a tie the later file.
//! * **A strength workout the watch recorded and a gym app logged**: one
//!   session, the app's named sets with the watch's start time; the watch's
//!   activity (with its heart rate) stays.

use crate::error::Result;
use crate::ingest::{Format, Status};
use crate::schema::{activities as a, ingest_log as l, strength_sets as st};
use crate::tables::{Tables, f64s, i64s, strs, typed};
use chrono::DateTime;
use polars::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Largest gap between the starts of two copies of one activity, s.
pub const START_TOLERANCE_S: i64 = 120;
/// Largest gap between a watch's strength session and the app's log of it, s.
pub const GYM_TOLERANCE_S: i64 = 45 * 60;

/// What the ingest log will say about each source path.
#[derive(Default)]
struct Log {
    notes: BTreeMap<String, Vec<String>>,
}

impl Log {
    fn note(&mut self, path: &str, text: String) {
        let v = self.notes.entry(path.to_string()).or_default();
        if !v.contains(&text) {
            v.push(text);
        }
    }
}

fn close(x: Option<f64>, y: Option<f64>, floor: f64) -> bool {
    match (x, y) {
        (Some(x), Some(y)) => (x - y).abs() <= floor.max(0.05 * x.max(y)),
        _ => true,
    }
}

/// True when two activities share at least half of the shorter one's time
/// (or a duration is unknown).
fn overlap(s1: Option<i64>, d1: Option<f64>, s2: Option<i64>, d2: Option<f64>) -> bool {
    let (Some(s1), Some(d1), Some(s2), Some(d2)) = (s1, d1, s2, d2) else {
        return true;
    };
    let (e1, e2) = (s1 as f64 + d1 * 1000.0, s2 as f64 + d2 * 1000.0);
    let shared = e1.min(e2) - (s1.max(s2) as f64);
    shared >= 0.5 * d1.min(d2) * 1000.0
}

fn when(ms: i64) -> String {
    DateTime::from_timestamp_millis(ms)
        .map_or_else(String::new, |t| t.format("%Y-%m-%d %H:%M UTC").to_string())
}

/// Set duplicates aside in `t`.
pub fn dedupe(mut t: Tables) -> Result<Tables> {
    let mut log = Log::default();
    let formats: HashMap<String, String> = strs(&t.ingest_log, l::PATH)?
        .into_iter()
        .zip(strs(&t.ingest_log, l::DETECTED_FORMAT)?)
        .filter_map(|(p, f)| Some((p?, f?)))
        .collect();
    let keep_act = activities(&mut t, &formats, &mut log)?;
    let kept_ids: HashSet<String> = strs(&t.activities, a::ACTIVITY_ID)?
        .into_iter()
        .zip(&keep_act)
        .filter_map(|(id, &k)| if k { id } else { None })
        .collect();
    t.activities = t.activities.filter(&keep_act.into_iter().collect())?;
    t.samples.retain(|id| kept_ids.contains(id));
    let keep_sets = strength(&mut t, &formats, &mut log)?;
    t.strength_sets = t.strength_sets.filter(&keep_sets.into_iter().collect())?;
    t.ingest_log = annotate(&t, log)?;
    Ok(t)
}

/// Rows (`order`: by start) grouped with every row `similar` to them,
/// directly or through another (a copy may match two others), keyed by the
/// group's first row.
fn groups(
    order: &[usize],
    starts: &[Option<i64>],
    similar: impl Fn(usize, usize) -> bool,
) -> BTreeMap<usize, Vec<usize>> {
    fn root(g: &mut [usize], mut i: usize) -> usize {
        while g[i] != i {
            g[i] = g[g[i]];
            i = g[i];
        }
        i
    }
    let mut group: Vec<usize> = (0..starts.len()).collect();
    for (k, &i) in order.iter().enumerate() {
        for &j in &order[k + 1..] {
            if starts[j].unwrap_or(0) - starts[i].unwrap_or(0) > START_TOLERANCE_S * 1000 {
                break;
            }
            if similar(i, j) {
                let (ri, rj) = (root(&mut group, i), root(&mut group, j));
                group[ri.max(rj)] = ri.min(rj);
            }
        }
    }
    let mut copies: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in order {
        copies.entry(root(&mut group, i)).or_default().push(i);
    }
    copies
}

/// Mark duplicate activities; returns which rows to keep.
fn activities(
    t: &mut Tables,
    formats: &HashMap<String, String>,
    log: &mut Log,
) -> Result<Vec<bool>> {
    let df = &t.activities;
    let (ids, paths) = (strs(df, a::ACTIVITY_ID)?, strs(df, a::SOURCE_PATH)?);
    let (files, sports) = (strs(df, a::FILE)?, strs(df, a::SPORT)?);
    let (starts, durs) = (i64s(df, a::START_UTC)?, f64s(df, a::DURATION_S)?);
    let (dists, mut rpe) = (f64s(df, a::DISTANCE_M)?, f64s(df, a::RPE)?);
    let path = |i: usize| paths[i].clone().unwrap_or_default();
    let mut keep = vec![true; ids.len()];
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, id) in ids.iter().enumerate() {
        let Some(id) = id.as_deref() else { continue };
        if let Some(&j) = first.get(id) {
            keep[i] = false;
            log.note(
                &path(i),
                format!("same content as {}: kept that copy", path(j)),
            );
        } else {
            first.insert(id, i);
        }
    }
    // Preference: samples, FIT, more samples, earlier file.
    let rank = |i: usize| {
        let n = ids[i].as_deref().map_or(0, |id| t.samples.rows_of(id));
        let fit = paths[i]
            .as_ref()
            .and_then(|p| formats.get(p))
            .is_some_and(|f| f == Format::FIT.name());
        (n > 0, fit, n)
    };
    let mut order: Vec<usize> = (0..ids.len())
        .filter(|&i| keep[i] && starts[i].is_some())
        .collect();
    order.sort_by_key(|&i| (starts[i], i));
    let similar = |i: usize, j: usize| {
        let unknown = [&sports[i], &sports[j]]
            .iter()
            .any(|s| s.as_deref() == Some("unknown"));
        files[i] != files[j]
            && (sports[i] == sports[j] || unknown)
            && overlap(starts[i], durs[i], starts[j], durs[j])
            && close(durs[i], durs[j], 60.0)
            && close(dists[i], dists[j], 100.0)
    };
    let copies = groups(&order, &starts, similar);
    for same in copies.values().filter(|c| c.len() > 1) {
        let win = (same.iter().copied())
            .max_by_key(|&i| (rank(i), std::cmp::Reverse(i)))
            .unwrap_or(same[0]);
        for &lose in same.iter().filter(|&&i| i != win) {
            keep[lose] = false;
            rpe[win] = rpe[win].or(rpe[lose]);
            let at = when(starts[lose].unwrap_or(0));
            log.note(
                &path(lose),
                format!("activity of {at} also in {}: kept that copy", path(win)),
            );
        }
    }
    t.activities.with_column(Column::new(a::RPE.into(), rpe))?;
    Ok(keep)
}

/// Gym sessions: one key per (source path, session id).
struct GymSession {
    rows: Vec<usize>,
    path: String,
    fit: bool,
    start_utc: i64,
    start_local: i64,
}

/// Mark duplicate strength sets and move app sessions to the watch's time; returns which rows to keep.
fn strength(t: &mut Tables, formats: &HashMap<String, String>, log: &mut Log) -> Result<Vec<bool>> {
    let df = &t.strength_sets;
    let (sid, paths) = (strs(df, st::SESSION_ID)?, strs(df, st::SOURCE_PATH)?);
    let (mut utc, mut local) = (i64s(df, st::START_UTC)?, i64s(df, st::START_LOCAL)?);
    let mut sessions: BTreeMap<(String, String), GymSession> = BTreeMap::new();
    for i in 0..sid.len() {
        let (Some(id), Some(p), Some(u), Some(lo)) = (&sid[i], &paths[i], utc[i], local[i]) else {
            continue;
        };
        let fit = formats.get(p).is_some_and(|f| f == Format::FIT.name());
        (sessions.entry((p.clone(), id.clone())))
            .or_insert_with(|| GymSession {
                rows: vec![],
                path: p.clone(),
                fit,
                start_utc: u,
                start_local: lo,
            })
            .rows
            .push(i);
    }
    let mut keep = vec![true; sid.len()];
    let drop = |keep: &mut Vec<bool>, g: &GymSession| g.rows.iter().for_each(|&r| keep[r] = false);
    // The same session in several exports of one app.
    let mut by_start: BTreeMap<(i64, &str), Vec<&GymSession>> = BTreeMap::new();
    for g in sessions.values().filter(|g| !g.fit) {
        let fmt = formats.get(&g.path).map_or("", String::as_str);
        by_start.entry((g.start_local, fmt)).or_default().push(g);
    }
    for group in by_start.values().filter(|g| g.len() > 1) {
        let best = (group.iter())
            .max_by_key(|g| (g.rows.len(), g.path.clone()))
            .map(|g| g.path.clone())
            .unwrap_or_default();
        for g in group.iter().filter(|g| g.path != best) {
            drop(&mut keep, g);
            log.note(
                &g.path,
                format!(
                    "gym session of {} also in {best}: kept that copy",
                    when(g.start_utc)
                ),
            );
        }
    }
    // A watch's strength session that an app also logged.
    let apps: Vec<&GymSession> = sessions
        .values()
        .filter(|g| !g.fit && keep[g.rows[0]])
        .collect();
    for w in sessions.values().filter(|g| g.fit) {
        let matched = (apps.iter())
            .filter(|g| (g.start_utc - w.start_utc).abs() <= GYM_TOLERANCE_S * 1000)
            .min_by_key(|g| (g.start_utc - w.start_utc).abs());
        let Some(app) = matched else { continue };
        drop(&mut keep, w);
        for &r in &app.rows {
            utc[r] = Some(w.start_utc);
            local[r] = Some(w.start_local);
        }
        log.note(&w.path, format!("strength session of {} also logged in {}: kept the app's sets with this file's time", when(w.start_utc), app.path));
        log.note(
            &app.path,
            format!(
                "gym session of {} timed by the watch recording {}",
                when(w.start_utc),
                w.path
            ),
        );
    }
    let schema = crate::schema::strength_sets_schema();
    let u = typed(Column::new(st::START_UTC.into(), utc), &schema)?;
    let lo = typed(Column::new(st::START_LOCAL.into(), local), &schema)?;
    t.strength_sets.with_column(u)?;
    t.strength_sets.with_column(lo)?;
    Ok(keep)
}

/// Add the notes to the ingest log; a file none of whose rows survived is a duplicate.
fn annotate(t: &Tables, log: Log) -> Result<DataFrame> {
    let mut kept: HashSet<String> = strs(&t.activities, a::SOURCE_PATH)?
        .into_iter()
        .flatten()
        .collect();
    kept.extend(
        strs(&t.strength_sets, st::SOURCE_PATH)?
            .into_iter()
            .flatten(),
    );
    let df = &t.ingest_log;
    let (paths, mut status, mut msg) = (
        strs(df, l::PATH)?,
        strs(df, l::STATUS)?,
        strs(df, l::MESSAGE)?,
    );
    for i in 0..paths.len() {
        let Some(p) = paths[i].as_deref() else {
            continue;
        };
        let Some(notes) = log.notes.get(p) else {
            continue;
        };
        let mut text: Vec<String> = msg[i].iter().filter(|m| !m.is_empty()).cloned().collect();
        let shown = 3;
        text.extend(notes.iter().take(shown).cloned());
        if notes.len() > shown {
            text.push(format!("{} more duplicates", notes.len() - shown));
        }
        msg[i] = Some(text.join("; "));
        if !kept.contains(p) && status[i].as_deref() == Some(Status::Ok.name()) {
            status[i] = Some(Status::Duplicate.name().to_string());
        }
    }
    let mut out = df.clone();
    out.with_column(Column::new(l::STATUS.into(), status))?;
    out.with_column(Column::new(l::MESSAGE.into(), msg))?;
    Ok(out)
}
