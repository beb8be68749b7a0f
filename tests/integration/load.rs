//! Training load with the lifting counted: `tables/load.csv` of a simulated
//! season holds every day, its strength sessions' load, and fitness and
//! fatigue that a hand-computed exponentially weighted sum reproduces.

use crate::common::{report, sim};
use runlift::simulate::Scenario;

#[test]
fn load_csv_fitness_and_fatigue_match_the_exponentially_weighted_sum_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    sim(&data, Scenario::Strength, 12, 6, "2026-01-05");
    let s = report(dir.path(), &data, &dir.path().join("reports"), &[]);
    let mut r = csv::Reader::from_path(dir.path().join("reports/latest/tables/load.csv")).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let from: chrono::NaiveDate = s["data_range"]["from"].as_str().unwrap().parse().unwrap();
    let to: chrono::NaiveDate = s["data_range"]["to"].as_str().unwrap().parse().unwrap();
    assert_eq!(rows.len() as i64, (to - from).num_days() + 1, "every day");
    let f = |row: &csv::StringRecord, i: usize| -> f64 { row[i].parse().unwrap() };
    let (kf, kt) = (1.0 - (-1.0f64 / 42.0).exp(), 1.0 - (-1.0f64 / 7.0).exp());
    // Both start from the mean daily load of the first 28 days.
    let seed = rows.iter().take(28).map(|r| f(r, 1) + f(r, 2)).sum::<f64>() / 28.0;
    let (mut fit, mut tired) = (seed, seed);
    let mut lifting_days = 0;
    for row in &rows {
        let load = f(row, 1) + f(row, 2);
        fit += (load - fit) * kf;
        tired += (load - tired) * kt;
        assert!((f(row, 4) - fit).abs() < 0.1, "{row:?}: fitness {fit}");
        assert!((f(row, 5) - tired).abs() < 0.1, "{row:?}: fatigue {tired}");
        assert!((f(row, 6) - (f(row, 4) - f(row, 5))).abs() < 0.011);
        // A strength session adds load; a day without one adds none.
        assert_eq!(&row[3] != "0", f(row, 2) > 0.0, "{row:?}");
        lifting_days += usize::from(&row[3] != "0");
    }
    let gym = s["strength"]["sessions"].as_u64().unwrap() as usize;
    assert_eq!(lifting_days, gym);
    // The Strong log rates its sets: every session's load comes from them.
    assert_eq!(s["load"]["strength_load_sources"]["rpe"], gym);
    let last = rows.last().unwrap();
    assert!((s["load"]["form"].as_f64().unwrap() - f(last, 6)).abs() < 0.06);
    let share = s["load"]["strength_share_28d"].as_f64().unwrap();
    assert!((0.05..0.4).contains(&share), "{share}");
    // Each day's strength load is the truth's: the log's minutes (Strong's
    // Duration) and the mean RPE of its working sets, on the documented scale.
    let truth = crate::common::json(&data.join("truth.json"));
    let sessions = truth["strength_load"].as_array().unwrap();
    assert_eq!(sessions.len(), gym);
    for t in sessions {
        let day = &t["start_local"].as_str().unwrap()[..10];
        let row = rows.iter().find(|r| &r[0] == day).unwrap();
        let expected = t["load"].as_f64().unwrap();
        assert!(
            (f(row, 2) - expected).abs() < 0.1,
            "{day}: {} against {expected}",
            f(row, 2)
        );
    }
    // Each conflict carries the form at the end of the day before its run.
    let conflicts = s["strength"]["conflicts"].as_array().unwrap();
    assert!(!conflicts.is_empty());
    for c in conflicts {
        let run_day: chrono::NaiveDate = c["run_start_local"].as_str().unwrap()[..10]
            .parse()
            .unwrap();
        let before = run_day.pred_opt().unwrap().to_string();
        let row = rows.iter().find(|r| r[0] == before).unwrap();
        assert!(
            (c["form_before"].as_f64().unwrap() - f(row, 6)).abs() < 0.06,
            "{c}"
        );
    }
    // Sessions of other lengths than the 60-minute default: the log's own minutes are used.
    let other = (sessions.iter()).filter(|t| t["minutes"].as_f64() != Some(60.0));
    assert!(other.count() * 2 > gym);
}
