//! A small FIT encoder: enough of the FIT protocol to write activity files
//! the way a watch does (fitparser can only read).
//!
//! A file is a 14-byte header (with its own CRC), then definition and data
//! messages, then a CRC-16 over everything before it. Each message type gets a
//! fixed local message number and is defined once, before its first data
//! message. Values are raw integers as stored on the wire (already scaled and
//! offset by the caller); `None` writes the base type's invalid sentinel.

/// FIT base types used by the messages runlift writes.
#[derive(Clone, Copy, Debug)]
pub enum BaseType {
    /// 8-bit enum (invalid 0xFF).
    Enum,
    /// Signed 8-bit integer.
    SInt8,
    /// Unsigned 8-bit integer.
    UInt8,
    /// Unsigned 16-bit integer.
    UInt16,
    /// Signed 32-bit integer.
    SInt32,
    /// Unsigned 32-bit integer.
    UInt32,
    /// Unsigned 32-bit integer whose invalid value is 0.
    UInt32z,
}

impl BaseType {
    fn code(self) -> u8 {
        match self {
            BaseType::Enum => 0x00,
            BaseType::SInt8 => 0x01,
            BaseType::UInt8 => 0x02,
            BaseType::UInt16 => 0x84,
            BaseType::SInt32 => 0x85,
            BaseType::UInt32 => 0x86,
            BaseType::UInt32z => 0x8C,
        }
    }

    fn size(self) -> u8 {
        match self {
            BaseType::Enum | BaseType::SInt8 | BaseType::UInt8 => 1,
            BaseType::UInt16 => 2,
            BaseType::SInt32 | BaseType::UInt32 | BaseType::UInt32z => 4,
        }
    }

    fn invalid(self) -> i64 {
        match self {
            BaseType::Enum | BaseType::UInt8 => 0xFF,
            BaseType::SInt8 => 0x7F,
            BaseType::UInt16 => 0xFFFF,
            BaseType::SInt32 => 0x7FFF_FFFF,
            BaseType::UInt32 => 0xFFFF_FFFF,
            BaseType::UInt32z => 0,
        }
    }
}

/// A message type: its global number and its fields (number, base type).
pub struct MessageDef {
    /// Global message number from the FIT profile.
    pub global: u16,
    /// Local message number used for it in the file (0–15).
    pub local: u8,
    /// Field definition numbers and base types, in wire order.
    pub fields: &'static [(u8, BaseType)],
}

/// Accumulates one FIT file in memory.
pub struct FitWriter {
    data: Vec<u8>,
    defined: [bool; 16],
}

pub use super::FIT_EPOCH_OFFSET;

impl Default for FitWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl FitWriter {
    /// An empty file.
    pub fn new() -> Self {
        FitWriter {
            data: Vec::with_capacity(1 << 16),
            defined: [false; 16],
        }
    }

    /// Append one data message, defining its type first if needed.
    ///
    /// `values` must have one entry per field of `def`.
    pub fn write(&mut self, def: &MessageDef, values: &[Option<i64>]) {
        debug_assert_eq!(def.fields.len(), values.len());
        let local = usize::from(def.local & 0x0F);
        if !self.defined[local] {
            self.data.push(0x40 | def.local);
            self.data.extend_from_slice(&[0, 0]); // reserved, little-endian
            self.data.extend_from_slice(&def.global.to_le_bytes());
            self.data.push(def.fields.len() as u8);
            for &(num, ty) in def.fields {
                self.data.extend_from_slice(&[num, ty.size(), ty.code()]);
            }
            self.defined[local] = true;
        }
        self.data.push(def.local);
        for (&(_, ty), value) in def.fields.iter().zip(values) {
            let raw = value.unwrap_or_else(|| ty.invalid());
            let bytes = raw.to_le_bytes();
            self.data
                .extend_from_slice(&bytes[..usize::from(ty.size())]);
        }
    }

    /// The finished file: header, messages and trailing CRC.
    pub fn finish(self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.data.len() + 16);
        out.push(14); // header size
        out.push(0x20); // protocol version 2.0
        out.extend_from_slice(&2132u16.to_le_bytes()); // profile version 21.32
        out.extend_from_slice(&(self.data.len() as u32).to_le_bytes());
        out.extend_from_slice(b".FIT");
        let header_crc = crc16(0, &out);
        out.extend_from_slice(&header_crc.to_le_bytes());
        out.extend_from_slice(&self.data);
        let crc = crc16(0, &out);
        out.extend_from_slice(&crc.to_le_bytes());
        out
    }
}

pub use super::crc16;

/// Degrees to FIT semicircles.
pub fn semicircles(degrees: f64) -> i64 {
    (degrees * (2f64.powi(31) / 180.0)).round() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_matches_crc16_arc_check_value() {
        // The standard check value of CRC-16/ARC for "123456789".
        assert_eq!(crc16(0, b"123456789"), 0xBB3D);
    }

    #[test]
    fn whole_file_crc_is_zero_over_file_and_crc() {
        let mut w = FitWriter::new();
        const DEF: MessageDef = MessageDef {
            global: crate::fit::mesg::FILE_ID,
            local: 0,
            fields: &[(0, BaseType::Enum), (1, BaseType::UInt16)],
        };
        w.write(&DEF, &[Some(4), Some(1)]);
        let bytes = w.finish();
        assert_eq!(crc16(0, &bytes), 0);
        assert_eq!(&bytes[8..12], b".FIT");
        assert_eq!(bytes.len(), 14 + 6 + 3 * 2 + 1 + 3 + 2);
    }

    #[test]
    fn semicircles_of_known_degrees() {
        assert_eq!(semicircles(180.0), 1i64 << 31);
        assert_eq!(semicircles(-90.0), -(1i64 << 30));
    }
}
