//! A watch's recording of a gym session as a FIT file: one strength-training
//! session with its `set` messages, written as Garmin writes them (every
//! set shares one `timestamp`; `start_time` tells them apart; rest periods
//! are sets of type rest). Used to test merging a watch recording with the
//! gym app's log of the same workout.

use crate::fit::write::{BaseType, FitWriter, MessageDef};

/// One set as the watch saw it.
#[derive(Clone, Copy, Debug)]
pub struct WatchSet {
    /// Active set (false: a rest period).
    pub active: bool,
    /// Repetitions.
    pub reps: i64,
    /// Load, kg.
    pub kg: f64,
    /// FIT exercise category (e.g. 28 squat, 17 lunge).
    pub category: i64,
}

const SESSION: MessageDef = MessageDef {
    global: crate::fit::mesg::SESSION,
    local: 1,
    fields: &[
        (253, BaseType::UInt32),
        (2, BaseType::UInt32),
        (5, BaseType::Enum),
        (6, BaseType::Enum),
        (7, BaseType::UInt32),
        (16, BaseType::UInt8),
    ],
};

const SET: MessageDef = MessageDef {
    global: crate::fit::mesg::SET,
    local: 2,
    fields: &[
        (254, BaseType::UInt32),
        (0, BaseType::UInt32),
        (3, BaseType::UInt16),
        (4, BaseType::UInt16),
        (5, BaseType::UInt8),
        (6, BaseType::UInt32),
        (7, BaseType::UInt16),
    ],
};

/// A strength session starting at `start` (FIT seconds), one set a minute,
/// each lasting 45 s, with mean heart rate `avg_hr`.
pub fn strength_fit(start: i64, duration_s: i64, avg_hr: i64, sets: &[WatchSet]) -> Vec<u8> {
    let mut w = FitWriter::new();
    for (i, s) in sets.iter().enumerate() {
        let values = [
            Some(start),
            Some(45_000),
            Some(s.reps),
            Some((s.kg * 16.0) as i64),
            Some(i64::from(s.active)),
            Some(start + 60 * i as i64),
            Some(s.category),
        ];
        w.write(&SET, &values);
    }
    let session = [
        Some(start + duration_s),
        Some(start),
        Some(10), // sport: training
        Some(20), // sub_sport: strength_training
        Some(duration_s * 1000),
        Some(avg_hr),
    ];
    w.write(&SESSION, &session);
    w.finish()
}
