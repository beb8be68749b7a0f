//! Power and running dynamics as the readers find them: the same run as
//! FIT, TCX and GPX gives the same power, FIT dynamics come in the profile's
//! units, `ingest.csv` says where each came from, and the real seasons in
//! `../shared/realdata` carry what their watches wrote (skipped, with a
//! message, where that folder is absent).

use runlift::fit::mesg;
use runlift::fit::write::{BaseType, FitWriter, MessageDef};
use runlift::ingest::fit::{Via, read_via};
use runlift::ingest::{ActivityData, ReadContext, dynamics::sources_text, gpx, tcx};
use std::path::{Path, PathBuf};

const T0: i64 = 1_100_000_000; // FIT seconds: 2024-11-09T08:53:20Z
const POWER: [i64; 5] = [250, 255, 262, 258, 251];

/// A five-second run with power and every running dynamic, as a watch
/// writes it (the profile's scales: step length and stance time ×10,
/// oscillation ×10, ratio and balance ×100).
fn fit_run() -> Vec<u8> {
    const RECORD: MessageDef = MessageDef {
        global: mesg::RECORD,
        local: 0,
        fields: &[
            (253, BaseType::UInt32),
            (3, BaseType::UInt8),
            (6, BaseType::UInt16),
            (7, BaseType::UInt16),
            (85, BaseType::UInt16),
            (41, BaseType::UInt16),
            (84, BaseType::UInt16),
            (39, BaseType::UInt16),
            (83, BaseType::UInt16),
        ],
    };
    const SESSION: MessageDef = MessageDef {
        global: mesg::SESSION,
        local: 1,
        fields: &[
            (253, BaseType::UInt32),
            (2, BaseType::UInt32),
            (5, BaseType::Enum),
        ],
    };
    let mut w = FitWriter::new();
    for (i, p) in POWER.iter().enumerate() {
        let t = T0 + i as i64;
        let values = [t, 150, 3000, *p, 10_500, 2_450, 4_980, 890, 848];
        w.write(&RECORD, &values.map(Some));
    }
    w.write(&SESSION, &[Some(T0 + 5), Some(T0), Some(1)]);
    w.finish()
}

fn iso(i: usize) -> String {
    let at = chrono::DateTime::from_timestamp(T0 + runlift::fit::FIT_EPOCH_OFFSET + i as i64, 0)
        .unwrap();
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn tcx_run() -> String {
    let points: String = (POWER.iter().enumerate())
        .map(|(i, p)| {
            format!(
                "<Trackpoint><Time>{}</Time><HeartRateBpm><Value>150</Value></HeartRateBpm>\
                 <Extensions><ns3:TPX><ns3:Speed>3.0</ns3:Speed><ns3:Watts>{p}</ns3:Watts></ns3:TPX></Extensions></Trackpoint>",
                iso(i)
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?><TrainingCenterDatabase xmlns:ns3=\"http://www.garmin.com/xmlschemas/ActivityExtension/v2\">\
         <Activities><Activity Sport=\"Running\"><Id>{}</Id><Lap StartTime=\"{}\"><Track>{points}</Track></Lap></Activity></Activities></TrainingCenterDatabase>",
        iso(0),
        iso(0)
    )
}

fn gpx_run() -> String {
    let points: String = (POWER.iter().enumerate())
        .map(|(i, p)| {
            format!(
                "<trkpt lat=\"55.{i}\" lon=\"12.0\"><time>{}</time><extensions><power>{p}</power>\
                 <gpxtpx:TrackPointExtension><gpxtpx:hr>150</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>",
                iso(i)
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?><gpx version=\"1.1\" xmlns:gpxtpx=\"http://www.garmin.com/xmlschemas/TrackPointExtension/v1\">\
         <trk><type>running</type><trkseg>{points}</trkseg></trk></gpx>"
    )
}

#[test]
fn the_same_run_as_fit_tcx_and_gpx_gives_the_same_power_and_fit_its_dynamics() {
    let ctx = ReadContext::default();
    let expected: Vec<Option<f64>> = POWER.iter().map(|&p| Some(p as f64)).collect();
    let fit = read_via(Path::new("run.fit"), &fit_run(), &ctx, Via::Fast).unwrap();
    let reference = read_via(Path::new("run.fit"), &fit_run(), &ctx, Via::Fitparser).unwrap();
    let tcx = tcx::read(Path::new("run.tcx"), tcx_run().as_bytes(), &ctx).unwrap();
    let gpx = gpx::read(Path::new("run.gpx"), gpx_run().as_bytes(), &ctx).unwrap();
    assert_eq!(fit.decoder, "fast");
    let one = |acts: &[ActivityData]| acts[0].clone();
    let (f, r, t, g) = (
        one(&fit.activities),
        one(&reference.activities),
        one(&tcx.activities),
        one(&gpx.activities),
    );
    for (what, a) in [("fit", &f), ("fitparser", &r), ("tcx", &t), ("gpx", &g)] {
        assert_eq!(a.samples.dynamics.power_w, expected, "{what}");
    }
    let d = &f.samples.dynamics;
    assert_eq!(
        d, &r.samples.dynamics,
        "both FIT decoders read the same dynamics"
    );
    assert_eq!(d.step_length_mm[0], Some(1050.0));
    assert_eq!(d.stance_time_ms[0], Some(245.0));
    assert_eq!(d.stance_time_balance_pct[0], Some(49.8));
    assert_eq!(d.vertical_oscillation_mm[0], Some(89.0));
    assert_eq!(d.vertical_ratio_pct[0], Some(8.48));
    assert!(
        t.samples.dynamics.stance_time_ms.is_empty(),
        "TCX has no dynamics"
    );
    let sources: Vec<_> = [(&f, "fit"), (&t, "tcx"), (&g, "gpx")]
        .iter()
        .map(|(a, format)| sources_text(std::slice::from_ref(*a), format))
        .collect();
    assert_eq!(
        sources,
        [
            "power: fit power; dynamics: stance balance, stance time, step length, vertical oscillation, vertical ratio (fit)",
            "power: tcx Watts",
            "power: gpx power",
        ]
    );
}

fn season(name: &str) -> Option<PathBuf> {
    crate::common::shared(&format!("realdata/{name}"))
}

/// Runs of a season: (all, with power, with stance time and step length).
fn shares(dir: &Path) -> (usize, usize, usize) {
    let ctx = ReadContext::default();
    let outcomes = runlift::ingest::ingest(&[dir.to_path_buf()], &ctx).unwrap();
    let runs: Vec<&ActivityData> = (outcomes.iter().flat_map(|o| &o.decoded.activities))
        .filter(|a| a.meta.sport == "running")
        .collect();
    let power = runs
        .iter()
        .filter(|a| !a.samples.dynamics.power_w.is_empty())
        .count();
    let dynamics = (runs.iter())
        .filter(|a| {
            !a.samples.dynamics.stance_time_ms.is_empty()
                && !a.samples.dynamics.step_length_mm.is_empty()
        })
        .count();
    (runs.len(), power, dynamics)
}

#[test]
fn the_real_seasons_carry_the_power_and_dynamics_their_watches_wrote() {
    if let Some(dir) = season("qianjiawen-coros-2023-2026") {
        // Every Coros run of this athlete has power and step length; 40 % stance time and oscillation.
        let (runs, power, dynamics) = shares(&dir);
        eprintln!("Coros: {runs} runs, {power} with power, {dynamics} with dynamics");
        assert!(runs >= 470, "{runs} runs");
        assert!(
            power * 100 >= runs * 95,
            "{power} of {runs} runs with power"
        );
        assert!(
            (30..=50).contains(&(dynamics * 100 / runs)),
            "{dynamics} of {runs} with dynamics"
        );
    }
    if let Some(dir) = season("x3cl-garmin-2013-2015") {
        // A Garmin of 2013–2015 without a running-dynamics strap or a pod.
        let (runs, power, dynamics) = shares(&dir);
        eprintln!("Garmin 2013-2015: {runs} runs, {power} with power, {dynamics} with dynamics");
        assert!(runs > 300);
        assert_eq!((power, dynamics), (0, 0));
    }
}

/// Mean, and the half-width of its 95 % interval, of `xs`.
fn mean_ci(xs: &[f64]) -> (f64, f64) {
    let n = xs.len() as f64;
    let m = xs.iter().sum::<f64>() / n;
    let var = xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n - 1.0);
    (m, 1.96 * (var / n).sqrt())
}

#[test]
fn late_run_dynamics_of_simulated_long_runs_recover_the_fade() {
    use runlift::simulate::{FormChoice, Scenario, simulate};
    // A steady runner, and one whose days wander as the real seasons' do
    // (tired days fade more, so the season's fade is larger and spread).
    for (form, seed) in [(FormChoice::Steady, 12), (FormChoice::Real, 13)] {
        let dir = tempfile::tempdir().unwrap();
        let mut opts =
            crate::common::sim_options(dir.path(), Scenario::Strength, 16, seed, "2026-01-05");
        opts.form = form;
        simulate(&opts).unwrap();
        let truth = crate::common::json(&dir.path().join("truth.json"));
        let fade = &truth["dynamics"]["late_fade_pct_of_long_runs"];
        let a = crate::common::analyse_dir(dir.path(), false);
        let late: Vec<_> = a.runs.iter().filter_map(|r| r.late_dynamics).collect();
        assert!(late.len() >= 12, "{} long runs with dynamics", late.len());
        let pick = |f: fn(&runlift::analysis::dynamics::LateDynamics) -> Option<f64>| {
            late.iter().filter_map(f).collect::<Vec<f64>>()
        };
        for (what, values) in [
            ("stance_time", pick(|l| l.stance_time_pct)),
            ("vertical_ratio", pick(|l| l.vertical_ratio_pct)),
            ("step_length", pick(|l| l.step_length_pct)),
            ("cadence", pick(|l| l.cadence_pct)),
        ] {
            let expected = fade[what].as_f64().unwrap();
            let (m, half) = mean_ci(&values);
            eprintln!(
                "{form:?} {what}: {m:+.2} % ± {half:.2} over {} long runs (truth {expected:+.2})",
                values.len()
            );
            assert!(
                (m - expected).abs() <= 1.0,
                "{what}: {m} against {expected}"
            );
            assert!(
                (m - expected).abs() <= half.max(0.2),
                "{what}: the interval ±{half} misses {expected}"
            );
        }
    }
}

#[test]
fn speed_per_watt_recovers_its_truth_on_simulated_strength_seasons() {
    for seed in [1u64, 2, 3] {
        let dir = tempfile::tempdir().unwrap();
        crate::common::sim(
            dir.path(),
            runlift::simulate::Scenario::Strength,
            20,
            seed,
            "2026-01-05",
        );
        let truth = crate::common::json(&dir.path().join("truth.json"));
        let expected = truth["effort"]["speed_per_watt"]["change_pct"]
            .as_f64()
            .unwrap();
        let a = crate::common::analyse_dir(dir.path(), true);
        let e = a.power.speed_per_watt.as_ref().unwrap();
        let p = a.power.power_at_ref_hr.as_ref().unwrap();
        eprintln!(
            "seed {seed}: speed per watt {:+.2} % [{:+.2}, {:+.2}] (truth {expected:+.2}), {:.1} m/kJ; power at the reference HR {:+.2} % [{:+.2}, {:+.2}]; {:?}",
            e.change,
            e.ci95[0],
            e.ci95[1],
            e.baseline,
            p.change,
            p.ci95[0],
            p.ci95[1],
            a.power.source
        );
        assert!(
            (e.change - expected).abs() <= 1.5,
            "seed {seed}: {} against {expected}",
            e.change
        );
        assert!(
            e.ci95[0] <= expected && expected <= e.ci95[1],
            "seed {seed}: the interval misses the truth"
        );
        // 70 kg at about 3 m/s: 1000 / (70 × 1.03) = 13.9 m/kJ on the flat.
        assert!((12.5..15.0).contains(&e.baseline), "{}", e.baseline);
        assert_eq!(a.power.source.as_deref(), Some("garmin fr945 (fit power)"));
    }
}

/// The plausible range of metres per kilojoule at easy running: 1000 / (W/kg
/// per m/s × body mass). Pods and wrist models read 0.9–1.3 W/kg per m/s; a
/// 45–100 kg runner gives 7.7–24.7 m/kJ.
const PLAUSIBLE_M_PER_KJ: std::ops::Range<f64> = 7.7..24.7;

#[test]
fn speed_per_watt_on_the_real_coros_season_is_plausible_and_its_placebo_quiet() {
    use runlift::analysis::{effort, estimate::Scale, placebo};
    let Some(dir) = season("qianjiawen-coros-2023-2026") else {
        return;
    };
    let settings = runlift::config::load(None, Default::default()).unwrap();
    let a = crate::common::analyse_with(&dir, &settings);
    let values: Vec<f64> = a.runs.iter().filter_map(|r| r.metres_per_kj).collect();
    let mut sorted = values.clone();
    sorted.sort_by(f64::total_cmp);
    let median = sorted[sorted.len() / 2];
    eprintln!(
        "Coros: {} runs with speed per watt, median {median:.2} m/kJ (10-90 %: {:.2}-{:.2}); {:?}; {:?}",
        values.len(),
        sorted[sorted.len() / 10],
        sorted[9 * sorted.len() / 10],
        a.power.source,
        a.power.speed_per_watt.as_ref().map(|e| (e.change, e.ci95))
    );
    assert!(values.len() >= 100, "{} runs", values.len());
    assert!(PLAUSIBLE_M_PER_KJ.contains(&median), "{median}");
    // Adjacent 8-week stretches with nothing between them: few may read clear.
    let history = effort::history_obs(&a.runs, |r| r.metres_per_kj);
    let p = placebo::run(&history, Scale::Ratio, 8, 8, &[]);
    eprintln!(
        "Coros speed per watt placebo: {} of {} pairs clear",
        p.clear, p.pairs
    );
    assert!(p.pairs >= 5 && p.share() <= 0.20, "{p:?}");
}
