//! Analysis: per-run metrics, strength sessions, periods and the change
//! estimates. Reads only the canonical tables and the validated settings;
//! it never sees a file format or a command-line flag.
//!
//! Sign conventions (also in the README and the report):
//! * `speed_at_reference_hr.change_pct = 100·(recent/baseline − 1)`;
//!   positive means faster at the same heart rate (better).
//! * `hr_at_reference_pace.change_bpm = recent − baseline`; negative means a
//!   lower heart rate at the same pace (better).

pub mod blocks;
pub mod dynamics;
pub mod effort;
pub mod estimate;
pub mod form;
pub mod gap;
pub mod history;
pub mod join;
pub mod limits;
pub mod load;
pub mod lock;
pub mod longview;
pub mod periods;
pub mod placebo;
pub mod power;
pub mod program;
pub mod runs;
mod samples;
pub mod settle;
mod signal;
pub mod steady;
pub mod strength;
pub mod temperature;
pub mod timeline;
pub mod wander;
pub mod weeks;

use crate::config::Settings;
use crate::error::Result;
use crate::tables::Tables;
use chrono::{Duration, NaiveDate};
use effort::Effort;
use periods::Periods;
use runs::RunMetrics;
use strength::Session;
pub use weeks::WeekRow;

/// Everything the report shows.
#[derive(Clone, Debug)]
pub struct Analysis {
    /// First and last local date with a run or a gym session.
    pub data_range: Option<(NaiveDate, NaiveDate)>,
    /// Every run, in time order.
    pub runs: Vec<RunMetrics>,
    /// Every strength session, in time order.
    pub sessions: Vec<Session>,
    /// Local date the current strength block started (the latest block, if
    /// lifting went on into the last eight weeks of running).
    pub block_start: Option<NaiveDate>,
    /// Every block of regular lifting over the history.
    pub blocks: Vec<history::Block>,
    /// Each block's comparison, in the order of `blocks`.
    pub block_comparisons: Vec<blocks::Comparison>,
    /// Periods compared (`None` when the data are too short).
    pub periods: Option<Periods>,
    /// How the periods were chosen, or why there are none.
    pub periods_note: String,
    /// What the baseline is (before the block, a year earlier, …).
    pub baseline_kind: periods::Baseline,
    /// Resting and maximum heart rate used, with their sources.
    pub hr_limits: limits::HrLimits,
    /// Defaults that were assumed: the settings' and the heart-rate limits'.
    pub assumptions: Vec<String>,
    /// Reference heart rate, bpm.
    pub reference_hr: f64,
    /// Reference speed, m/s.
    pub reference_speed_mps: f64,
    /// Where the references came from (`config` or `data`).
    pub reference_source: &'static str,
    /// The effort estimates.
    pub effort: Effort,
    /// Speed per watt and power at the reference heart rate (see [`power`]).
    pub power: power::Power,
    /// Strength program checks and gym markers.
    pub program: program::Program,
    /// Exercise names that matched no movement pattern.
    pub unknown_exercises: Vec<String>,
    /// One row per ISO week from the first to the last activity.
    pub weeks: Vec<WeekRow>,
    /// Speed at the reference heart rate month by month over the whole history.
    pub months: Vec<longview::Month>,
    /// Changes of watch or heart-rate sensor.
    pub kit_changes: Vec<longview::KitChange>,
    /// Daily training load (runs and lifting on one scale), fitness, fatigue and form.
    pub load: load::Load,
    /// The placebo on the runner's own history: adjacent stretches as long
    /// as the compared periods, compared as the headline is (`None`
    /// without periods).
    pub placebo: Option<placebo::Placebo>,
}

fn median(mut xs: Vec<f64>) -> Option<f64> {
    xs.sort_by(f64::total_cmp);
    (!xs.is_empty()).then(|| xs[xs.len() / 2])
}

/// Reference heart rate and speed: the settings', else the medians of the
/// steady state of the usable runs of the last 365 days (rounded to 5 bpm and
/// 5 s/km), so a long history is described by its recent year. The flag says
/// whether any came from the data.
fn references(runs: &[RunMetrics], settings: &Settings) -> (f64, f64, bool) {
    let last = runs.iter().map(|r| r.start_utc).max();
    let usable: Vec<&RunMetrics> = (runs.iter())
        .filter(|r| r.excluded.is_none())
        .filter(|r| last.is_some_and(|l| (l - r.start_utc).num_days() < 365))
        .collect();
    let from_data = settings.reference_hr.is_none() || settings.reference_speed_mps.is_none();
    let reference_hr = settings.reference_hr.unwrap_or_else(|| {
        median(usable.iter().map(|r| r.steady.hr_bpm).collect())
            .map_or(140.0, |h| (h / 5.0).round() * 5.0)
    });
    let reference_speed_mps = settings.reference_speed_mps.unwrap_or_else(|| {
        let pace =
            median(usable.iter().map(|r| 1000.0 / r.steady.gap_mps).collect()).unwrap_or(360.0);
        1000.0 / ((pace / 5.0).round() * 5.0)
    });
    (reference_hr, reference_speed_mps, from_data)
}

/// Strength sessions with sets, and those a watch recorded without, in time
/// order up to `until`.
fn all_sessions(tables: &Tables, until: Option<NaiveDate>) -> Result<Vec<strength::Session>> {
    let mut sessions = strength::sessions(&tables.strength_sets)?;
    let unlogged = strength::unlogged(&tables.activities, &sessions)?;
    sessions.extend(unlogged);
    sessions.sort_by_key(|s| s.start_utc);
    if let Some(until) = until {
        sessions.retain(|s| s.start_local.date() <= until);
    }
    Ok(sessions)
}

/// What was assumed: heart-rate limits, settings left out, time zones.
fn assumptions(tables: &Tables, settings: &Settings, hr: &limits::HrLimits) -> Result<Vec<String>> {
    let mut assumptions = hr.notes();
    assumptions.extend(settings.assumptions.iter().cloned());
    if !settings.timezone_set {
        assumptions.extend(crate::zones::note(tables)?);
    }
    Ok(assumptions)
}

/// Run the whole analysis.
pub fn analyse(tables: &Tables, settings: &Settings) -> Result<Analysis> {
    let hr_limits = limits::resolve(tables, settings)?;
    let hr_profile = runs::HrProfile {
        rest: hr_limits.rest,
        max: hr_limits.max,
        female: settings.female,
        race_floor_bpm: None,
    };
    // A report as of a past week sees nothing after that week.
    let mut runs = runs::runs(tables, &hr_profile, settings.until)?;
    let sessions = all_sessions(tables, settings.until)?;
    // First and last local day with a run or a strength session.
    let days = || {
        (runs.iter().map(|r| r.start_local.date()))
            .chain(sessions.iter().map(|s| s.start_local.date()))
    };
    let data_range = days().min().zip(days().max());
    let blocks = history::blocks(&sessions, data_range.map(|r| r.0));
    // The current block: the latest one, if lifting went on into the last eight weeks.
    let last_day = runs.iter().map(|r| r.start_local.date()).max();
    let block_start = blocks
        .last()
        .filter(|b| last_day.is_none_or(|l| b.to >= l - Duration::days(56)))
        .map(|b| b.from);
    let run_ms: Vec<i64> = runs
        .iter()
        .map(|r| r.start_utc.timestamp_millis())
        .collect();
    for (r, c) in runs.iter_mut().zip(join::run_context(&run_ms, &sessions)?) {
        r.context = c;
    }
    let (reference_hr, reference_speed_mps, from_data) = references(&runs, settings);
    runs::apply_references(&mut runs, hr_limits.rest, reference_hr, reference_speed_mps);

    let usable_days: Vec<NaiveDate> = (runs.iter())
        .filter(|r| r.excluded.is_none())
        .map(|r| r.start_local.date())
        .collect();
    let (periods, periods_note, baseline_kind) =
        periods::choose(settings.baseline, settings.recent, &usable_days, &blocks);
    let effort = effort::estimate(
        &mut runs,
        periods.as_ref(),
        &periods_note,
        settings.temperature_adjustment,
        hr_limits.rest,
    );
    let power = power::estimate(&mut runs, periods.as_ref(), &periods_note);
    let headline = periods
        .as_ref()
        .map(|p| (p, baseline_kind, &effort.speed_at_ref_hr));
    // Each block's interval carries the heat slope's uncertainty, as the headline's does.
    let (mut block_comparisons, spread) =
        effort::heat_spread(&mut runs, effort.heat.as_ref(), hr_limits.rest, |runs| {
            blocks::compare(runs, &blocks, block_start, headline)
        });
    blocks::widen_for_heat(&mut block_comparisons, spread);
    let placebo = periods.map(|p| {
        let history = effort::history_obs(&runs, |r| r.speed_used);
        let skip: Vec<i64> = blocks.iter().map(|b| wander::week_of(b.from)).collect();
        let (a, b) = (periods::weeks(p.baseline), periods::weeks(p.recent));
        placebo::run(&history, estimate::Scale::Ratio, a, b, &skip)
    });
    let mut other = weeks::other_sports(&tables.activities)?;
    if let Some(until) = settings.until {
        other.retain(|o| o.date <= until);
    }
    let weeks = weeks::weeks(&runs, &sessions, &other, data_range);
    let mut program = program::check(&runs, &sessions, block_start, data_range.map(|r| r.1));
    let unknown_exercises = strength::unknown_exercises(&tables.strength_sets)?;
    let assumptions = assumptions(tables, settings, &hr_limits)?;
    let months = longview::months(&runs);
    let hr = (hr_limits.rest, hr_limits.max, settings.female);
    let load = load::load(&runs, &sessions, data_range, hr);
    // Where the load is known, each conflict says how fatigued the runner came to it.
    for c in &mut program.conflicts {
        c.form_before = load.form_before(c.run_start_local.date());
    }
    let kit_changes = longview::kit_changes(&runs);
    Ok(Analysis {
        load,
        months,
        kit_changes,
        placebo,
        hr_limits,
        assumptions,
        data_range,
        runs,
        sessions,
        block_start,
        blocks,
        block_comparisons,
        periods,
        periods_note,
        baseline_kind,
        reference_hr,
        reference_speed_mps,
        reference_source: if from_data { "data" } else { "config" },
        effort,
        power,
        program,
        unknown_exercises,
        weeks,
    })
}
