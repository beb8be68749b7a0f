//! CSV files as European spreadsheet programs save them: `;`-separated,
//! with decimal commas and `.` as the thousands separator.

use runlift::ingest::{ReadContext, Status, read_path};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    crate::common::fixture("csv", name)
}

#[test]
fn strong_with_decimal_commas_gives_the_loads_and_rpe() {
    let o = read_path(
        &fixture("strong_semicolon_decimal_comma.csv"),
        &ReadContext::default(),
    );
    assert_eq!(
        (o.format.name(), o.status),
        ("strong", Status::Ok),
        "{:?}",
        o.message
    );
    let sets = &o.decoded.sets;
    assert_eq!(sets.len(), 3);
    assert_eq!(
        (sets[0].set_type, sets[0].weight_kg),
        (runlift::kinds::SetType::Warmup, Some(60.0))
    );
    assert_eq!(sets[1].weight_kg, Some(102.5));
    assert_eq!((sets[1].reps, sets[1].rpe), (Some(5.0), Some(8.5)));
    // 1.002,5 kg: a thousands point and a decimal comma.
    assert_eq!(sets[2].weight_kg, Some(1002.5));
}

#[test]
fn a_garmin_list_resaved_with_semicolons_keeps_its_distances() {
    let o = read_path(
        &fixture("garmin_activities_semicolon.csv"),
        &ReadContext::default(),
    );
    assert_eq!(
        (o.format.name(), o.status),
        ("garmin_activities", Status::Ok),
        "{:?}",
        o.message
    );
    let [run, swim] = &o.decoded.activities[..] else {
        panic!("two rows")
    };
    assert_eq!(run.meta.distance_m, Some(10_500.0));
    assert_eq!(
        (run.meta.duration_s, run.meta.avg_hr),
        (Some(3312.0), Some(147.0))
    );
    // Swims are listed in metres; in a decimal-comma file "1.500" is 1500.
    assert_eq!(swim.meta.sport, "swimming");
    assert_eq!(swim.meta.distance_m, Some(1500.0));
}
