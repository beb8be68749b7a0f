//! Findings: plain sentences a runner understands, each with the number
//! and interval it rests on. They open `report.md` and fill
//! `summary.json`'s `findings` list.

use crate::analysis::Analysis;
use crate::analysis::estimate::Estimate;
use crate::analysis::{periods, placebo};
use crate::config::{Units, format_pace};

/// A speed as a pace in the display units, e.g. `5:30/km`.
pub fn pace(units: Units, speed_mps: f64) -> String {
    format!(
        "{}{}",
        format_pace(units.pace_s(1000.0 / speed_mps)),
        units.pace_unit()
    )
}

/// One finding.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// The sentence.
    pub text: String,
    /// The number it rests on.
    pub value: Option<f64>,
    /// Its 95 % interval, where it has one.
    pub ci95: Option<[f64; 2]>,
}

fn from(e: &Estimate, text: String) -> Finding {
    let hedge = if e.clear() {
        ""
    } else {
        " (not clear yet: the interval includes no change, so it does not stand out from how your form wanders)"
    };
    Finding {
        text: format!("{text}{hedge}."),
        value: Some(e.change),
        ci95: Some(e.ci95),
    }
}

/// What could not be estimated, and why, as sentences.
pub fn gaps(a: &Analysis, units: Units) -> Vec<String> {
    let pace = pace(units, a.reference_speed_mps);
    let items = [
        (
            format!("pace at {:.0} bpm", a.reference_hr),
            &a.effort.speed_at_ref_hr,
        ),
        (format!("heart rate at {pace}"), &a.effort.hr_at_ref_pace),
        ("RPE at easy pace".to_string(), &a.effort.rpe_at_easy_pace),
        (
            "decoupling of long runs".to_string(),
            &a.effort.long_run_decoupling,
        ),
    ];
    items
        .into_iter()
        .filter_map(|(what, e)| {
            e.as_ref()
                .err()
                .map(|why| format!("No estimate of {what}: {why}."))
        })
        .collect()
}

/// The four effort comparisons, each with its interval.
/// The headline finding (speed at the reference heart rate) and the
/// runner's usual wander, or why there is no headline: the top of the report.
pub fn headline(a: &Analysis, units: Units) -> Vec<String> {
    let mut out = Vec::new();
    speed_finding(a, units, &mut out);
    out.extend(wander_finding(a));
    let mut texts: Vec<String> = out.into_iter().map(|f| f.text).collect();
    if texts.is_empty() {
        texts.extend(gaps(a, units).into_iter().take(1));
    }
    texts
}

fn speed_finding(a: &Analysis, units: Units, out: &mut Vec<Finding>) {
    let since = a.baseline_kind.words();
    if let Ok(e) = &a.effort.speed_at_ref_hr {
        let dir = if e.change >= 0.0 { "faster" } else { "slower" };
        let (b, r) = (pace(units, e.baseline), pace(units, e.recent));
        out.push(from(
            e,
            format!(
                "At {:.0} bpm you run {:.1} % {dir} than {since} ({b} → {r}; 95 % interval {:+.1} % to {:+.1} %; {} and {} runs)",
                a.reference_hr,
                e.change.abs(),
                e.ci95[0],
                e.ci95[1],
                e.n_baseline,
                e.n_recent
            ),
        ));
    }
}

fn effort_findings(a: &Analysis, units: Units, out: &mut Vec<Finding>) {
    let since = a.baseline_kind.words();
    speed_finding(a, units, out);
    if let Some(f) = wander_finding(a) {
        out.push(f);
    }
    if let Some(f) = placebo_finding(a) {
        out.push(f);
    }
    if let Ok(e) = &a.effort.hr_at_ref_pace {
        let dir = if e.change <= 0.0 { "lower" } else { "higher" };
        let pace = pace(units, a.reference_speed_mps);
        out.push(from(
            e,
            format!(
                "At {pace} your heart rate is {:.1} bpm {dir} than {since} ({:.1} → {:.1} bpm; 95 % interval {:+.1} to {:+.1} bpm)",
                e.change.abs(),
                e.baseline,
                e.recent,
                e.ci95[0],
                e.ci95[1]
            ),
        ));
    }
    if let Ok(e) = &a.effort.rpe_at_easy_pace {
        let dir = if e.change <= 0.0 { "easier" } else { "harder" };
        out.push(from(
            e,
            format!(
                "Easy runs feel {:.1} RPE points {dir} than {since} ({:.1} → {:.1}; 95 % interval {:+.1} to {:+.1})",
                e.change.abs(),
                e.baseline,
                e.recent,
                e.ci95[0],
                e.ci95[1]
            ),
        ));
    }
    if let Ok(e) = &a.effort.long_run_decoupling {
        let dir = if e.change <= 0.0 { "less" } else { "more" };
        out.push(from(
            e,
            format!(
                "Heart rate drifts {:.1} points {dir} over long runs than {since} (decoupling {:.1} % → {:.1} %; 95 % interval {:+.1} to {:+.1})",
                e.change.abs(),
                e.baseline,
                e.recent,
                e.ci95[0],
                e.ci95[1]
            ),
        ));
    }
    if let (Ok(e), Some(source)) = (&a.power.speed_per_watt, &a.power.source) {
        let dir = if e.change >= 0.0 { "more" } else { "less" };
        out.push(from(
            e,
            format!(
                "You cover {:.1} % {dir} distance per kilojoule of power at steady easy running than {since} ({:.1} → {:.1} m/kJ; 95 % interval {:+.1} to {:+.1}; only runs with power from the {source} are compared, as a watch's power is its maker's model of speed and grade, not a measurement)",
                e.change.abs(),
                e.baseline,
                e.recent,
                e.ci95[0],
                e.ci95[1]
            ),
        ));
    }
}

/// How far the headline moves on its own: the runner's usual wander.
fn wander_finding(a: &Analysis) -> Option<Finding> {
    let e = a.effort.speed_at_ref_hr.as_ref().ok()?;
    let p = a.periods?;
    let (wb, wr) = (periods::weeks(p.baseline), periods::weeks(p.recent));
    let lengths = if wb == wr {
        format!("{wb}-week stretches")
    } else {
        format!("a {wb}-week and a {wr}-week stretch")
    };
    let apart = match (p.recent.from - p.baseline.to).num_days() / 7 {
        0 => "side by side".to_string(),
        1 => "a week apart".to_string(),
        n => format!("{n} weeks apart"),
    };
    Some(Finding {
        text: format!(
            "Your usual wander: between {lengths} {apart}, as these are, your speed at {:.0} bpm differs by about ±{:.1} % on its own, with no change of fitness; a clear change stands out from that.",
            a.reference_hr, e.wander
        ),
        value: Some(e.wander),
        ci95: None,
    })
}

/// What the same method calls clear on the runner's own history.
fn placebo_finding(a: &Analysis) -> Option<Finding> {
    let p = a.placebo?;
    let lengths = if p.weeks_first == p.weeks_second {
        format!("{}-week stretches", p.weeks_first)
    } else {
        format!("{}- and {}-week stretches", p.weeks_first, p.weeks_second)
    };
    let text = match p.pairs {
        0 => format!(
            "Placebo: the history holds no pair of adjacent {lengths} with runs in both and no lifting block starting in them yet, so the interval could not be tried on it."
        ),
        n if n < placebo::MIN_PAIRS => format!(
            "Placebo: only {n} pair{} of adjacent {lengths} with runs in both fit in your history ({} came out clear), too few to try the interval on.",
            if n == 1 { "" } else { "s" },
            p.clear
        ),
        n => format!(
            "Placebo: of {n} pairs of adjacent {lengths} in your history, compared the same way, {} ({:.0} %) came out clear; an honest interval calls about 5–10 % clear{}.",
            p.clear,
            100.0 * p.share(),
            if p.share() > 0.2 {
                ", so your form moves more than this interval allows for: read the headline with care"
            } else {
                ""
            }
        ),
    };
    Some(Finding {
        text,
        value: Some(100.0 * p.share()),
        ci95: None,
    })
}

/// Lifting progress, session rate, scheduling conflicts, interference.
fn program_findings(a: &Analysis, units: Units, out: &mut Vec<Finding>) {
    for lift in &a.program.lifts {
        if let (Some(change), Some(first), Some(last)) =
            (lift.change_pct(), lift.points.first(), lift.points.last())
        {
            out.push(Finding {
                text: format!(
                    "Estimated 1RM in {} went from {:.0} {u} to {:.0} {u} ({change:+.0} %).",
                    lift.exercise,
                    units.mass(first.1),
                    units.mass(last.1),
                    u = units.mass_unit()
                ),
                value: Some(change),
                ci95: None,
            });
        }
    }
    if let Some(rate) = a.program.per_week {
        let verdict = if rate >= 1.5 { "on" } else { "below" };
        out.push(Finding {
            text: format!("{rate:.1} strength sessions a week since the block started: {verdict} the usual target of 2."),
            value: Some(rate),
            ci95: None,
        });
    }
    if a.block_start.is_some() {
        let n = a.program.conflicts.len();
        let known = a
            .program
            .conflicts
            .iter()
            .filter(|c| c.known_load())
            .count();
        let text = match (known, n - known) {
            (0, 0) => "No heavy, plyometric or unlogged strength session came within 48 h before a quality run or the long run.".to_string(),
            (k, 0) => format!("{k} logged heavy or plyometric session{} came within 48 h before a quality run or the long run.", if k == 1 { "" } else { "s" }),
            (k, u) => format!("{k} logged heavy or plyometric session{} and {u} of unknown load (recorded by a watch without sets) came within 48 h before a quality run or the long run.", if k == 1 { "" } else { "s" }),
        };
        out.push(Finding {
            text,
            value: Some(n as f64),
            ci95: None,
        });
    }
    if let Ok(e) = &a.program.interference {
        let dir = if e.change >= 0.0 { "faster" } else { "slower" };
        out.push(from(
            e,
            format!(
                "In the two days after heavy lifting, easy runs are {:.1} % {dir} at the same heart rate than on other days",
                e.change.abs()
            ),
        ));
    }
}

/// Every finding the analysis supports, most important first.
pub fn findings(a: &Analysis, units: Units) -> Vec<Finding> {
    let mut out = Vec::new();
    effort_findings(a, units, &mut out);
    program_findings(a, units, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hedges_only_unclear_changes() {
        let e = Estimate {
            baseline: 3.0,
            recent: 3.1,
            change: 3.3,
            ci95: [1.0, 5.0],
            n_baseline: 9,
            n_recent: 8,
            wander: 2.0,
        };
        assert_eq!(from(&e, "x".into()).text, "x.");
        let u = Estimate {
            ci95: [-1.0, 5.0],
            ..e
        };
        assert!(from(&u, "x".into()).text.contains("not clear yet"));
        assert_eq!(from(&u, "x".into()).value, Some(3.3));
    }
}
