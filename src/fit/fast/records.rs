//! The columns of `record` messages, with the values fitparser gives:
//! invalid sentinels read as missing, scale and offset applied as
//! `raw / scale - offset` in f64, and the 16-bit `speed` and `altitude`
//! read as their enhanced fields (fitparser's component expansion). Where a
//! record holds both, the enhanced field wins.

use super::layout::Slot;

/// The `record` fields runlift stores, one entry per record message in file
/// order; `None` where the record lacks the field or holds its invalid value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Records {
    /// Seconds since the FIT epoch (1989-12-31T00:00:00Z); compressed
    /// timestamps resolved against the last full one.
    pub timestamp: Vec<Option<i64>>,
    /// Distance from the start, m.
    pub distance_m: Vec<Option<f64>>,
    /// Speed, m/s (`enhanced_speed`, else `speed`).
    pub speed_mps: Vec<Option<f64>>,
    /// Altitude, m (`enhanced_altitude`, else `altitude`).
    pub altitude_m: Vec<Option<f64>>,
    /// Heart rate, bpm, as written (0 included).
    pub heart_rate: Vec<Option<f64>>,
    /// Cadence as written, per foot (strides) per minute.
    pub cadence: Vec<Option<f64>>,
    /// `fractional_cadence`, 1/128 of a stride per minute.
    pub fractional_cadence: Vec<Option<f64>>,
    /// Temperature, °C.
    pub temperature_c: Vec<Option<f64>>,
    /// Power, W.
    pub power_w: Vec<Option<f64>>,
    /// A pod's or app's developer power field ([`crate::fit::DEV_POWER_NAMES`]), W.
    pub dev_power_w: Vec<Option<f64>>,
    /// Step length, mm.
    pub step_length_mm: Vec<Option<f64>>,
    /// Ground contact time, ms.
    pub stance_time_ms: Vec<Option<f64>>,
    /// Left foot's share of ground contact time, %.
    pub stance_time_balance_pct: Vec<Option<f64>>,
    /// Vertical oscillation, mm.
    pub vertical_oscillation_mm: Vec<Option<f64>>,
    /// Vertical ratio, %.
    pub vertical_ratio_pct: Vec<Option<f64>>,
    /// Cycle length (`cycle_length16`, else `cycle_length`), m.
    pub cycle_length_m: Vec<Option<f64>>,
}

impl Records {
    /// Number of records.
    pub fn len(&self) -> usize {
        self.timestamp.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.timestamp.is_empty()
    }
}

/// Unsigned integer of `n` bytes (1, 2 or 4) at `at`.
fn uint(data: &[u8], at: usize, n: usize, big: bool) -> u32 {
    match (n, big) {
        (1, _) => u32::from(data[at]),
        (2, false) => u32::from(u16::from_le_bytes([data[at], data[at + 1]])),
        (2, true) => u32::from(u16::from_be_bytes([data[at], data[at + 1]])),
        (_, false) => u32::from_le_bytes([data[at], data[at + 1], data[at + 2], data[at + 3]]),
        (_, true) => u32::from_be_bytes([data[at], data[at + 1], data[at + 2], data[at + 3]]),
    }
}

/// Raw values of one record message.
#[derive(Default)]
struct Raw {
    distance: Option<u32>,
    speed: Option<u32>,
    enhanced_speed: Option<u32>,
    altitude: Option<u32>,
    enhanced_altitude: Option<u32>,
    heart_rate: Option<u32>,
    cadence: Option<u32>,
    fraction: Option<u32>,
    temperature: Option<i8>,
    power: Option<u32>,
    step_length: Option<u32>,
    stance_time: Option<u32>,
    stance_balance: Option<u32>,
    vertical_oscillation: Option<u32>,
    vertical_ratio: Option<u32>,
    cycle16: Option<u32>,
    cycle8: Option<u32>,
}

/// fitparser's `raw / scale - offset`.
fn scaled(raw: Option<u32>, scale: f64, offset: f64) -> Option<f64> {
    raw.map(|r| f64::from(r) / scale - offset)
}

impl Records {
    /// Append the record whose data (after the header byte) is `data`, laid
    /// out by `slots`; `timestamp` and a pod's `dev_power` are already read.
    pub fn push(
        &mut self,
        data: &[u8],
        slots: &[(usize, Slot)],
        big: bool,
        timestamp: Option<i64>,
        dev_power: Option<f64>,
    ) {
        let mut raw = Raw::default();
        for &(at, slot) in slots {
            // A field named twice keeps its last valid value, as fitparser's map does.
            let valid =
                |n: usize, invalid: u32| Some(uint(data, at, n, big)).filter(|&v| v != invalid);
            let (target, value) = match slot {
                Slot::Timestamp => continue,
                Slot::Distance => (&mut raw.distance, valid(4, u32::MAX)),
                Slot::Speed => (&mut raw.speed, valid(2, 0xFFFF)),
                Slot::EnhancedSpeed => (&mut raw.enhanced_speed, valid(4, u32::MAX)),
                Slot::Altitude => (&mut raw.altitude, valid(2, 0xFFFF)),
                Slot::EnhancedAltitude => (&mut raw.enhanced_altitude, valid(4, u32::MAX)),
                Slot::HeartRate => (&mut raw.heart_rate, valid(1, 0xFF)),
                Slot::Cadence => (&mut raw.cadence, valid(1, 0xFF)),
                Slot::FractionalCadence => (&mut raw.fraction, valid(1, 0xFF)),
                Slot::Power => (&mut raw.power, valid(2, 0xFFFF)),
                Slot::StepLength => (&mut raw.step_length, valid(2, 0xFFFF)),
                Slot::StanceTime => (&mut raw.stance_time, valid(2, 0xFFFF)),
                Slot::StanceBalance => (&mut raw.stance_balance, valid(2, 0xFFFF)),
                Slot::VerticalOscillation => (&mut raw.vertical_oscillation, valid(2, 0xFFFF)),
                Slot::VerticalRatio => (&mut raw.vertical_ratio, valid(2, 0xFFFF)),
                Slot::CycleLength16 => (&mut raw.cycle16, valid(2, 0xFFFF)),
                Slot::CycleLength => (&mut raw.cycle8, valid(1, 0xFF)),
                Slot::Temperature => {
                    let t = data[at] as i8;
                    if t != 0x7F {
                        raw.temperature = Some(t);
                    }
                    continue;
                }
            };
            if value.is_some() {
                *target = value;
            }
        }
        self.timestamp.push(timestamp);
        self.distance_m.push(scaled(raw.distance, 100.0, 0.0));
        let speed = raw.enhanced_speed.or(raw.speed);
        self.speed_mps.push(scaled(speed, 1000.0, 0.0));
        let altitude = raw.enhanced_altitude.or(raw.altitude);
        self.altitude_m.push(scaled(altitude, 5.0, 500.0));
        self.heart_rate.push(raw.heart_rate.map(f64::from));
        self.cadence.push(raw.cadence.map(f64::from));
        self.fractional_cadence
            .push(scaled(raw.fraction, 128.0, 0.0));
        self.temperature_c.push(raw.temperature.map(f64::from));
        self.power_w.push(raw.power.map(f64::from));
        self.dev_power_w.push(dev_power);
        self.step_length_mm.push(scaled(raw.step_length, 10.0, 0.0));
        self.stance_time_ms.push(scaled(raw.stance_time, 10.0, 0.0));
        self.stance_time_balance_pct
            .push(scaled(raw.stance_balance, 100.0, 0.0));
        self.vertical_oscillation_mm
            .push(scaled(raw.vertical_oscillation, 10.0, 0.0));
        self.vertical_ratio_pct
            .push(scaled(raw.vertical_ratio, 100.0, 0.0));
        let cycle = scaled(raw.cycle16, 100.0, 0.0).or(scaled(raw.cycle8, 100.0, 0.0));
        self.cycle_length_m.push(cycle);
    }
}
