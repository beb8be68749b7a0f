//! Display units and paces: what a person reads, while JSON and CSV stay SI.

use crate::error::{Error, Result};

/// Units for what a person reads (charts, report text); JSON and CSV stay SI.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Units {
    /// min/km, km, kg.
    #[default]
    Metric,
    /// min/mile, miles, lb.
    Imperial,
}

const M_PER_MILE: f64 = 1609.344;
const KG_PER_LB: f64 = 0.453_592_37;

impl Units {
    /// Pace suffix: `/km` or `/mi`.
    pub fn pace_unit(self) -> &'static str {
        match self {
            Units::Metric => "/km",
            Units::Imperial => "/mi",
        }
    }

    /// Seconds per km as seconds per display distance unit.
    pub fn pace_s(self, s_per_km: f64) -> f64 {
        match self {
            Units::Metric => s_per_km,
            Units::Imperial => s_per_km * M_PER_MILE / 1000.0,
        }
    }

    /// Kilometres in the display distance unit.
    pub fn distance(self, km: f64) -> f64 {
        match self {
            Units::Metric => km,
            Units::Imperial => km * 1000.0 / M_PER_MILE,
        }
    }

    /// Distance unit name.
    pub fn distance_unit(self) -> &'static str {
        match self {
            Units::Metric => "km",
            Units::Imperial => "mi",
        }
    }

    /// Kilograms in the display mass unit.
    pub fn mass(self, kg: f64) -> f64 {
        match self {
            Units::Metric => kg,
            Units::Imperial => kg / KG_PER_LB,
        }
    }

    /// Mass unit name.
    pub fn mass_unit(self) -> &'static str {
        match self {
            Units::Metric => "kg",
            Units::Imperial => "lb",
        }
    }
}

/// Parse a pace `M:SS` (per km) into seconds per km.
pub fn parse_pace(s: &str) -> Result<f64> {
    let bad = || Error::Config(format!("'{s}' is not a pace MM:SS per km"));
    let (m, sec) = s.trim().split_once(':').ok_or_else(bad)?;
    let m: u32 = m.parse().map_err(|_| bad())?;
    let sec: u32 = sec.parse().map_err(|_| bad())?;
    if sec >= 60 || m * 60 + sec < 120 || m > 30 {
        return Err(bad());
    }
    Ok(f64::from(m * 60 + sec))
}

/// Format seconds per km as `M:SS`.
pub fn format_pace(s_per_km: f64) -> String {
    let s = s_per_km.round() as i64;
    format!("{}:{:02}", s / 60, s % 60)
}
