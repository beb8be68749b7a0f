//! Wall-clock times to instants. Gym logs write local time with no zone;
//! the athlete's IANA zone (DST-aware) turns it into a UTC instant.

use chrono::{DateTime, Duration, LocalResult, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

/// The instant of wall-clock time `local` in `tz`.
///
/// In the autumn overlap the earlier instant is taken; a time inside the
/// spring gap (which no clock shows) is read as one hour later.
pub fn local_to_utc(local: NaiveDateTime, tz: Tz) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(early, _) => early.with_timezone(&Utc),
        LocalResult::None => match tz.from_local_datetime(&(local + Duration::hours(1))) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
            LocalResult::None => Utc.from_utc_datetime(&local),
        },
    }
}

/// Minutes local time in `tz` is ahead of UTC at `instant` (DST-aware).
pub fn utc_offset_min(instant: DateTime<Utc>, tz: Tz) -> i32 {
    tz.offset_from_utc_datetime(&instant.naive_utc())
        .fix()
        .local_minus_utc()
        / 60
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    #[test]
    fn dst_change_in_copenhagen() {
        let tz = chrono_tz::Europe::Copenhagen;
        // Winter: UTC+1; summer: UTC+2 (switch 2026-03-29 02:00).
        assert_eq!(
            local_to_utc(at(2026, 3, 28, 18, 0), tz).naive_utc(),
            at(2026, 3, 28, 17, 0)
        );
        assert_eq!(
            local_to_utc(at(2026, 3, 29, 18, 0), tz).naive_utc(),
            at(2026, 3, 29, 16, 0)
        );
        // 02:30 does not exist that night: read as 03:30 summer time.
        assert_eq!(
            local_to_utc(at(2026, 3, 29, 2, 30), tz).naive_utc(),
            at(2026, 3, 29, 1, 30)
        );
        // 02:30 happens twice on 2026-10-25: the first one (summer time) is taken.
        assert_eq!(
            local_to_utc(at(2026, 10, 25, 2, 30), tz).naive_utc(),
            at(2026, 10, 25, 0, 30)
        );
        let offset = |l| utc_offset_min(local_to_utc(l, tz), tz);
        assert_eq!(offset(at(2026, 3, 28, 18, 0)), 60);
        assert_eq!(offset(at(2026, 3, 29, 18, 0)), 120);
    }
}
