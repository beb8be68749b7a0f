//! `summary.json`: the machine-readable answer. Its keys are a contract
//! (documented in the README, pinned by tests); all values are SI or bpm,
//! intervals are `[low, high]` in the unit of the change, and an estimate
//! that could not be made has `null` values and a `reason`.

use super::ReportInput;
use crate::analysis::Analysis;
use crate::analysis::estimate::Estimate;
use crate::analysis::program::TARGET_PER_WEEK;
use crate::kinds::SessionKind;
use serde_json::{Value, json};

/// Round to `d` decimals so files are short and stable.
pub fn round(x: f64, d: i32) -> f64 {
    let p = 10f64.powi(d);
    (x * p).round() / p
}

fn effort(e: &Result<Estimate, String>, keys: [&str; 4], d: i32) -> Value {
    match e {
        Ok(e) => json!({
            keys[0]: round(e.baseline, d),
            keys[1]: round(e.recent, d),
            keys[2]: round(e.change, 2),
            keys[3]: [round(e.ci95[0], 2), round(e.ci95[1], 2)],
            "wander": round(e.wander, 2),
            "clear": e.clear(),
            "n_baseline": e.n_baseline,
            "n_recent": e.n_recent,
            "reason": Value::Null,
        }),
        Err(why) => json!({
            keys[0]: Value::Null,
            keys[1]: Value::Null,
            keys[2]: Value::Null,
            keys[3]: Value::Null,
            "wander": Value::Null,
            "clear": Value::Null,
            "n_baseline": Value::Null,
            "n_recent": Value::Null,
            "reason": why,
        }),
    }
}

fn strength(a: &Analysis) -> Value {
    let p = &a.program;
    let kinds: serde_json::Map<String, Value> = (SessionKind::ALL.iter())
        .map(|&k| {
            (
                k.to_string(),
                json!(a.sessions.iter().filter(|s| s.kind == k).count()),
            )
        })
        .collect();
    let lifts: Vec<Value> = p
        .lifts
        .iter()
        .filter_map(|l| {
            let (first, last) = (l.points.first()?, l.points.last()?);
            Some(json!({
                "exercise": l.exercise,
                "sessions": l.points.len(),
                "first_date": first.0,
                "first_e1rm_kg": round(first.1, 1),
                "last_date": last.0,
                "last_e1rm_kg": round(last.1, 1),
                "change_pct": l.change_pct().map(|c| round(c, 1)),
            }))
        })
        .collect();
    let conflicts: Vec<Value> = p
        .conflicts
        .iter()
        .map(|c| {
            json!({
                "run_start_local": c.run_start_local.format("%Y-%m-%dT%H:%M").to_string(),
                "run_kind": c.run_kind,
                "hours_after_gym": round(c.hours_before, 1),
                "session_start_local": c.session_start_local.format("%Y-%m-%dT%H:%M").to_string(),
                "session_kind": c.session_kind,
                "load": if c.known_load() { "known" } else { "unknown" },
                "form_before": c.form_before.map(|f| round(f, 1)),
                "high_fatigue": c.high_fatigue(),
            })
        })
        .collect();
    json!({
        "sessions": a.sessions.len(),
        "block_start": a.block_start,
        "blocks": a.blocks,
        "kinds": kinds,
        "per_week": p.per_week.map(|r| round(r, 2)),
        "target_per_week": TARGET_PER_WEEK,
        "heavy_sets_rpe_7_9_share": p.rpe_7_9_share.map(|r| round(r, 3)),
        "conflicts": conflicts,
        "lifts": lifts,
        "unknown_exercises": a.unknown_exercises,
        "interference": effort(
            &p.interference,
            ["other_days_mps", "after_heavy_mps", "change_pct", "ci95_pct"],
            4,
        ),
    })
}

/// Fitness, fatigue and form on the last day, and where the lifting's load came from.
fn load(a: &Analysis) -> Value {
    let l = &a.load;
    let last28: Vec<_> = l.days.iter().rev().take(28).collect();
    let total: f64 = last28.iter().map(|d| d.run + d.strength).sum();
    let lifting: f64 = last28.iter().map(|d| d.strength).sum();
    json!({
        "as_of": l.days.last().map(|d| d.date),
        "fitness": l.days.last().map(|d| round(d.fitness, 1)),
        "fatigue": l.days.last().map(|d| round(d.fatigue, 1)),
        "form": l.days.last().map(|d| round(d.form(), 1)),
        "strength_share_28d": (total > 0.0).then(|| round(lifting / total, 3)),
        "strength_load_sources": {"hr": l.sources[0], "rpe": l.sources[1], "default": l.sources[2]},
        "runs_without_hr": l.runs_without_hr,
    })
}

/// Every block's comparison (see `tables/blocks.csv` for the flat form).
fn blocks_compared(a: &Analysis) -> Value {
    let period = |p: Option<crate::analysis::periods::Period>| {
        p.map(|p| json!({"from": p.from, "to": p.to}))
    };
    let list: Vec<Value> = (a.block_comparisons.iter())
        .map(|c| {
            let mut speed = effort(
                &c.speed,
                ["before_mps", "compared_mps", "change_pct", "ci95_pct"],
                4,
            );
            speed["block"] = json!(c.block);
            speed["current"] = json!(c.current);
            speed["before"] = json!(period(c.before));
            speed["compared"] = json!(period(c.compared));
            speed["compared_after_block"] = json!(c.after);
            speed["control"] = json!(c.control);
            speed
        })
        .collect();
    Value::Array(list)
}

fn findings(a: &Analysis, units: crate::config::Units) -> Value {
    let list: Vec<Value> = super::findings::findings(a, units)
        .into_iter()
        .map(|f| {
            json!({
                "text": f.text,
                "value": f.value.map(|v| round(v, 2)),
                "ci95": f.ci95.map(|c| [round(c[0], 2), round(c[1], 2)]),
            })
        })
        .collect();
    Value::Array(list)
}

/// The whole `summary.json` document.
pub fn summary(input: &ReportInput) -> Value {
    let a = input.analysis;
    let mut speed = effort(
        &a.effort.speed_at_ref_hr,
        ["baseline_mps", "recent_mps", "change_pct", "ci95_pct"],
        4,
    );
    speed["reference_hr_bpm"] = json!(round(a.reference_hr, 1));
    speed["temperature_adjusted"] = json!(a.effort.heat.is_some());
    let mut hr = effort(
        &a.effort.hr_at_ref_pace,
        ["baseline_bpm", "recent_bpm", "change_bpm", "ci95_bpm"],
        2,
    );
    hr["reference_pace_s_per_km"] = json!(round(1000.0 / a.reference_speed_mps, 1));
    hr["temperature_adjusted"] = json!(a.effort.heat.is_some());
    let rpe = effort(
        &a.effort.rpe_at_easy_pace,
        ["baseline_rpe", "recent_rpe", "change_rpe", "ci95_rpe"],
        2,
    );
    let used = a.runs.iter().filter(|r| r.excluded.is_none()).count();
    json!({
        "athlete": input.settings.athlete_name,
        "week": input.week,
        "data_range": input.data_range.map(|(f, t)| json!({"from": f, "to": t})),
        "periods": a.periods.map(|p| json!({
            "baseline": {"from": p.baseline.from, "to": p.baseline.to},
            "recent": {"from": p.recent.from, "to": p.recent.to},
            "note": a.periods_note,
        })).unwrap_or_else(|| json!({"baseline": null, "recent": null, "note": a.periods_note})),
        "reference": {
            "hr_bpm": round(a.reference_hr, 1),
            "pace_s_per_km": round(1000.0 / a.reference_speed_mps, 1),
            "source": a.reference_source,
        },
        "hr_limits": {
            "rest_bpm": round(a.hr_limits.rest, 1),
            "max_bpm": round(a.hr_limits.max, 1),
            "rest_source": a.hr_limits.rest_source.name(),
            "max_source": a.hr_limits.max_source.name(),
        },
        "effort": {
            "speed_at_reference_hr": speed,
            "hr_at_reference_pace": hr,
            "rpe_at_easy_pace": rpe,
            "long_run_decoupling": effort(
                &a.effort.long_run_decoupling,
                ["baseline_pct", "recent_pct", "change_pct_points", "ci95_pct_points"],
                2,
            ),
            "speed_per_watt": {
                "source": a.power.source,
                "runs_with_power": a.power.runs_with_power,
                "m_per_kj": effort(
                    &a.power.speed_per_watt,
                    ["baseline_m_per_kj", "recent_m_per_kj", "change_pct", "ci95_pct"],
                    2,
                ),
                "power_at_reference_hr": effort(
                    &a.power.power_at_ref_hr,
                    ["baseline_w", "recent_w", "change_pct", "ci95_pct"],
                    1,
                ),
            },
            "temperature": {
                "note": a.effort.temperature_note,
                "hr_bpm_per_c": a.effort.heat.as_ref().map(|h| round(h.slope, 3)),
                "threshold_c": a.effort.heat.as_ref().map(|h| h.threshold_c),
                "change_pct_unadjusted": a.effort.speed_unadjusted.as_ref().map(|e| round(e.change, 2)),
                "ci95_pct_unadjusted": a.effort.speed_unadjusted.as_ref().map(|e| e.ci95.map(|x| round(x, 2))),
                "hr_bpm_per_c_se": a.effort.heat.as_ref().map(|h| round(h.se, 3)),
                "baseline_mean_c": a.effort.period_temperatures.map(|t| round(t.0, 1)),
                "recent_mean_c": a.effort.period_temperatures.map(|t| round(t.1, 1)),
            },
        },
        "placebo": a.placebo.map(|p| json!({
            "weeks_first": p.weeks_first,
            "weeks_second": p.weeks_second,
            "pairs": p.pairs,
            "clear": p.clear,
            "share_clear": round(p.share(), 3),
        })),
        "runs": {
            "total": a.runs.len(),
            "used": used,
            "excluded": a.runs.len() - used,
            "excluded_by_reason": super::left_out::by_reason(a).into_iter()
                .map(|(why, n)| (why, json!(n))).collect::<serde_json::Map<_, _>>(),
        },
        "this_week": super::overview::this_week_json(input),
        "load": load(a),
        "blocks_compared": blocks_compared(a),
        "since_last_week": input.since.as_ref().map(super::since::Since::json),
        "strength": strength(a),
        "findings": findings(a, input.settings.units),
        "ingest": input.counts.to_json(),
        "assumptions": a.assumptions,
        "definitions": {
            "change_pct": "100*(recent/baseline - 1) of speed at the reference heart rate; > 0 = faster at the same heart rate (better)",
            "change_bpm": "recent - baseline of heart rate at the reference pace; < 0 = lower heart rate at the same pace (better)",
            "change_rpe": "recent - baseline of RPE (CR10) logged after easy runs; < 0 = easy runs feel easier (better)",
            "change_pct_points": "recent - baseline of aerobic decoupling of long runs (GoldenCheetah sign: > 0 = heart rate drifts up); < 0 = less drift (better)",
            "ci95": "95% interval of the change in the runner's level: the means of ISO weeks compared, with run-to-run noise and the slow form that wanders across weeks (measured on the whole history) as noise; Student t with (weeks - 2) degrees of freedom",
            "wander": "half-width of the 95% band within which two stretches as long as the compared periods and as far apart differ with no change of level (the runner's usual wander), in the unit of the change",
            "clear": "the 95% interval leaves out no change",
            "blocks_compared": "per lifting block: speed at the reference heart rate in the weeks before it against its last 4 weeks (compared_after_block: the 4 weeks after it); change_pct as above; a change coincided with the block, it does not show the lifting caused it; control: the same comparison on lifting-free stretches of the same shape (pairs, how many clear, 5th and 95th percentile of their change)",
            "training_load": "daily TRIMP of runs (Banister, from heart rate) plus strength sessions as minutes x the TRIMP rate at x = fraction of heart-rate reserve (the watch's mean heart rate, else (the sets' mean RPE - 3)/10, else 0.5; 60 min when the length is unknown); fitness and fatigue: exponentially weighted means with time constants 42 and 7 days, from the mean daily load of the first 28 days; form = fitness - fatigue (< 0: more tired than fit)",
            "load": "a conflict's strength session: known (logged heavy or plyometric sets) or unknown (recorded by a watch without sets)",
            "placebo": "adjacent stretches as long as the compared periods, every 4 weeks through the history, compared as the headline is: share_clear is the share called clear (about 5-10% when the interval is honest)",
        },
    })
}
