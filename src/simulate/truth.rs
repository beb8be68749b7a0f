//! The ground truth of a simulated season (`truth.json`) and the athlete's
//! settings file (`runlift.toml`).
//!
//! The expected changes come from the noise-free model: speed at the
//! reference heart rate and heart rate at the reference pace on flat ground,
//! in neutral weather, without drift, averaged over the days with an easy or
//! long run in each period. The periods follow the same default rule the
//! report uses ([`crate::analysis::periods::default_periods`]).

use super::heat::HeatModel;
use super::model::Athlete;
use super::plan::{Plan, RunKind};
use super::{REFERENCE_HR, REFERENCE_PACE_S_PER_KM, SimOptions, TIMEZONE};
use crate::analysis::history::{Block, monday};
use crate::analysis::periods::{Period, Periods, default_periods};
use chrono::NaiveDate;
use serde_json::{Value, json};

/// The athlete's `runlift.toml`, as a runner would write it.
pub fn config_toml(a: &Athlete) -> String {
    let pace = REFERENCE_PACE_S_PER_KM as u32;
    format!(
        "# Settings of the simulated athlete (written by `runlift simulate`).\n\
         [athlete]\nname = \"{}\"\nhr_rest = {}\nhr_max = {}\nsex = \"male\"\n\
         timezone = \"{TIMEZONE}\"\nweight_unit = \"kg\"\n\n\
         [analysis]\nreference_hr = {}\nreference_pace = \"{}:{:02}\"\n",
        a.name,
        a.hr_rest,
        a.hr_max,
        REFERENCE_HR,
        pace / 60,
        pace % 60
    )
}

fn mean(xs: &[f64]) -> Option<f64> {
    (!xs.is_empty()).then(|| xs.iter().sum::<f64>() / xs.len() as f64)
}

fn steady_days(plan: &Plan, period: &Period) -> Vec<f64> {
    plan.days
        .iter()
        .filter(|d| period.contains(d.date))
        .filter(|d| {
            d.runs
                .iter()
                .any(|r| matches!(r.kind, RunKind::Easy | RunKind::Long))
        })
        .map(|d| d.economy)
        .collect()
}

/// Days with an easy or long run: the runs the report can use.
fn run_days(plan: &Plan) -> Vec<NaiveDate> {
    (plan.days.iter())
        .filter(|d| (d.runs.iter()).any(|r| matches!(r.kind, RunKind::Easy | RunKind::Long)))
        .map(|d| d.date)
        .collect()
}

/// The season's blocks of lifting: its gym days, split where more than
/// two weeks pass without a session (as the report's blocks are).
fn blocks(plan: &Plan) -> Vec<Block> {
    let gym_days: Vec<NaiveDate> = (plan.days.iter())
        .filter(|d| d.gym.is_some())
        .map(|d| d.date)
        .collect();
    let first_day = (plan.days.iter()).find(|d| !d.runs.is_empty() || d.gym.is_some());
    let mut out: Vec<Block> = Vec::new();
    for (i, &d) in gym_days.iter().enumerate() {
        match out.last_mut() {
            Some(b) if i > 0 && (d - gym_days[i - 1]).num_days() <= 14 => {
                b.to = d;
                b.sessions += 1;
            }
            _ => out.push(Block {
                from: d,
                to: d,
                sessions: 1,
                since_data_begin: first_day.is_some_and(|f| monday(f.date) == monday(d)),
            }),
        }
    }
    out
}

/// Periods the report's default rule picks for this season: its usable runs
/// are the easy and long ones, and its blocks those of [`blocks`].
pub fn periods(plan: &Plan) -> Option<Periods> {
    default_periods(&run_days(plan), &blocks(plan)).map(|p| p.0)
}

/// Noise-free speed at the reference heart rate over the steady days of `p`.
fn speed_over(plan: &Plan, a: &Athlete, p: &Period) -> Option<f64> {
    let speeds: Vec<f64> = (steady_days(plan, p).iter())
        .map(|&e| a.speed_at_hr(REFERENCE_HR, e))
        .collect();
    mean(&speeds)
}

/// Each block's true change, compared as the report compares it: the
/// current (last) block with the headline's periods, the others with
/// [`crate::analysis::blocks::periods_of`].
fn block_truths(plan: &Plan, a: &Athlete) -> Vec<Value> {
    let (days, blocks) = (run_days(plan), blocks(plan));
    let headline = default_periods(&days, &blocks)
        .filter(|p| p.2 == crate::analysis::periods::Baseline::BeforeBlock)
        .map(|p| p.0);
    (0..blocks.len())
        .map(|i| {
            let b = blocks[i];
            let last = i + 1 == blocks.len();
            let found = match headline {
                Some(h) if last => Some((h.baseline, h.recent)),
                _ => crate::analysis::blocks::periods_of(&blocks, i, b.to, &days)
                    .ok()
                    .map(|p| (p.0, p.1)),
            };
            let change = found.and_then(|(before, during)| {
                let (s0, s1) = (speed_over(plan, a, &before)?, speed_over(plan, a, &during)?);
                Some(100.0 * (s1 / s0 - 1.0))
            });
            json!({
                "from": b.from,
                "to": b.to,
                "before": found.map(|f| f.0),
                "compared": found.map(|f| f.1),
                "change_pct": change,
            })
        })
        .collect()
}

/// The whole `truth.json` document.
pub fn truth(opts: &SimOptions, plan: &Plan, a: &Athlete) -> Value {
    let ref_speed = 1000.0 / REFERENCE_PACE_S_PER_KM;
    let periods = periods(plan);
    let effort = periods.map(|p| {
        let base = steady_days(plan, &p.baseline);
        let recent = steady_days(plan, &p.recent);
        let speed = |es: &[f64]| {
            mean(
                &es.iter()
                    .map(|&e| a.speed_at_hr(REFERENCE_HR, e))
                    .collect::<Vec<_>>(),
            )
        };
        let hr = |es: &[f64]| {
            mean(
                &es.iter()
                    .map(|&e| a.hr_at_speed(ref_speed, e))
                    .collect::<Vec<_>>(),
            )
        };
        let (sb, sr, hb, hr_r) = (speed(&base), speed(&recent), hr(&base), hr(&recent));
        let per_watt = |es: &[f64]| {
            mean(
                &es.iter()
                    .map(|&e| super::dynamics::speed_per_watt(e))
                    .collect::<Vec<_>>(),
            )
        };
        let (wb, wr) = (per_watt(&base), per_watt(&recent));
        json!({
            "speed_at_reference_hr": {
                "reference_hr_bpm": REFERENCE_HR,
                "baseline_mps": sb,
                "recent_mps": sr,
                "change_pct": sb.zip(sr).map(|(b, r)| 100.0 * (r / b - 1.0)),
            },
            "hr_at_reference_pace": {
                "reference_pace_s_per_km": REFERENCE_PACE_S_PER_KM,
                "baseline_bpm": hb,
                "recent_bpm": hr_r,
                "change_bpm": hb.zip(hr_r).map(|(b, r)| r - b),
            },
            "speed_per_watt": {
                "baseline_mps_per_w_kg": wb,
                "recent_mps_per_w_kg": wr,
                "change_pct": wb.zip(wr).map(|(b, r)| 100.0 * (r / b - 1.0)),
            },
        })
    });
    let economy: Vec<Value> = plan
        .days
        .iter()
        .map(|d| json!({"date": d.date, "factor": (d.economy * 1e6).round() / 1e6}))
        .collect();
    let long_fades: Vec<f64> = (plan.days.iter())
        .filter(|d| d.runs.iter().any(|r| r.kind == super::plan::RunKind::Long))
        .map(|d| super::dynamics::late_fade_pct(super::dynamics::fade(d.offset_bpm)))
        .collect();
    let fade = mean(&long_fades);
    let mut truth = json!({
        "scenario": plan.scenario.name(),
        "seed": opts.seed,
        "weeks": opts.weeks,
        "block_start": plan.block_start,
        "athlete": {
            "name": a.name,
            "hr_rest": a.hr_rest,
            "hr_max": a.hr_max,
            "vo2max": a.vo2max,
            "timezone": TIMEZONE,
        },
        "periods": periods,
        "effort": effort,
        "blocks": block_truths(plan, a),
        "dynamics": {
            "mass_kg": super::dynamics::MASS_KG,
            // The mean over the season's long runs: a tired day's run fades more.
            "late_fade_pct_of_long_runs": {
                "stance_time": fade,
                "vertical_oscillation": fade,
                "vertical_ratio": fade,
                "step_length": 0.0,
                "cadence": 0.0,
            },
        },
        "economy_factor": economy,
        "model": "noise-free model: flat ground, neutral temperature (<= 10 C), no cardiac drift; \
                  averaged over days with an easy or long run in each period",
    });
    // Base building shows in the economy factors; the setting is named too.
    if opts.base_gain_pct != 0.0 {
        truth["base_gain_pct"] = json!(opts.base_gain_pct);
    }
    // A drawn heat model is part of the truth (the fixed one is the model's own).
    if a.heat != HeatModel::FIXED {
        truth["heat_model"] = json!(a.heat);
        truth["model"] = json!(
            "noise-free model: flat ground, below the heat threshold, no cardiac drift; \
             averaged over days with an easy or long run in each period"
        );
    }
    truth
}

/// Each gym session's load on runlift's documented scale for a log with
/// RPE (see [`crate::analysis::load::session_load`]): minutes · x · k₁e^(k₂x)
/// with x = (mean working-set RPE − 3) / 10 (men's constants); the log
/// states the minutes and the RPE of every working set.
pub fn strength_load(sessions: &[super::gym::SimSession]) -> Value {
    use crate::analysis::{form::trimp_constants, load::SET_TO_SESSION_RPE};
    let (k1, k2) = trimp_constants(false);
    let rows: Vec<Value> = (sessions.iter())
        .filter_map(|s| {
            let rpes: Vec<f64> = s
                .sets
                .iter()
                .filter(|x| !x.warmup)
                .filter_map(|x| x.rpe)
                .collect();
            let rpe = mean(&rpes)?;
            let x = ((rpe - SET_TO_SESSION_RPE) / 10.0).clamp(0.0, 1.0);
            let minutes = f64::from(s.minutes);
            Some(json!({
                "start_local": s.plan.start_local,
                "minutes": minutes,
                "mean_rpe": rpe,
                "load": minutes * x * k1 * (k2 * x).exp(),
            }))
        })
        .collect();
    Value::Array(rows)
}
