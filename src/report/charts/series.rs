//! The per-run time series: what each plots, in which unit, and which way
//! is better.

use super::timeseries::{Series, points};
use super::{means, number_format};
use crate::config::format_pace;
use crate::kinds::RunKind;
use crate::report::ReportInput;

fn heat(input: &ReportInput) -> &'static str {
    if input.analysis.effort.heat.is_some() {
        ", heat-adjusted"
    } else {
        ""
    }
}

/// Pace at the reference heart rate (plotted as minus seconds per distance
/// unit, so that up is faster).
pub fn speed(input: &ReportInput) -> Series {
    let a = input.analysis;
    let units = input.settings.units;
    let to_pace = move |v: f64| -units.pace_s(1000.0 / v);
    let (m, why) = means(&a.effort.speed_at_ref_hr, to_pace);
    Series {
        title: format!("Pace at {:.0} bpm over time", a.reference_hr),
        y_desc: format!(
            "pace at reference heart rate{} (min{})",
            heat(input),
            units.pace_unit()
        ),
        better: "higher on the chart = faster at the same heart rate = better",
        points: points(input, |r| r.speed_used, to_pace),
        y_fmt: Box::new(|y: &f64| format_pace(-y)),
        means: m,
        empty_reason: why,
        point_label: "one run",
        second: None,
    }
}

/// Heart rate at the reference pace.
pub fn hr(input: &ReportInput) -> Series {
    let a = input.analysis;
    let units = input.settings.units;
    let pts = points(input, |r| r.hr_used, |v| v);
    let (m, why) = means(&a.effort.hr_at_ref_pace, |v| v);
    Series {
        title: format!(
            "Heart rate at {}{} over time",
            format_pace(units.pace_s(1000.0 / a.reference_speed_mps)),
            units.pace_unit()
        ),
        y_desc: format!("heart rate at reference pace{} (bpm)", heat(input)),
        better: "lower = less effort for the same pace = better",
        y_fmt: Box::new(number_format(&pts, 6.0)),
        points: pts,
        means: m,
        empty_reason: why,
        point_label: "one run",
        second: None,
    }
}

/// RPE logged after easy runs.
pub fn rpe(input: &ReportInput) -> Series {
    let pts = points(input, |r| r.rpe.filter(|_| r.kind == RunKind::Easy), |v| v);
    let (m, why) = means(&input.analysis.effort.rpe_at_easy_pace, |v| v);
    Series {
        title: "How easy runs feel: RPE after easy runs".to_string(),
        y_desc: "RPE, 0–10 (CR10)".to_string(),
        better: "lower = easy pace feels easier = better",
        y_fmt: Box::new(number_format(&pts, 8.0)),
        points: pts,
        means: m,
        empty_reason: why,
        point_label: "one run",
        second: None,
    }
}

/// Aerobic decoupling of long runs.
pub fn late(input: &ReportInput) -> Series {
    let pts = points(
        input,
        |r| r.decoupling_pct.filter(|_| r.kind == RunKind::Long),
        |v| v,
    );
    let (m, why) = means(&input.analysis.effort.long_run_decoupling, |v| v);
    Series {
        title: "Late-run form: heart-rate drift on long runs".to_string(),
        y_desc: "aerobic decoupling (%)".to_string(),
        better: "lower = less drift late in the run = better",
        y_fmt: Box::new(number_format(&pts, 6.0)),
        points: pts,
        means: m,
        empty_reason: why,
        point_label: "one run",
        second: None,
    }
}

/// Speed per watt (metres per kilojoule) of the runs of the power source compared.
pub fn speed_per_watt(input: &ReportInput) -> Series {
    let power = &input.analysis.power;
    let pts = points(
        input,
        |r| r.metres_per_kj.filter(|_| r.power_compared),
        |v| v,
    );
    let (m, why) = means(&power.speed_per_watt, |v| v);
    let source = power
        .source
        .as_deref()
        .map_or(String::new(), |s| format!(", {s}"));
    Series {
        title: format!("Speed per watt at steady easy running{source}"),
        y_desc: "metres per kilojoule (speed per watt × 1000)".to_string(),
        better: "higher = more distance for the same work = more economical",
        y_fmt: Box::new(number_format(&pts, 3.0)),
        points: pts,
        means: m,
        empty_reason: why,
        point_label: "one run",
        second: None,
    }
}

/// Late-run stance time and vertical ratio of long runs whose files have
/// running dynamics (last third against the middle third, positive =
/// fading; the period means are stance time's); empty without.
pub fn late_stance(input: &ReportInput) -> Series {
    let pts = points(
        input,
        |r| r.late_dynamics.and_then(|l| l.stance_time_pct),
        |v| v,
    );
    Series {
        title: "Late-run form: ground contact and bounce, last third against the middle"
            .to_string(),
        y_desc: "stance time change (%)".to_string(),
        better: "lower = less fading late in the run = better",
        y_fmt: Box::new(number_format(&pts, 6.0)),
        means: period_means(input, |r| r.late_dynamics.and_then(|l| l.stance_time_pct)),
        points: pts,
        empty_reason: "no long run with running dynamics in both periods".to_string(),
        point_label: "stance time, one run",
        second: Some((
            "vertical ratio, one run",
            points(
                input,
                |r| r.late_dynamics.and_then(|l| l.vertical_ratio_pct),
                |v| v,
            ),
        )),
    }
}

/// Plain means of `f` over the runs of the baseline and of the recent period
/// (for a quantity shown per run, without an estimate of its change).
fn period_means(
    input: &ReportInput,
    f: fn(&crate::analysis::runs::RunMetrics) -> Option<f64>,
) -> Option<(f64, f64)> {
    let p = input.analysis.periods?;
    let mean = |period: &crate::analysis::periods::Period| {
        let v: Vec<f64> = (input.analysis.runs.iter())
            .filter(|r| period.contains(r.start_local.date()))
            .filter_map(f)
            .collect();
        (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
    };
    mean(&p.baseline).zip(mean(&p.recent))
}
