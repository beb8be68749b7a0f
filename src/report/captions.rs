//! One plain sentence under each chart: what it shows, and what this
//! week's runs add to it.

use super::findings::pace;
use crate::analysis::Analysis;
use crate::analysis::runs::RunMetrics;
use crate::config::Units;

fn mean(xs: impl Iterator<Item = f64>) -> Option<f64> {
    let v: Vec<f64> = xs.collect();
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

/// One caption per chart, in the order of `charts::render_all`.
pub fn captions(a: &Analysis, units: Units, week: &str) -> Vec<String> {
    let this: Vec<&RunMetrics> = a.runs.iter().filter(|r| r.week == week).collect();
    let reference = pace(units, a.reference_speed_mps);
    let none = "no steady easy or long run this week".to_string();
    let speed = mean(this.iter().filter_map(|r| r.speed_used)).map_or(none.clone(), |v| {
        format!("this week's runs averaged {}", pace(units, v))
    });
    let hr = mean(this.iter().filter_map(|r| r.hr_used))
        .map_or(none, |h| format!("this week's runs averaged {h:.1} bpm"));
    let rpe = mean(
        this.iter()
            .filter(|r| r.kind == "easy")
            .filter_map(|r| r.rpe),
    )
    .map_or("no RPE logged this week".into(), |r| {
        format!("this week's easy runs averaged RPE {r:.1}")
    });
    let long = this
        .iter()
        .filter(|r| r.kind == "long")
        .find_map(|r| r.decoupling_pct);
    let long = long.map_or("no long run this week".into(), |d| {
        format!("this week's long run drifted {d:.1} %")
    });
    let (km, gym) = (
        this.iter().map(|r| r.distance_m / 1000.0).sum::<f64>(),
        a.weeks.last(),
    );
    let gym_n = gym
        .filter(|w| w.week == week)
        .map_or(0, |w| w.heavy + w.plyometric + w.high_rep + w.mixed);
    let block = a
        .block_start
        .map_or("no heavy or plyometric block was found".into(), |d| {
            format!("the block started {d}")
        });
    let lifts: Vec<String> = (a.program.lifts.iter())
        .filter_map(|l| {
            l.points.last().map(|p| {
                format!(
                    "{} {:.0} {}",
                    l.exercise,
                    units.mass(p.1),
                    units.mass_unit()
                )
            })
        })
        .collect();
    let lifts = if lifts.is_empty() {
        "no loaded main lifts logged".to_string()
    } else {
        format!("latest: {}", lifts.join(", "))
    };
    vec![
        format!("Pace at {:.0} bpm, one dot per steady easy or long run, with the 28-day trend and the period means; {speed}.", a.reference_hr),
        format!("Heart rate at {reference}, one dot per steady easy or long run, with the 28-day trend and the period means; {hr}."),
        format!("RPE logged after easy runs, with the trend and the period means; {rpe}."),
        format!("Aerobic decoupling of each long run (heart-rate drift against pace); {long}."),
        format!(
            "Weekly running distance and time with gym sessions as dots ({block}); this week: {} runs, {:.1} {}, {gym_n} gym sessions.",
            this.len(),
            units.distance(km),
            units.distance_unit()
        ),
        format!("Estimated 1RM (Epley) of the main lower-body lifts per session; {lifts}."),
        "Summary card to send: the headline number, the weekly trend, this week's sessions and any conflicts.".to_string(),
    ]
}
