//! A fast path for FIT files: one pass over the bytes, the `record` fields
//! runlift stores read straight into columns ([`Records`]), with the values
//! fitparser gives. fitparser builds a boxed, named value for every field of
//! every message; records are nearly all of a file, and runlift keeps a few
//! of their fields.
//!
//! Every other message the caller asks for is copied, with all the
//! definitions, into a small FIT file of its own ([`Fast::rest`]) for
//! fitparser to decode as before (sessions, devices, sets, profiles).
//!
//! The path reads both architectures, local types redefined mid-file,
//! compressed timestamp headers, developer fields (passed over, but their
//! descriptions checked as fitparser checks them) and chained files. A file
//! it cannot read exactly as fitparser would (a CRC that does not match, a
//! file cut short, a record field of another type than the profile's, a
//! compressed timestamp on a message that fitparser would then date from
//! other messages) is declined with the reason and byte offset; the caller
//! decodes it with fitparser, which also salvages damaged files.

mod layout;
mod records;

pub use records::Records;

use super::crc16;
use layout::{Def, Use, base_size, named_base};

/// What the fast path read from a file.
#[derive(Debug, Default)]
pub struct Fast {
    /// Every `record` message, in file order.
    pub records: Records,
    /// A FIT file of the definitions and the other messages asked for, one
    /// segment per segment of the original.
    pub rest: Vec<u8>,
    /// File offsets of the base-type bytes of field definitions whose size
    /// does not fit their type (outside the records' fields): marked as
    /// bytes in [`Fast::rest`], as [`super::scan::patched`] does.
    pub misaligned: Vec<usize>,
}

/// Why the fast path did not read a file, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decline {
    /// Byte offset in the file.
    pub at: usize,
    /// What it met there.
    pub why: String,
}

impl Decline {
    fn new(at: usize, why: impl Into<String>) -> Self {
        Decline {
            at,
            why: why.into(),
        }
    }
}

impl std::fmt::Display for Decline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} at byte {}", self.why, self.at)
    }
}

/// Read the records of `bytes`, and copy the messages numbered in `keep`
/// (plus developer data ids and field descriptions) into [`Fast::rest`].
pub fn decode(bytes: &[u8], keep: &[u16]) -> Result<Fast, Decline> {
    let mut out = Fast::default();
    let mut pos = 0;
    while pos < bytes.len() {
        let (header, end) = segment(bytes, pos)?;
        let start = out.rest.len();
        // A 12-byte header with its data size filled in when the segment is done.
        out.rest.extend_from_slice(&bytes[pos..pos + 12]);
        out.rest[start] = 12;
        Walk::new(keep).run(bytes, pos + header, end, &mut out)?;
        let size = (out.rest.len() - start - 12) as u32;
        out.rest[start + 4..start + 8].copy_from_slice(&size.to_le_bytes());
        let crc = crc16(0, &out.rest[start..]);
        out.rest.extend_from_slice(&crc.to_le_bytes());
        pos = end + 2;
    }
    if out.rest.is_empty() {
        return Err(Decline::new(0, "no FIT header"));
    }
    Ok(out)
}

/// Check the segment whose header starts at `pos`: its size, header CRC and
/// data CRC. Returns the header's size and where its data end (the CRC follows).
fn segment(bytes: &[u8], pos: usize) -> Result<(usize, usize), Decline> {
    let Some(head) = bytes.get(pos..pos + 12).filter(|h| &h[8..12] == b".FIT") else {
        let what = if pos == 0 {
            "no FIT header"
        } else {
            "bytes after the last FIT segment"
        };
        return Err(Decline::new(pos, what));
    };
    let header = usize::from(head[0]);
    if header != 12 && header != 14 {
        return Err(Decline::new(pos, format!("a FIT header of {header} bytes")));
    }
    let size = u32::from_le_bytes([head[4], head[5], head[6], head[7]]) as usize;
    let end = pos + header + size;
    if end + 2 > bytes.len() {
        return Err(Decline::new(
            pos,
            "the file is shorter than its header says",
        ));
    }
    if header == 14 {
        let stored = u16::from_le_bytes([bytes[pos + 12], bytes[pos + 13]]);
        if stored != 0 && stored != crc16(0, head) {
            return Err(Decline::new(pos, "the header CRC does not match"));
        }
    }
    // Over the header too: a header ending in its own CRC leaves 0, as if skipped.
    let stored = u16::from_le_bytes([bytes[end], bytes[end + 1]]);
    if crc16(0, &bytes[pos..end]) != stored {
        return Err(Decline::new(end, "the data CRC does not match"));
    }
    Ok((header, end))
}

/// The state of one segment's walk, as fitparser keeps it (reset between
/// chained segments).
struct Walk<'k> {
    keep: &'k [u16],
    defs: [Option<Def>; 16],
    /// The last full timestamp, the base of compressed ones.
    base: i64,
    /// Developer fields described so far.
    described: Vec<Described>,
}

impl<'k> Walk<'k> {
    fn new(keep: &'k [u16]) -> Self {
        Walk {
            keep,
            defs: Default::default(),
            base: 0,
            described: Vec::new(),
        }
    }

    fn run(
        &mut self,
        bytes: &[u8],
        mut p: usize,
        end: usize,
        out: &mut Fast,
    ) -> Result<(), Decline> {
        while p < end {
            let at = p;
            let h = bytes[p];
            p += 1;
            if h & 0xC0 == 0x40 {
                let (def, next) = layout::definition(bytes, p, end, h & 0x20 != 0, self.keep)?;
                let copy = out.rest.len();
                out.rest.extend_from_slice(&bytes[at..next]);
                for &m in &def.misaligned {
                    out.rest[copy + m - at] = super::scan::BYTE;
                    out.misaligned.push(m);
                }
                self.defs[usize::from(h & 0x0F)] = Some(def);
                p = next;
                continue;
            }
            let (local, offset) = match h & 0x80 {
                0 => (h & 0x0F, None),
                _ => ((h >> 5) & 0x03, Some(i64::from(h & 0x1F))),
            };
            let Some(def) = &self.defs[usize::from(local)] else {
                return Err(Decline::new(at, "a data message before its definition"));
            };
            let Some(data) = bytes.get(p..p + def.size).filter(|_| p + def.size <= end) else {
                return Err(Decline::new(
                    at,
                    "a data message runs past the end of the data",
                ));
            };
            p += def.size;
            check_dev(&self.described, def, at)?;
            if let Some(t) = def.timestamp_at {
                let raw = u32_at(data, t, def.big);
                if raw != u32::MAX {
                    self.base = i64::from(raw);
                }
            }
            let timestamp = match offset {
                Some(o) => Some(advance(&mut self.base, o)),
                None => def
                    .timestamp_at
                    .map(|t| u32_at(data, t, def.big))
                    .filter(|&r| r != u32::MAX)
                    .map(i64::from),
            };
            match def.usage {
                Use::Record => {
                    let power = match def.dev.is_empty() {
                        true => None,
                        false => dev_power(&self.described, def, data, at)?,
                    };
                    out.records
                        .push(data, &def.slots, def.big, timestamp, power);
                }
                Use::Skip => {}
                Use::Keep | Use::Description if offset.is_some() => {
                    // Its time would come from records that the copy leaves out.
                    return Err(Decline::new(
                        at,
                        "a compressed timestamp on a message other than a record",
                    ));
                }
                Use::Description => {
                    let described = description(data, def).ok_or_else(|| {
                        Decline::new(at, "a developer field description fitparser cannot read")
                    })?;
                    self.described.push(described);
                    out.rest.extend_from_slice(&bytes[at..p]);
                }
                Use::Keep => out.rest.extend_from_slice(&bytes[at..p]),
            }
        }
        Ok(())
    }
}

/// A developer field's description, as far as the fast path needs it.
#[derive(Clone, Copy, Debug)]
struct Described {
    index: u8,
    number: u8,
    base: u8,
    /// Named as a pod's power ([`super::DEV_POWER_NAMES`]), which the reader keeps.
    power: bool,
    /// The description's scale and offset (1 and 0 where it states none).
    scale: f64,
    offset: f64,
}

/// fitparser's compressed timestamp: the 5-bit offset within the base's
/// 32-second window, rolling over to the next window.
fn advance(base: &mut i64, offset: i64) -> i64 {
    let mut t = offset + (*base & !31);
    if offset < (*base & 31) {
        t += 32;
    }
    *base = t;
    t
}

/// Developer fields must be described before use, with a size that fits
/// their type, or fitparser stops.
fn check_dev(described: &[Described], def: &Def, at: usize) -> Result<(), Decline> {
    for dev in &def.dev {
        let known =
            (described.iter().rev()).find(|d| d.index == dev.index && d.number == dev.number);
        match known {
            Some(d) if dev.size % base_size(d.base) == 0 => {}
            Some(_) => {
                let why = "a developer field's size does not fit its type";
                return Err(Decline::new(at, why));
            }
            None => return Err(Decline::new(at, "a developer field without a description")),
        }
    }
    Ok(())
}

/// The value of a record's developer power field, as fitparser reads it
/// (`raw / scale - offset`, invalid values missing).
fn dev_power(
    described: &[Described],
    def: &Def,
    data: &[u8],
    at: usize,
) -> Result<Option<f64>, Decline> {
    let mut found = None;
    for dev in &def.dev {
        let Some(d) =
            (described.iter().rev()).find(|d| d.index == dev.index && d.number == dev.number)
        else {
            continue;
        };
        if !d.power {
            continue;
        }
        if found.is_some() {
            return Err(Decline::new(at, "two developer power fields in a record"));
        }
        let b = &data[dev.at..dev.at + dev.size];
        let raw = match (d.base, dev.size) {
            (0x02, 1) => Some(f64::from(b[0])).filter(|&v| v != 255.0),
            (0x84 | 0x83, 2) => {
                let u = if def.big {
                    u16::from_be_bytes([b[0], b[1]])
                } else {
                    u16::from_le_bytes([b[0], b[1]])
                };
                match d.base {
                    0x84 => (u != u16::MAX).then(|| f64::from(u)),
                    _ => (u != 0x7FFF).then(|| f64::from(u as i16)),
                }
            }
            (0x86 | 0x85 | 0x88, 4) => {
                let u = u32_at(b, 0, def.big);
                match d.base {
                    0x86 => (u != u32::MAX).then(|| f64::from(u)),
                    0x85 => (u != 0x7FFF_FFFF).then(|| f64::from(u as i32)),
                    _ => Some(f64::from(f32::from_bits(u))).filter(|v| v.is_finite()),
                }
            }
            _ => {
                return Err(Decline::new(
                    at,
                    "a developer power field of an unexpected type",
                ));
            }
        };
        found = Some(raw.map(|v| v / d.scale - d.offset));
    }
    Ok(found.flatten())
}

fn u32_at(data: &[u8], at: usize, big: bool) -> u32 {
    let b = [data[at], data[at + 1], data[at + 2], data[at + 3]];
    if big {
        u32::from_be_bytes(b)
    } else {
        u32::from_le_bytes(b)
    }
}

/// What a `field_description` says of its field, as fitparser reads it.
fn description(data: &[u8], def: &Def) -> Option<Described> {
    let [Some(i), Some(n), Some(t), scale_at, offset_at] = def.description_at else {
        return None;
    };
    let (index, number, base) = (data[i], data[n], data[t]);
    // Invalid values read as absent, and absent as fitparser's defaults.
    let scale = scale_at
        .map(|at| data[at])
        .filter(|&v| v != 0xFF)
        .unwrap_or(1);
    let offset = offset_at
        .map(|at| data[at] as i8)
        .filter(|&v| v != 0x7F)
        .unwrap_or(0);
    let name = def.name_at.map(|(at, size)| {
        let raw = &data[at..at + size];
        let end = raw.iter().position(|&b| b == 0).unwrap_or(size);
        std::str::from_utf8(&raw[..end]).is_ok_and(super::is_power_name)
    });
    let described = Described {
        index,
        number,
        base,
        power: name.unwrap_or(false),
        scale: f64::from(scale),
        offset: f64::from(offset),
    };
    (index != 0xFF && number != 0xFF && named_base(base)).then_some(described)
}

#[cfg(test)]
mod tests;
