//! Time zones without a setting. Activity lists (Garmin Connect's
//! `Activities.csv`, Polar Flow) and gym logs write local wall-clock times
//! with no zone. Without a `timezone` setting, each such time takes the
//! UTC offset that the runner's own files state (FIT `local_timestamp`,
//! Apple Health dates) nearest to it in time, so that a FIT file and its
//! `Activities.csv` row are one run, across daylight-saving changes and
//! travel. Files that give the instant but no offset (GPX, TCX, Strava's
//! list) take the same offsets for their local days and hours. Where no
//! file states an offset, the times stay read as UTC and the report says so.

use crate::error::Result;
use crate::ingest::Format;
use crate::schema::{activities as a, ingest_log as l, strength_sets as st};
use crate::tables::{Tables, i64s, strs, typed};
use polars::prelude::*;
use std::collections::HashMap;

const MIN_MS: i64 = 60_000;

/// Offsets the files state, as (local wall clock in ms, offset in minutes),
/// sorted by the wall clock.
fn stated(t: &Tables) -> Result<Vec<(i64, i64)>> {
    let df = &t.activities;
    let flags = df.column(a::UTC_OFFSET_STATED)?.bool()?;
    let (starts, offsets) = (i64s(df, a::START_UTC)?, i64s(df, a::UTC_OFFSET_MIN)?);
    let mut out: Vec<(i64, i64)> = (flags.iter().zip(starts).zip(offsets))
        .filter_map(|((f, s), o)| Some((s? + o? * MIN_MS, o?)).filter(|_| f == Some(true)))
        .collect();
    out.sort_unstable();
    Ok(out)
}

/// The stated offset nearest in time to the wall clock `local_ms`.
fn nearest(stated: &[(i64, i64)], local_ms: i64) -> Option<i64> {
    let i = stated.partition_point(|(t, _)| *t < local_ms);
    let before = i.checked_sub(1).map(|k| stated[k]);
    let after = stated.get(i).copied();
    [before, after]
        .into_iter()
        .flatten()
        .min_by_key(|(t, _)| (t - local_ms).abs())
        .map(|(_, o)| o)
}

/// Formats with local-clock times, by source path (from the ingest log).
fn local_paths(t: &Tables) -> Result<HashMap<String, bool>> {
    let paths = strs(&t.ingest_log, l::PATH)?;
    let formats = strs(&t.ingest_log, l::DETECTED_FORMAT)?;
    Ok((paths.into_iter().zip(formats))
        .filter_map(|(p, f)| Some((p?, Format::named(&f?)?.local_clock())))
        .collect())
}

/// Give the local-clock rows of `t`, and the rows with an instant but no
/// offset, the offsets the files state.
pub fn infer(t: &mut Tables) -> Result<()> {
    let stated = stated(t)?;
    if stated.is_empty() {
        return Ok(());
    }
    let df = &t.activities;
    let formats = strs(df, a::SOURCE_FORMAT)?;
    let flags: Vec<bool> = (df.column(a::UTC_OFFSET_STATED)?.bool()?.iter())
        .map(|f| f == Some(true))
        .collect();
    let mut starts = i64s(df, a::START_UTC)?;
    let mut offsets = i64s(df, a::UTC_OFFSET_MIN)?;
    for (i, (s, o)) in starts.iter_mut().zip(&mut offsets).enumerate() {
        let local_clock = (formats[i].as_deref())
            .and_then(Format::named)
            .is_some_and(|f| f.local_clock());
        let Some(start) = *s else { continue };
        let local = start + o.unwrap_or(0) * MIN_MS;
        let Some(off) = nearest(&stated, local).filter(|_| !flags[i]) else {
            continue;
        };
        if local_clock {
            // The wall clock is what the file gives: the instant moves.
            *s = Some(local - off * MIN_MS);
        }
        // An instant without an offset (GPX, TCX, Strava's list) keeps
        // its instant and takes the offset for its local day and hour.
        *o = Some(off);
    }
    let schema = crate::schema::activities_schema();
    let offsets: Vec<Option<i32>> = offsets.iter().map(|o| o.map(|o| o as i32)).collect();
    t.activities
        .with_column(typed(Column::new(a::START_UTC.into(), starts), &schema)?)?;
    t.activities.with_column(typed(
        Column::new(a::UTC_OFFSET_MIN.into(), offsets),
        &schema,
    )?)?;

    let local_paths = local_paths(t)?;
    let sets = &t.strength_sets;
    let paths = strs(sets, st::SOURCE_PATH)?;
    let locals = i64s(sets, st::START_LOCAL)?;
    let mut starts = i64s(sets, st::START_UTC)?;
    for ((p, l), s) in paths.iter().zip(&locals).zip(&mut starts) {
        let local_clock = p.as_ref().and_then(|p| local_paths.get(p)) == Some(&true);
        if let (true, Some(l)) = (local_clock, l)
            && let Some(off) = nearest(&stated, *l)
        {
            *s = Some(l - off * MIN_MS);
        }
    }
    let schema = crate::schema::strength_sets_schema();
    t.strength_sets
        .with_column(typed(Column::new(st::START_UTC.into(), starts), &schema)?)?;
    Ok(())
}

/// What the report should say about wall-clock times when no time zone is
/// set (`None`: nothing in the data is in wall-clock time).
pub fn note(t: &Tables) -> Result<Option<String>> {
    let local_paths = local_paths(t)?;
    let flags = t.activities.column(a::UTC_OFFSET_STATED)?.bool()?;
    let unstated = flags.iter().any(|f| f != Some(true));
    if !local_paths.values().any(|l| *l) && !unstated {
        return Ok(None);
    }
    let stated = stated(t)?;
    let (lo, hi) = (
        stated.iter().map(|s| s.1).min(),
        stated.iter().map(|s| s.1).max(),
    );
    let hm = |m: i64| {
        format!(
            "UTC{}{:02}:{:02}",
            if m < 0 { '-' } else { '+' },
            m.abs() / 60,
            m.abs() % 60
        )
    };
    Ok(Some(match (lo, hi) {
        (Some(lo), Some(hi)) if lo == hi => format!(
            "time zone not set: files without a time zone (activity lists, gym logs, GPX, TCX) are read at {}, the offset the watch's files state",
            hm(lo)
        ),
        (Some(lo), Some(hi)) => format!(
            "time zone not set: files without a time zone (activity lists, gym logs, GPX, TCX) take the offset the watch's files state nearest in time ({} to {})",
            hm(lo),
            hm(hi)
        ),
        _ => "time zone not set and no file states one: local times are read as UTC".to_string(),
    }))
}
