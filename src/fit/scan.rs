//! A light walk over a FIT file's message framing, without decoding values.
//!
//! fitparser prints an `ERROR:` line to stderr for every field definition
//! whose size is not a multiple of its base type's size (a maker's bug seen
//! in real files), and reads such fields as bytes anyway. runlift finds
//! those definitions first and marks them as byte fields in a copy of the
//! file, so the decoder has nothing to print and the ingest log names the
//! byte offsets instead of the terminal being flooded.

use super::crc16;

/// Size in bytes of each FIT base type, by its number (low 5 bits).
const BASE_SIZES: [usize; 17] = [1, 1, 1, 2, 2, 4, 4, 1, 4, 8, 1, 2, 4, 1, 8, 8, 8];
/// The `byte` base type.
pub const BYTE: u8 = 0x0D;

/// Whether a field of `size` bytes and base type `code` is misaligned: its
/// size not a multiple of the type's (unknown types count as bytes).
pub fn misaligned(size: u8, code: u8) -> bool {
    let base = BASE_SIZES
        .get(usize::from(code & 0x1F))
        .copied()
        .unwrap_or(1);
    usize::from(size) % base != 0
}

/// What the walk found.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Scan {
    /// Byte offsets of base-type bytes of field definitions whose size does not fit the type.
    pub misaligned: Vec<usize>,
    /// (start, end of data) of each chained FIT segment; the CRC follows the end.
    segments: Vec<(usize, usize)>,
    /// The last segment is cut short.
    truncated: bool,
}

impl Scan {
    /// Every segment's data CRC matches (false for a file cut short). Only
    /// computed when needed: the CRC costs more than the walk.
    pub fn crc_ok(&self, bytes: &[u8]) -> bool {
        !self.truncated
            && (self.segments.iter()).all(|&(start, end)| {
                let stored = u16::from_le_bytes([bytes[end], bytes[end + 1]]);
                crc16(0, &bytes[start..end]) == stored
            })
    }
}

/// Walk the messages of every chained FIT segment in `bytes`.
pub fn scan(bytes: &[u8]) -> Scan {
    let mut out = Scan::default();
    let mut pos = 0;
    while pos + 12 <= bytes.len() {
        let header = usize::from(bytes[pos]);
        if !(header == 12 || header == 14) || &bytes[pos + 8..pos + 12] != b".FIT" {
            break;
        }
        let size = u32::from_le_bytes([
            bytes[pos + 4],
            bytes[pos + 5],
            bytes[pos + 6],
            bytes[pos + 7],
        ]);
        let end = pos + header + size as usize;
        if end + 2 > bytes.len() {
            out.truncated = true;
            walk(bytes, pos + header, &mut out);
            break;
        }
        walk(&bytes[..end], pos + header, &mut out);
        out.segments.push((pos, end));
        pos = end + 2;
    }
    out
}

/// Walk the records of one segment (`bytes` ends where its data end).
fn walk(bytes: &[u8], mut p: usize, out: &mut Scan) {
    let mut sizes: [Option<usize>; 16] = [None; 16];
    while p < bytes.len() {
        let h = bytes[p];
        p += 1;
        if h & 0x80 != 0 {
            // Compressed-timestamp data message, local type in bits 5–6.
            let Some(size) = sizes[usize::from((h >> 5) & 0x03)] else {
                return;
            };
            p += size;
        } else if h & 0x40 != 0 {
            let Some(&n) = bytes.get(p + 4) else { return };
            p += 5;
            let mut size = 0;
            for _ in 0..n {
                let Some(f) = bytes.get(p..p + 3) else { return };
                if misaligned(f[1], f[2]) {
                    out.misaligned.push(p + 2);
                }
                size += usize::from(f[1]);
                p += 3;
            }
            if h & 0x20 != 0 {
                let Some(&dev) = bytes.get(p) else { return };
                p += 1;
                for _ in 0..dev {
                    let Some(f) = bytes.get(p..p + 3) else { return };
                    size += usize::from(f[1]);
                    p += 3;
                }
            }
            sizes[usize::from(h & 0x0F)] = Some(size);
        } else {
            let Some(size) = sizes[usize::from(h & 0x0F)] else {
                return;
            };
            p += size;
        }
    }
}

/// A copy of `bytes` with the misaligned field definitions of `scan` marked as byte fields.
pub fn patched(bytes: &[u8], scan: &Scan) -> Vec<u8> {
    let mut copy = bytes.to_vec();
    for &at in &scan.misaligned {
        copy[at] = BYTE;
    }
    copy
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fit::write::{BaseType, FitWriter, MessageDef};

    #[test]
    fn finds_misaligned_definitions_and_checks_the_crc() {
        const REC: MessageDef = MessageDef {
            global: crate::fit::mesg::RECORD,
            local: 0,
            fields: &[(253, BaseType::UInt32), (3, BaseType::UInt8)],
        };
        let mut w = FitWriter::new();
        w.write(&REC, &[Some(1_000_000_000), Some(150)]);
        w.write(&REC, &[Some(1_000_000_001), Some(151)]);
        let good = w.finish();
        assert!(scan(&good).misaligned.is_empty());
        assert!(scan(&good).crc_ok(&good));
        // Declare the uint32 timestamp (field 253) as 3 bytes: misaligned.
        let mut bad = good.clone();
        let header = usize::from(bad[0]);
        let at = header + 1 + 5; // first field definition of the first message
        assert_eq!(bad[at], 253);
        bad[at + 1] = 3;
        let s = scan(&bad);
        assert_eq!(s.misaligned, vec![at + 2]);
        assert!(!s.crc_ok(&bad));
        assert_eq!(patched(&bad, &s)[at + 2], BYTE);
        let mut cut = good.clone();
        cut.truncate(good.len() - 5);
        assert!(!scan(&cut).crc_ok(&cut));
    }
}
