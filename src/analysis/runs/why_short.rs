//! Why a run kept too little steady state, in words a runner recognises:
//! the largest of the reasons [`Dropped`] counts, with its size. A city
//! runner told "only 0 steady minutes" cannot tell a broken sensor from the
//! traffic lights; "11 stops: heart rate had no time to settle" they can.

use crate::analysis::steady::{Dropped, Steady};

/// Stops from which on a run's losses to stops and settling are put down to them.
const MANY_STOPS: usize = 3;

/// The left-out reason of a run with `s` steady state, under `need_s`.
pub fn why_short(s: &Steady, need_s: f64) -> String {
    // Whole minutes kept, rounded down: 9.6 is not "10 (need 10)".
    let kept = (s.kept_s / 60.0).floor();
    let unit = if kept == 1.0 { "minute" } else { "minutes" };
    let head = format!("only {kept:.0} steady {unit} (need {:.0})", need_s / 60.0);
    match largest(&s.dropped, s.kinetics.segments.saturating_sub(1)) {
        Some(why) => format!("{head}: {why}"),
        None => head,
    }
}

/// The group of a left-out reason, for counts by reason: the reason
/// without its numbers (`only 2 steady minutes (need 10): 8 stops cost 23
/// min, …` → `too few steady minutes (need 10), mostly stops`; `quality
/// session: pace not steady` → `quality session`).
pub fn group(why: &str) -> String {
    if why.contains(super::TOO_FAR) {
        return "steady heart rate too far from the reference".into();
    }
    let Some(rest) = why
        .strip_prefix("only ")
        .filter(|r| r.contains(" steady minute"))
    else {
        return why.split(':').next().unwrap_or(why).trim().to_string();
    };
    let need = rest
        .split_once("(need ")
        .and_then(|(_, n)| n.split_once(')'))
        .map_or(String::new(), |(n, _)| format!(" (need {n})"));
    let losses = [
        ("locked to cadence", "heart rate locked to cadence"),
        ("no heart rate for", "heart-rate gaps"),
        ("no GPS speed", "no GPS speed"),
        ("pace not steady", "pace not steady"),
        ("stops cost", "stops"),
        ("recovery after stops", "the warm-up and stops"),
        ("the warm-up", "the warm-up"),
    ];
    let tail = rest.split_once(": ").map_or("", |t| t.1);
    let mostly = (losses.iter())
        .find(|(k, _)| tail.contains(k))
        .map_or(String::new(), |(_, g)| format!(", mostly {g}"));
    format!("too few steady minutes{need}{mostly}")
}

fn largest(d: &Dropped, stops: usize) -> Option<String> {
    let min = |s: f64| s / 60.0;
    let stops_and_settling = d.stopped_s + d.settling_s;
    let mut reasons = vec![
        (
            d.lock_s,
            format!("heart rate locked to cadence for {:.0} min", min(d.lock_s)),
        ),
        (
            d.no_hr_s,
            format!("no heart rate for {:.0} min", min(d.no_hr_s)),
        ),
        (
            d.no_speed_s,
            format!("no GPS speed for {:.0} min", min(d.no_speed_s)),
        ),
        (
            d.unsteady_s,
            format!("pace not steady for {:.0} min", min(d.unsteady_s)),
        ),
    ];
    if stops >= MANY_STOPS {
        reasons.push((
            stops_and_settling,
            format!(
                "{stops} stops cost {:.0} min, standing and the heart rate settling after them",
                min(stops_and_settling)
            ),
        ));
    } else {
        let what = if stops == 0 {
            "the warm-up"
        } else {
            "the warm-up and the recovery after stops"
        };
        reasons.push((
            d.settling_s,
            format!("{:.0} min went to {what}", min(d.settling_s)),
        ));
    }
    let (secs, why) = reasons.into_iter().max_by(|a, b| a.0.total_cmp(&b.0))?;
    (secs >= 60.0).then_some(why)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::settle::Kinetics;

    #[test]
    fn reasons_group_without_their_numbers() {
        let g = |s: &str| group(s);
        assert_eq!(
            g(
                "only 2 steady minutes (need 10): 8 stops cost 23 min, standing and the heart rate settling after them"
            ),
            "too few steady minutes (need 10), mostly stops"
        );
        assert_eq!(
            g(
                "only 1 steady minute (need 10): 15 min went to the warm-up and the recovery after stops"
            ),
            "too few steady minutes (need 10), mostly the warm-up and stops"
        );
        assert_eq!(
            g("only 4 steady minutes (need 10)"),
            "too few steady minutes (need 10)"
        );
        assert_eq!(g("quality session: pace not steady"), "quality session");
        assert_eq!(g("no heart rate"), "no heart rate");
        assert_eq!(
            g("steady heart rate 114 bpm is too far from the reference 160"),
            "steady heart rate too far from the reference"
        );
        // What why_short writes groups by its largest loss.
        let locked = Dropped {
            lock_s: 700.0,
            ..Default::default()
        };
        let s = Steady {
            kept_s: 120.0,
            dropped: locked,
            ..Default::default()
        };
        assert_eq!(
            group(&why_short(&s, 600.0)),
            "too few steady minutes (need 10), mostly heart rate locked to cadence"
        );
    }

    fn steady(kept_s: f64, dropped: Dropped, segments: usize) -> Steady {
        Steady {
            kept_s,
            dropped,
            kinetics: Kinetics {
                segments,
                ..Default::default()
            },
            ..Default::default()
        }
    }

    #[test]
    fn the_largest_loss_is_named() {
        let city = Dropped {
            stopped_s: 400.0,
            settling_s: 900.0,
            unsteady_s: 100.0,
            ..Default::default()
        };
        assert_eq!(
            why_short(&steady(60.0, city, 12), 600.0),
            "only 1 steady minute (need 10): 11 stops cost 22 min, standing and the heart rate settling after them"
        );
        // Two stops: the warm-up is what cost the run.
        assert_eq!(
            why_short(&steady(300.0, city, 3), 600.0),
            "only 5 steady minutes (need 10): 15 min went to the warm-up and the recovery after stops"
        );
        let locked = Dropped {
            lock_s: 700.0,
            settling_s: 600.0,
            ..Default::default()
        };
        assert!(
            why_short(&steady(120.0, locked, 1), 600.0).ends_with("locked to cadence for 12 min")
        );
        // Nothing worth naming: the run was short; 4.9 minutes are 4.
        assert_eq!(
            why_short(&steady(294.0, Dropped::default(), 1), 600.0),
            "only 4 steady minutes (need 10)"
        );
        let warm = Dropped {
            settling_s: 600.0,
            ..Default::default()
        };
        assert!(
            why_short(&steady(200.0, warm, 1), 600.0).ends_with(": 10 min went to the warm-up")
        );
    }
}
