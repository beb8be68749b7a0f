use super::*;
use chrono::NaiveDateTime;

/// Monday of week 0 of the test histories.
fn week0() -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 1, 2).unwrap()
}

fn day(week: i64, weekday: i64) -> NaiveDate {
    week0() + Duration::days(7 * week + weekday)
}

/// Three runs a week (Tuesday, Thursday, Saturday) for `weeks` weeks, the
/// speed `level(week)` with a small deterministic wiggle, on weeks `keep` accepts.
fn history(weeks: i64, level: impl Fn(i64) -> f64, keep: impl Fn(i64) -> bool) -> Vec<RunMetrics> {
    (0..weeks)
        .filter(|&k| keep(k))
        .flat_map(|k| [1, 3, 5].map(|d| (k, d)))
        .map(|(k, d)| {
            let wiggle = 1.0 + 0.012 * ((k * 7 + d) as f64 * 1.7).sin();
            let at: NaiveDateTime = day(k, d).and_hms_opt(7, 0, 0).unwrap();
            RunMetrics::easy_at(at, Some(level(k) * wiggle))
        })
        .collect()
}

fn block(from_week: i64, to_week: i64) -> Block {
    Block {
        from: day(from_week, 1),
        to: day(to_week, 3),
        sessions: 2 * (to_week - from_week + 1) as usize,
        since_data_begin: false,
    }
}

/// 5 % faster over the first block (weeks 50–65), held; no change over the second (110–125).
fn two_blocks() -> (Vec<RunMetrics>, Vec<Block>) {
    let level = |k: i64| 3.0 * (1.0 + 0.05 * ((k - 50) as f64 / 15.0).clamp(0.0, 1.0));
    (
        history(160, level, |_| true),
        vec![block(50, 65), block(110, 125)],
    )
}

#[test]
fn each_block_is_compared_with_the_weeks_just_before_it() {
    let (runs, blocks) = two_blocks();
    let c = compare(&runs, &blocks, None, None);
    assert_eq!(c.len(), 2);
    let first = c[0].speed.as_ref().unwrap();
    // Before: the 12 weeks to the day before the first session (Tuesday of
    // week 50); compared: the 4 weeks to the block's last session.
    assert_eq!(c[0].before.unwrap().to, day(50, 0));
    assert_eq!(c[0].before.unwrap().from, day(38, 1));
    assert_eq!(c[0].compared.unwrap().from, day(61, 4));
    assert_eq!(c[0].compared.unwrap().to, day(65, 3));
    assert!(!c[0].after && !c[0].current);
    // Weeks 62–65 average 4.4 % above the level before (≈ 3.0 · (1 + 0.05 · 13.5/15)).
    assert!((first.change - 4.5).abs() < 0.6, "{first:?}");
    assert!(first.clear(), "{first:?}");
    let second = c[1].speed.as_ref().unwrap();
    // The second block's "before" starts after the first block ended.
    assert!(c[1].before.unwrap().from > blocks[0].to);
    assert!(second.change.abs() < 1.0 && !second.clear(), "{second:?}");
    assert_eq!(largest_clear(&c).map(|x| x.block), Some(blocks[0]));
}

#[test]
fn the_control_comes_from_lifting_free_stretches_of_the_same_shape() {
    let (runs, blocks) = two_blocks();
    let c = compare(&runs, &blocks, None, None);
    // Shape 12 + 10 + 4 weeks = 26, starts every 4 weeks within the
    // lifting-free weeks 0–49, 66–109 and 126–159: 0–24 (7 pairs), 68–84 (5)
    // and 128–132 (2).
    let control = c[0].control;
    assert_eq!(control.pairs, 14, "{control:?}");
    assert_eq!(control.clear, 0, "{control:?}");
    let [lo, hi] = control.range_pct.unwrap();
    assert!(lo < hi && lo > -1.5 && hi < 1.5, "{control:?}");
    // A level that moves during a "lifting-free" stretch shows in the control.
    let moving = history(
        160,
        |k| 3.0 + if k % 40 >= 20 { 0.15 } else { 0.0 },
        |_| true,
    );
    let wide = compare(&moving, &blocks, None, None)[0].control;
    assert!(wide.range_pct.unwrap()[1] > 3.0, "{wide:?}");
}

#[test]
fn a_block_without_runs_in_its_last_weeks_uses_the_weeks_after_it() {
    // No runs in weeks 52–65 (an injury), running again from week 66: the
    // block's last 12 weeks hold none.
    let runs = history(
        100,
        |k| if k >= 50 { 3.15 } else { 3.0 },
        |k| !(52..66).contains(&k),
    );
    let c = compare(&runs, &[block(50, 65)], None, None);
    assert!(c[0].after, "{:?}", c[0].compared);
    assert_eq!(
        c[0].compared.unwrap().from,
        blocks_end_next_day(block(50, 65))
    );
    assert!((c[0].speed.as_ref().unwrap().change - 5.0).abs() < 0.6);
}

fn blocks_end_next_day(b: Block) -> NaiveDate {
    b.to + Duration::days(1)
}

#[test]
fn lifting_since_the_data_begin_has_nothing_before_it() {
    let runs = history(30, |_| 3.0, |_| true);
    let mut b = block(0, 20);
    b.since_data_begin = true;
    let c = compare(&runs, &[b], Some(b.from), None);
    assert!(c[0].current);
    assert!(
        c[0].speed
            .as_ref()
            .unwrap_err()
            .contains("since the data begin")
    );
    assert_eq!(c[0].control.pairs, 0);
    assert!(largest_clear(&c).is_none());
}

#[test]
fn a_block_interval_widens_by_the_heat_slopes_uncertainty_and_the_headline_row_does_not() {
    let (runs, blocks) = two_blocks();
    let mid = compare(&runs, &blocks, None, None);
    let shifted = |by: f64| {
        let mut c = compare(&runs, &blocks, None, None);
        if let Ok(e) = &mut c[0].speed {
            e.change += by;
        }
        c
    };
    // The slope one error either way moves the first block's change by ±0.5.
    let mut widened = mid.clone();
    widen_for_heat(&mut widened, Some((shifted(0.5), shifted(-0.5))));
    let (m, w) = (
        mid[0].speed.as_ref().unwrap(),
        widened[0].speed.as_ref().unwrap(),
    );
    let extra = (1.96f64 * 0.5).powi(2);
    let below = ((m.change - m.ci95[0]).powi(2) + extra).sqrt();
    assert!((w.ci95[0] - (m.change - below)).abs() < 1e-9, "{w:?}");
    // The second block (the same in all three) keeps its interval.
    assert_eq!(widened[1].speed, mid[1].speed);
    widen_for_heat(&mut widened, None);
    assert_eq!(widened[1].speed, mid[1].speed);
}
