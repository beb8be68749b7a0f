//! Definition messages as the fast path keeps them: where each field it
//! reads sits in a data message, checked against the base type that
//! fitparser would decode it with.

use super::Decline;

/// Size in bytes of a base type as fitparser reads it (its code with the
/// endian bit, masked by 0x9F). An unknown code is read byte by byte.
pub fn base_size(code: u8) -> usize {
    match code & 0x9F {
        0x83 | 0x84 | 0x8B => 2,
        0x85 | 0x86 | 0x88 | 0x8C => 4,
        0x89 | 0x8E | 0x8F | 0x90 => 8,
        _ => 1,
    }
}

/// Whether fitparser knows the base type `code` by name (a developer field
/// of any other type stops it).
pub fn named_base(code: u8) -> bool {
    matches!(
        code,
        0x00 | 0x01
            | 0x02
            | 0x07
            | 0x0A
            | 0x0D
            | 0x83
            | 0x84
            | 0x85
            | 0x86
            | 0x88
            | 0x89
            | 0x8B
            | 0x8C
            | 0x8E
            | 0x8F
            | 0x90
    )
}

/// `uint8`, `sint8`, `uint16` and `uint32` as they appear in a field definition.
pub const UINT8: u8 = 0x02;
/// `sint8`.
pub const SINT8: u8 = 0x01;
/// `uint16`.
pub const UINT16: u8 = 0x84;
/// `uint32`.
pub const UINT32: u8 = 0x86;

/// A `record` field the fast path reads (FIT profile numbers).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// 253 `timestamp`, s since the FIT epoch.
    Timestamp,
    /// 5 `distance`, 1/100 m.
    Distance,
    /// 6 `speed`, mm/s (16 bits).
    Speed,
    /// 73 `enhanced_speed`, mm/s (32 bits).
    EnhancedSpeed,
    /// 2 `altitude`, 1/5 m + 500 (16 bits).
    Altitude,
    /// 78 `enhanced_altitude`, 1/5 m + 500 (32 bits).
    EnhancedAltitude,
    /// 3 `heart_rate`, bpm.
    HeartRate,
    /// 4 `cadence`, per foot.
    Cadence,
    /// 53 `fractional_cadence`, 1/128.
    FractionalCadence,
    /// 13 `temperature`, °C.
    Temperature,
    /// 7 `power`, W.
    Power,
    /// 85 `step_length`, 1/10 mm.
    StepLength,
    /// 41 `stance_time`, 1/10 ms.
    StanceTime,
    /// 84 `stance_time_balance`, 1/100 %.
    StanceBalance,
    /// 39 `vertical_oscillation`, 1/10 mm.
    VerticalOscillation,
    /// 83 `vertical_ratio`, 1/100 %.
    VerticalRatio,
    /// 87 `cycle_length16`, cm.
    CycleLength16,
    /// 12 `cycle_length`, cm (8 bits).
    CycleLength,
}

impl Slot {
    /// The slot of `record` field `number`, with the base type the profile gives it.
    fn of(number: u8) -> Option<(Slot, u8)> {
        Some(match number {
            253 => (Slot::Timestamp, UINT32),
            5 => (Slot::Distance, UINT32),
            6 => (Slot::Speed, UINT16),
            73 => (Slot::EnhancedSpeed, UINT32),
            2 => (Slot::Altitude, UINT16),
            78 => (Slot::EnhancedAltitude, UINT32),
            3 => (Slot::HeartRate, UINT8),
            4 => (Slot::Cadence, UINT8),
            53 => (Slot::FractionalCadence, UINT8),
            13 => (Slot::Temperature, SINT8),
            7 => (Slot::Power, UINT16),
            85 => (Slot::StepLength, UINT16),
            41 => (Slot::StanceTime, UINT16),
            84 => (Slot::StanceBalance, UINT16),
            39 => (Slot::VerticalOscillation, UINT16),
            83 => (Slot::VerticalRatio, UINT16),
            87 => (Slot::CycleLength16, UINT16),
            12 => (Slot::CycleLength, UINT8),
            _ => return None,
        })
    }
}

/// What the fast path does with the data messages of a definition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Use {
    /// `record`: its fields go into columns.
    Record,
    /// `field_description`: learnt (developer fields), and kept.
    Description,
    /// A message the caller wants: copied for fitparser.
    Keep,
    /// Anything else: passed over.
    Skip,
}

/// A developer field of a definition.
#[derive(Clone, Copy, Debug)]
pub struct Dev {
    /// Developer data index.
    pub index: u8,
    /// Field number.
    pub number: u8,
    /// Size, bytes.
    pub size: usize,
    /// Offset in the data message (after the header byte).
    pub at: usize,
}

/// One definition message.
#[derive(Clone, Debug)]
pub struct Def {
    /// Big-endian data.
    pub big: bool,
    /// Bytes of a data message after its header byte.
    pub size: usize,
    /// Offset of a valid-typed `timestamp` (253) field, which sets the base
    /// of compressed timestamps whatever the message.
    pub timestamp_at: Option<usize>,
    /// The fields read from a record: offset and slot, in wire order.
    pub slots: Vec<(usize, Slot)>,
    /// Developer fields: (data index, field number, size).
    pub dev: Vec<Dev>,
    /// File offsets of the base-type bytes of
    /// fields whose size does not fit their type: read as bytes, as the slow
    /// path reads them, and marked so in the copy for fitparser.
    pub misaligned: Vec<usize>,
    /// Fields 0, 1 and 2 of a `field_description` where present as
    /// `uint8`, 6 (`scale`, `uint8`) and 7 (`offset`, `sint8`), in that order.
    pub description_at: [Option<usize>; 5],
    /// Its field 3 (`field_name`, a string): offset and size.
    pub name_at: Option<(usize, usize)>,
    /// What its data messages are for.
    pub usage: Use,
}

/// Parse the definition whose content starts at `p` (after the header
/// byte) and ends by `end`. Returns it and the position after it.
pub fn definition(
    bytes: &[u8],
    p: usize,
    end: usize,
    with_dev: bool,
    keep: &[u16],
) -> Result<(Def, usize), Decline> {
    let cut = || Decline::new(p, "a definition runs past the end of the data");
    let head = bytes
        .get(p..p + 5)
        .filter(|_| p + 5 <= end)
        .ok_or_else(cut)?;
    let big = head[1] == 1;
    let global = match big {
        true => u16::from_be_bytes([head[2], head[3]]),
        false => u16::from_le_bytes([head[2], head[3]]),
    };
    let n = usize::from(head[4]);
    let mut q = p + 5;
    let fields = bytes
        .get(q..q + 3 * n)
        .filter(|_| q + 3 * n <= end)
        .ok_or_else(cut)?;
    q += 3 * n;
    let usage = match global {
        crate::fit::mesg::RECORD => Use::Record,
        crate::fit::mesg::FIELD_DESCRIPTION => Use::Description,
        g if keep.contains(&g) || g == crate::fit::mesg::DEVELOPER_DATA_ID => Use::Keep,
        _ => Use::Skip,
    };
    let mut def = Def {
        big,
        size: 0,
        timestamp_at: None,
        slots: Vec::new(),
        dev: Vec::new(),
        misaligned: Vec::new(),
        description_at: [None; 5],
        name_at: None,
        usage,
    };
    for (k, f) in fields.chunks_exact(3).enumerate() {
        let (number, size, code) = (f[0], usize::from(f[1]), f[2]);
        let slot = Slot::of(number).filter(|_| def.usage == Use::Record);
        if crate::fit::scan::misaligned(f[1], code) {
            if number == 253 || slot.is_some() {
                return Err(Decline::new(
                    p,
                    format!("field {number}'s size does not fit its type"),
                ));
            }
            def.misaligned.push(p + 5 + 3 * k + 2);
        }
        let typed = |want: u8| code == want && size == base_size(want);
        if number == 253 {
            if !typed(UINT32) {
                return Err(Decline::new(p, "a timestamp field that is not uint32"));
            }
            def.timestamp_at = Some(def.size);
        }
        if let Some((slot, want)) = slot {
            let array = code == want && size > base_size(want);
            match slot {
                _ if typed(want) => def.slots.push((def.size, slot)),
                // fitparser reads an array as no number, except that it expands
                // the first 16 bits of these into the enhanced field.
                Slot::Speed | Slot::Altitude | Slot::Timestamp => {
                    return Err(Decline::new(
                        p,
                        format!("record field {number} of an unexpected type"),
                    ));
                }
                _ if array => {}
                _ => {
                    return Err(Decline::new(
                        p,
                        format!("record field {number} of an unexpected type"),
                    ));
                }
            }
        }
        if number == 8 && def.usage == Use::Record {
            // Speed and an accumulated distance packed in 3 bytes (old devices).
            return Err(Decline::new(
                p,
                "compressed speed and distance (record field 8)",
            ));
        }
        // field_description: data index and field number must be uint8 for
        // fitparser; the base type id may be written as uint8 or enum.
        let described = match number {
            0 | 1 | 6 => typed(UINT8),
            2 => typed(UINT8) || (code == 0x00 && size == 1),
            7 => typed(SINT8),
            _ => false,
        };
        if def.usage == Use::Description && described {
            let k = [0, 1, 2, 6, 7]
                .iter()
                .position(|&n| n == number)
                .unwrap_or(0);
            def.description_at[k] = Some(def.size);
        }
        if def.usage == Use::Description && number == 3 && code == 0x07 {
            def.name_at = Some((def.size, size));
        }
        def.size += size;
    }
    if with_dev {
        let m = usize::from(*bytes.get(q).filter(|_| q < end).ok_or_else(cut)?);
        q += 1;
        let devs = bytes
            .get(q..q + 3 * m)
            .filter(|_| q + 3 * m <= end)
            .ok_or_else(cut)?;
        q += 3 * m;
        for f in devs.chunks_exact(3) {
            def.dev.push(Dev {
                index: f[2],
                number: f[0],
                size: usize::from(f[1]),
                at: def.size,
            });
            def.size += usize::from(f[1]);
        }
    }
    Ok((def, q))
}
