//! The FIT protocol, shared by the reader (`ingest::fit`, which decodes with
//! fitparser) and the simulator (which writes FIT files as watches do): the
//! epoch, the message numbers runlift reads or writes, the CRC, the framing
//! walk ([`scan`]) and a small encoder ([`mod@write`]).

pub mod scan;
pub mod write;

/// Seconds from the Unix epoch to the FIT epoch (1989-12-31T00:00:00Z).
pub const FIT_EPOCH_OFFSET: i64 = 631_065_600;

/// Global message numbers from the FIT profile (and one of Garmin's own).
pub mod mesg {
    /// `file_id`.
    pub const FILE_ID: u16 = 0;
    /// `user_profile`: resting and maximum heart rate settings.
    pub const USER_PROFILE: u16 = 3;
    /// `zones_target`: maximum heart rate for zones.
    pub const ZONES_TARGET: u16 = 7;
    /// `session`.
    pub const SESSION: u16 = 18;
    /// `lap`.
    pub const LAP: u16 = 19;
    /// `record`.
    pub const RECORD: u16 = 20;
    /// `event` (timer start and stop).
    pub const EVENT: u16 = 21;
    /// `device_info`.
    pub const DEVICE_INFO: u16 = 23;
    /// `activity`.
    pub const ACTIVITY: u16 = 34;
    /// Garmin's undocumented user metrics; field 6 is the maximum heart rate.
    pub const GARMIN_USER_METRICS: u16 = 79;
    /// `set` (strength training).
    pub const SET: u16 = 225;
}

/// The FIT CRC-16 (the protocol's nibble-table form of CRC-16/ARC).
pub fn crc16(mut crc: u16, bytes: &[u8]) -> u16 {
    const TABLE: [u16; 16] = [
        0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401, 0xA001, 0x6C00, 0x7800,
        0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
    ];
    for &byte in bytes {
        for nibble in [byte & 0x0F, byte >> 4] {
            let tmp = TABLE[usize::from(crc & 0x0F)];
            crc = (crc >> 4) & 0x0FFF;
            crc = crc ^ tmp ^ TABLE[usize::from(nibble)];
        }
    }
    crc
}
