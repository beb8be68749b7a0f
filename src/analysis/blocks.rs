//! Every lifting block compared, not only the current one: for each block,
//! speed at the reference heart rate in the weeks just before it against
//! its last weeks (or, when those hold too few runs, the four weeks after
//! it ended), with the interval and usual wander of the headline.
//!
//! `change = 100·(compared/before − 1)` of speed; > 0 is faster at the same
//! heart rate (better). A change *coincided with* a block: runs before and
//! during lifting differ in season, mileage and much else, so this never
//! says the lifting caused it. What does say how unusual it is, is the
//! runner's own control: pairs of stretches of the same shape (as long, as
//! far apart) taken from the weeks when they did not lift, and how far
//! those moved on their own.

use super::estimate::{self, Estimate, Scale};
use super::history::Block;
use super::periods::{self, Baseline, Period, Periods};
use super::placebo::{self, Shape};
use super::runs::RunMetrics;
use super::wander::{Wander, week_of};
use chrono::{Duration, NaiveDate};

/// Weeks after a block ended that stand in for its last weeks when those
/// hold too few runs, days.
pub const AFTER_DAYS: i64 = 28;
/// Fewest control pairs whose spread is reported.
pub const MIN_CONTROL_PAIRS: usize = 5;

/// How far changes of a block's shape move in the runner's weeks without lifting.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Control {
    /// Lifting-free pairs of stretches with enough runs on both sides.
    pub pairs: usize,
    /// Of those, the ones whose interval left out no change.
    pub clear: usize,
    /// 5th and 95th percentile of their changes, percent (with at least
    /// [`MIN_CONTROL_PAIRS`] pairs).
    pub range_pct: Option<[f64; 2]>,
}

/// One block's comparison.
#[derive(Clone, Debug)]
pub struct Comparison {
    /// The block.
    pub block: Block,
    /// The block is the current one (lifting into the last eight weeks).
    pub current: bool,
    /// The weeks just before the block (`None` when nothing can be compared).
    pub before: Option<Period>,
    /// The block's last weeks, or the weeks after it ended.
    pub compared: Option<Period>,
    /// `compared` is the weeks after the block ended.
    pub after: bool,
    /// The change of speed at the reference heart rate, or why there is none.
    pub speed: Result<Estimate, String>,
    /// The runner's own control for a change of this shape.
    pub control: Control,
}

fn obs(runs: &[RunMetrics], p: &Period) -> Vec<(String, f64)> {
    (runs.iter())
        .filter(|r| p.contains(r.start_local.date()))
        .filter_map(|r| r.speed_used.map(|v| (r.week.clone(), v)))
        .collect()
}

/// The periods of block `i`: the weeks before it (after the previous block
/// ended), its last weeks up to `end`, and for a finished block the weeks
/// after it (before the next one begins). `days`: the usable runs' dates.
pub fn periods_of(
    blocks: &[Block],
    i: usize,
    end: NaiveDate,
    days: &[NaiveDate],
) -> Result<(Period, Period, Option<Period>), String> {
    let b = blocks[i];
    if b.since_data_begin {
        return Err("lifting since the data begin: no weeks before it to compare with".into());
    }
    let first = *days.iter().min().ok_or("no usable runs")?;
    let floor = match i {
        0 => first,
        _ => (blocks[i - 1].to + Duration::days(1)).max(first),
    };
    let last_before = b.from - Duration::days(1);
    if last_before < floor {
        return Err("no usable runs in the weeks without lifting just before it".into());
    }
    let before = periods::widen_back(
        days,
        last_before,
        periods::BASELINE_DAYS,
        periods::MAX_BASELINE_DAYS,
        floor,
    );
    let during = periods::widen_back(
        days,
        end,
        periods::RECENT_DAYS,
        periods::MAX_RECENT_DAYS,
        b.from,
    );
    let next = blocks.get(i + 1).map(|n| n.from - Duration::days(1));
    let to = (b.to + Duration::days(AFTER_DAYS)).min(next.unwrap_or(NaiveDate::MAX));
    let after = (end == b.to && to > b.to).then(|| Period {
        from: b.to + Duration::days(1),
        to,
    });
    Ok((before, during, after))
}

/// The change from `before` to `during`, else (when `during` holds too few
/// runs) to `after`: with the period used and whether it is `after`.
fn change(
    runs: &[RunMetrics],
    wander: &Wander,
    (before, during, after): (Period, Period, Option<Period>),
) -> (Period, Period, bool, Result<Estimate, String>) {
    let base = obs(runs, &before);
    let e = estimate::compare_with(&base, &obs(runs, &during), wander, Scale::Ratio);
    if let (Err(_), Some(after)) = (&e, after)
        && let Ok(later) = estimate::compare_with(&base, &obs(runs, &after), wander, Scale::Ratio)
    {
        return (before, after, true, Ok(later));
    }
    (before, during, false, e)
}

/// The runner's own control for pairs of `shape`: lifting-free stretches.
fn control(
    history: &[(String, f64)],
    wander: &Wander,
    shape: Shape,
    lifting: &[(i64, i64)],
) -> Control {
    let free = |span: std::ops::Range<i64>| {
        !lifting
            .iter()
            .any(|&(a, b)| span.start <= b && a < span.end)
    };
    let found = placebo::pairs(history, wander, Scale::Ratio, shape, free);
    let mut changes: Vec<f64> = found.iter().map(|e| e.change).collect();
    changes.sort_by(f64::total_cmp);
    let pick = |q: f64| changes[((changes.len() - 1) as f64 * q).round() as usize];
    Control {
        pairs: found.len(),
        clear: found.iter().filter(|e| e.clear()).count(),
        range_pct: (changes.len() >= MIN_CONTROL_PAIRS).then(|| [pick(0.05), pick(0.95)]),
    }
}

/// Compare every block. `current` is the current block's start; the
/// headline's `periods` and `headline` (when its baseline is the weeks
/// before the current block) stand for the current block, so the two agree.
pub fn compare(
    runs: &[RunMetrics],
    blocks: &[Block],
    current: Option<NaiveDate>,
    headline: Option<(&Periods, Baseline, &Result<Estimate, String>)>,
) -> Vec<Comparison> {
    let history = super::effort::history_obs(runs, |r| r.speed_used);
    let wander = estimate::wander_of(&history, Scale::Ratio);
    let days: Vec<NaiveDate> = (runs.iter())
        .filter(|r| r.speed_used.is_some())
        .map(|r| r.start_local.date())
        .collect();
    let last = days.iter().max().copied();
    let lifting: Vec<(i64, i64)> = (blocks.iter())
        .map(|b| {
            let to = if Some(b.from) == current {
                last.unwrap_or(b.to).max(b.to)
            } else {
                b.to
            };
            (week_of(b.from), week_of(to))
        })
        .collect();
    (0..blocks.len())
        .map(|i| {
            let b = blocks[i];
            let is_current = Some(b.from) == current;
            let end = match (is_current, last) {
                (true, Some(l)) => l.max(b.to),
                _ => b.to,
            };
            let found = match headline {
                Some((p, Baseline::BeforeBlock, e)) if is_current => {
                    Ok((p.baseline, p.recent, false, e.clone()))
                }
                _ => periods_of(blocks, i, end, &days).map(|p| change(runs, &wander, p)),
            };
            match found {
                Ok((before, compared, after, speed)) => {
                    let shape = Shape {
                        first: periods::weeks(before),
                        gap: week_of(compared.from) - week_of(before.to) - 1,
                        second: periods::weeks(compared),
                    };
                    Comparison {
                        block: b,
                        current: is_current,
                        before: Some(before),
                        compared: Some(compared),
                        after,
                        speed,
                        control: control(&history, &wander, shape, &lifting),
                    }
                }
                Err(why) => Comparison {
                    block: b,
                    current: is_current,
                    before: None,
                    compared: None,
                    after: false,
                    speed: Err(why),
                    control: Control {
                        pairs: 0,
                        clear: 0,
                        range_pct: None,
                    },
                },
            }
        })
        .collect()
}

/// Widen each comparison of `mid` by how far the heat slope's standard
/// error moves it (`hi`, `lo`: the same comparisons with the slope one
/// error higher and lower), as the headline is widened. The current
/// block's row, the headline itself, is the same in all three and so is
/// not widened twice.
pub fn widen_for_heat(mid: &mut [Comparison], spread: Option<(Vec<Comparison>, Vec<Comparison>)>) {
    let Some((hi, lo)) = spread else {
        return;
    };
    for ((m, a), b) in mid.iter_mut().zip(&hi).zip(&lo) {
        let shift = match (&a.speed, &b.speed) {
            (Ok(a), Ok(b)) => (a.change - b.change).abs() / 2.0,
            _ => 0.0,
        };
        super::effort::widen(&mut m.speed, shift);
    }
}

/// The block with the largest clear change, if any block's change is clear.
pub fn largest_clear(comparisons: &[Comparison]) -> Option<&Comparison> {
    (comparisons.iter())
        .filter(|c| c.speed.as_ref().is_ok_and(Estimate::clear))
        .max_by(|a, b| {
            let size = |c: &Comparison| c.speed.as_ref().map_or(0.0, |e| e.change.abs());
            size(a).total_cmp(&size(b))
        })
}

#[cfg(test)]
mod tests;
