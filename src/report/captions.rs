//! One plain sentence under each chart: what it shows, and what this
//! week's runs add to it. Each chart in [`super::charts::CHARTS`] names its
//! caption function here.

use super::ReportInput;
use super::findings::pace;
use crate::analysis::runs::RunMetrics;
use crate::kinds::RunKind;

fn mean(xs: impl Iterator<Item = f64>) -> Option<f64> {
    let v: Vec<f64> = xs.collect();
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

/// The runs of the report's week.
fn this_week<'a>(input: &'a ReportInput) -> Vec<&'a RunMetrics> {
    (input.analysis.runs.iter())
        .filter(|r| r.week == input.week)
        .collect()
}

const NO_STEADY_RUN: &str = "no steady easy or long run this week";

/// Under the pace-at-reference-heart-rate chart.
pub fn speed(input: &ReportInput) -> String {
    let units = input.settings.units;
    let speed = mean(this_week(input).iter().filter_map(|r| r.speed_used))
        .map_or(NO_STEADY_RUN.to_string(), |v| {
            format!("this week's runs averaged {}", pace(units, v))
        });
    format!(
        "Pace at {:.0} bpm, one dot per steady easy or long run, with the 28-day trend and the period means; {speed}.",
        input.analysis.reference_hr
    )
}

/// Under the heart-rate-at-reference-pace chart.
pub fn hr(input: &ReportInput) -> String {
    let reference = pace(input.settings.units, input.analysis.reference_speed_mps);
    let hr = mean(this_week(input).iter().filter_map(|r| r.hr_used))
        .map_or(NO_STEADY_RUN.to_string(), |h| {
            format!("this week's runs averaged {h:.1} bpm")
        });
    format!(
        "Heart rate at {reference}, one dot per steady easy or long run, with the 28-day trend and the period means; {hr}."
    )
}

/// Under the RPE chart.
pub fn rpe(input: &ReportInput) -> String {
    let rpe = mean(
        (this_week(input).iter())
            .filter(|r| r.kind == RunKind::Easy)
            .filter_map(|r| r.rpe),
    )
    .map_or("no RPE logged this week".into(), |r| {
        format!("this week's easy runs averaged RPE {r:.1}")
    });
    format!("RPE logged after easy runs, with the trend and the period means; {rpe}.")
}

/// Under the long-run form chart.
pub fn long_runs(input: &ReportInput) -> String {
    let week = this_week(input);
    let long = (week.iter())
        .filter(|r| r.kind == RunKind::Long)
        .find_map(|r| r.decoupling_pct)
        .map_or("no long run this week".into(), |d| {
            format!("this week's long run drifted {d:.1} %")
        });
    let dynamics = input
        .analysis
        .runs
        .iter()
        .any(|r| r.late_dynamics.is_some());
    let below = if dynamics {
        " Below: ground contact time (blue) and vertical ratio (purple) of the last third against the middle third of each long run with running dynamics (positive = fading; the trend and the period means are ground contact time's)"
    } else {
        ""
    };
    let stance = (week.iter())
        .filter_map(|r| r.late_dynamics.and_then(|l| l.stance_time_pct))
        .next()
        .map_or(String::new(), |s| format!("; this week's {s:+.1} %"));
    let end = if dynamics { "." } else { "" };
    format!(
        "Aerobic decoupling of each long run (heart-rate drift against pace); {long}.{below}{stance}{end}"
    )
}

/// Under the speed-per-watt chart.
pub fn speed_per_watt(input: &ReportInput) -> String {
    let p = &input.analysis.power;
    let Some(source) = &p.source else {
        return "Speed per watt needs runs with power in both periods (a watch or pod that records power).".into();
    };
    let week = (this_week(input).iter())
        .filter(|r| r.power_compared)
        .find_map(|r| r.metres_per_kj)
        .map_or(
            "no run of that source in the estimates this week".into(),
            |m| format!("this week {m:.1} m/kJ"),
        );
    format!(
        "Metres per kilojoule of power at steady easy running, runs with power from the {source} only (a watch's power is its maker's model of speed and grade, not a measurement); {week}."
    )
}

/// Under the heat chart.
pub fn heat(input: &ReportInput) -> String {
    let e = &input.analysis.effort;
    let fit = e.heat.as_ref().map_or(
        "no heat effect told apart from changes of fitness, so nothing was adjusted".to_string(),
        |h| {
            format!(
                "the line is the heat effect the adjustment used, {:+.2} bpm per °C above {:.0} °C",
                h.slope, h.threshold_c
            )
        },
    );
    format!(
        "Heart rate at the reference pace of {} runs against the temperature the watch read, less the runner's fitness trend (a smooth curve over the days); {fit}.",
        e.heat_points.len()
    )
}

/// Under the long view.
pub fn long_view(input: &ReportInput) -> String {
    let a = input.analysis;
    let months = a.months.len();
    let blocks = match a.blocks.len() {
        0 => "no block of regular lifting".to_string(),
        1 => "one block of regular lifting shaded, labelled with its change (see Every lifting block)".to_string(),
        n => format!("{n} blocks of regular lifting shaded, each labelled with its change (see Every lifting block)"),
    };
    // Every change by number and date: a label with no room shows only its number, or nothing.
    let each: Vec<String> = (a.kit_changes.iter().enumerate())
        .map(|(i, c)| format!("{}: {} {}", i + 1, c.date, c.what))
        .collect();
    let kit = match a.kit_changes.len() {
        0 => "no change of watch or heart-rate sensor seen".to_string(),
        1 => format!(
            "one change of watch or heart-rate sensor marked ({})",
            each.join("; ")
        ),
        n => format!(
            "{n} changes of watch or heart-rate sensor marked ({})",
            each.join("; ")
        ),
    };
    let wander = a.effort.speed_at_ref_hr.as_ref().map_or(String::new(), |e| {
        format!(
            "; the grey band is the recent level ± {:.1} %, how far stretches like the compared periods move apart on their own",
            e.wander
        )
    });
    format!(
        "Pace at {:.0} bpm month by month over the whole history (median and middle half of each month's runs, {months} months with two or more usable runs); {blocks}; {kit}{wander}.",
        a.reference_hr
    )
}

/// Under the weekly training chart.
pub fn weekly(input: &ReportInput) -> String {
    let a = input.analysis;
    let units = input.settings.units;
    let this = this_week(input);
    let km = this.iter().map(|r| r.distance_m / 1000.0).sum::<f64>();
    let gym_n = (a.weeks.last())
        .filter(|w| w.week == input.week)
        .map_or(0, |w| {
            w.heavy + w.plyometric + w.high_rep + w.mixed + w.unlogged
        });
    let block = a
        .block_start
        .map_or("no current block of regular lifting".into(), |d| {
            format!("the current block of lifting started {d}")
        });
    format!(
        "Weekly running distance and time, other sports' time and strength sessions as dots, over the last 26 weeks ({block}); this week: {} runs, {:.1} {}, {gym_n} strength sessions.",
        this.len(),
        units.distance(km),
        units.distance_unit()
    )
}

/// Under the gym markers chart.
pub fn lifts(input: &ReportInput) -> String {
    let units = input.settings.units;
    let lifts: Vec<String> = (input.analysis.program.lifts.iter())
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
    format!("Estimated 1RM (Epley) of the main lower-body lifts per session; {lifts}.")
}

/// Under the training-load chart.
pub fn load(input: &ReportInput) -> String {
    let l = &input.analysis.load;
    let [hr, rpe, default] = l.sources;
    let today = l.days.last().filter(|_| l.known_lately(28)).map_or(
        "; most runs of the last 4 weeks carry no heart rate, so the latest load is not known"
            .into(),
        |d| {
            format!(
                "; on {} form {:+.0} (fitness {:.0}, fatigue {:.0})",
                d.date,
                d.form(),
                d.fitness,
                d.fatigue
            )
        },
    );
    format!(
        "Fitness (42-day) and fatigue (7-day) of the daily load over the whole history, runs and lifting on one scale (Banister TRIMP; the strength sessions' load from the watch's heart rate for {hr}, the sets' RPE less 3 for {rpe}, a default session RPE of 5 for an hour for {default}), lifting days as dots{today}."
    )
}

/// Under the summary card.
pub fn card(_: &ReportInput) -> String {
    "Summary card to send: the headline number, the weekly trend, this week's sessions, any conflicts and what was compared.".to_string()
}
