//! Sport names of every format mapped to the FIT names the tables use:
//! `running` with sub-sports `street`, `trail`, `track`, `treadmill`,
//! `virtual_activity`; `cycling`, `swimming`, `walking`, `hiking`,
//! `training` (strength), and so on. One table serves the activity lists
//! (Garmin Connect in English and Danish, Strava, Polar Flow), GPX `<type>`
//! (Garmin Connect writes `trail_running`, Strava `TrailRun` or a number),
//! TCX `Sport`, Apple Health workout types (as words) and Polar sport
//! names: a name is looked up with `_`, `-` and CamelCase turned into
//! spaces, so `track_running`, `Track running` and `TrackRunning` are one
//! row. FIT files state `sport` and `sub_sport` themselves. Every running
//! sub-sport is a run; treadmill and virtual runs are kept apart from
//! outdoor ones by the analysis, since their pace comes from a belt or a
//! foot pod. A new locale is new rows here, not new code.

/// (name as exported, lower case; sport; sub-sport).
const NAMES: &[(&str, &str, Option<&str>)] = &[
    // English (Garmin Connect, Strava, Polar)
    ("running", "running", None),
    ("run", "running", None),
    ("jogging", "running", None),
    ("road running", "running", Some("road")),
    ("street running", "running", Some("street")),
    ("treadmill running", "running", Some("treadmill")),
    ("treadmill", "running", Some("treadmill")),
    ("indoor running", "running", Some("treadmill")),
    ("indoor run", "running", Some("treadmill")),
    ("virtual run", "running", Some("virtual_activity")),
    ("virtual running", "running", Some("virtual_activity")),
    ("trail running", "running", Some("trail")),
    ("trail run", "running", Some("trail")),
    ("track running", "running", Some("track")),
    ("track run", "running", Some("track")),
    ("track & field running", "running", Some("track")),
    ("track and field running", "running", Some("track")),
    ("ultra running", "running", Some("trail")),
    ("ultra run", "running", Some("trail")),
    ("cross country running", "running", Some("trail")),
    ("obstacle run", "running", Some("obstacle")),
    ("obstacle racing", "running", Some("obstacle")),
    ("cycling", "cycling", None),
    ("biking", "cycling", None),
    ("ride", "cycling", None),
    ("road cycling", "cycling", Some("road")),
    ("mountain biking", "cycling", Some("mountain")),
    ("indoor cycling", "cycling", Some("indoor_cycling")),
    ("virtual ride", "cycling", Some("virtual_activity")),
    ("pool swimming", "swimming", Some("lap_swimming")),
    ("pool swim", "swimming", Some("lap_swimming")),
    ("open water swimming", "swimming", Some("open_water")),
    ("swimming", "swimming", None),
    ("swim", "swimming", None),
    ("walking", "walking", None),
    ("walk", "walking", None),
    ("hiking", "hiking", None),
    ("hike", "hiking", None),
    ("strength training", "training", Some("strength_training")),
    ("strength", "training", Some("strength_training")),
    ("weight training", "training", Some("strength_training")),
    (
        "traditional strength training",
        "training",
        Some("strength_training"),
    ),
    (
        "functional strength training",
        "training",
        Some("strength_training"),
    ),
    ("cardio", "training", Some("cardio_training")),
    ("workout", "training", None),
    ("resort skiing/snowboarding", "alpine_skiing", None),
    // Danish (Garmin Connect)
    ("løb", "running", None),
    ("løbebånd", "running", Some("treadmill")),
    ("indendørs løb", "running", Some("treadmill")),
    ("trailløb", "running", Some("trail")),
    ("bane løb", "running", Some("track")),
    ("cykling", "cycling", None),
    ("landevejscykling", "cycling", Some("road")),
    ("mountainbike", "cycling", Some("mountain")),
    ("indendørs cykling", "cycling", Some("indoor_cycling")),
    ("svømning", "swimming", None),
    ("svømning i bassin", "swimming", Some("lap_swimming")),
    ("gang", "walking", None),
    ("vandring", "hiking", None),
    ("styrketræning", "training", Some("strength_training")),
];

/// A name as the table spells it: CamelCase, `_` and `-` turned into
/// single spaces, lower case.
fn key(name: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for ch in name.trim().chars() {
        if ch.is_uppercase() && prev_lower {
            out.push(' ');
        }
        prev_lower = ch.is_lowercase();
        out.extend(ch.to_lowercase());
    }
    out.replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Sport and sub-sport of an exported activity type; unknown names keep
/// their own (lower-case, snake_case) name so nothing is mistaken for a run.
pub fn sport(name: &str) -> (String, Option<String>) {
    let key = key(name);
    match NAMES.iter().find(|(n, _, _)| *n == key) {
        Some((_, sport, sub)) => (sport.to_string(), sub.map(str::to_string)),
        None if key.is_empty() => ("unknown".into(), None),
        None => (key.replace([' ', '-', '/'], "_"), None),
    }
}

/// True for a strength workout a watch or an app recorded: sub-sport
/// `strength_training` under any sport, a `strength_training` sport, or
/// plain `training` without a sub-sport (watches whose strength profile
/// writes no sub-sport). Cardio, yoga and other training sub-sports are not.
pub fn is_strength(sport: &str, sub_sport: Option<&str>) -> bool {
    sub_sport == Some("strength_training")
        || sport == "strength_training"
        || (sport == "training" && matches!(sub_sport, None | Some("generic")))
}

/// True for sports whose list distances are in metres (or yards), not km (or miles).
pub fn distance_in_pool_units(sport: &str) -> bool {
    sport == "swimming"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_every_locale_map_to_fit_sports() {
        assert_eq!(sport("Running"), ("running".into(), None));
        assert_eq!(sport("Run"), ("running".into(), None));
        assert_eq!(sport("Treadmill Running").1.as_deref(), Some("treadmill"));
        assert_eq!(sport("Løb").0, "running");
        assert_eq!(sport("RUNNING").0, "running");
        assert_eq!(sport("Pool Swimming").0, "swimming");
        assert_eq!(sport("Weight Training").0, "training");
        assert_eq!(sport("Kitesurfing").0, "kitesurfing");
        assert_eq!(sport("").0, "unknown");
        assert!(is_strength("training", Some("strength_training")));
        assert!(is_strength("training", None));
        assert!(is_strength("fitness_equipment", Some("strength_training")));
        assert!(!is_strength("training", Some("cardio_training")));
        assert!(!is_strength("running", None));
    }

    #[test]
    fn every_running_sub_sport_is_a_run_however_it_is_spelled() {
        let run = |n: &str| sport(n);
        // GPX <type> as Garmin Connect writes it, Strava's activity types, Polar's names.
        for (name, sub) in [
            ("track_running", Some("track")),
            ("trail_running", Some("trail")),
            ("street_running", Some("street")),
            ("treadmill_running", Some("treadmill")),
            ("TrailRun", Some("trail")),
            ("VirtualRun", Some("virtual_activity")),
            ("Road running", Some("road")),
            ("Track & field running", Some("track")),
            ("Ultra running", Some("trail")),
            ("indoor-running", Some("treadmill")),
            ("RUNNING", None),
        ] {
            assert_eq!(
                run(name),
                ("running".into(), sub.map(str::to_string)),
                "{name}"
            );
        }
        assert_eq!(run("Mountain Biking").0, "cycling");
        assert_eq!(run("Biking").0, "cycling"); // TCX Sport
        assert_eq!(run("open_water_swimming").0, "swimming");
        assert_eq!(run("Stand up paddling").0, "stand_up_paddling");
    }
}
