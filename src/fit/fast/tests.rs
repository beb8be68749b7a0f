//! The fast path on files built byte by byte: what watches write that the
//! simulator does not (big-endian data, compressed timestamps, developer
//! fields, chained files), and what it must decline.

use super::*;
use crate::fit::mesg;
use rand::{Rng, SeedableRng};

const T0: u32 = 1_000_000_000; // a multiple of 32: compressed offsets start a window

/// The messages of one FIT segment, as raw bytes.
#[derive(Default, Clone)]
struct Seg(Vec<u8>);

impl Seg {
    fn def(mut self, local: u8, big: bool, global: u16, fields: &[(u8, u8, u8)]) -> Self {
        self.0.extend([0x40 | local, 0, u8::from(big)]);
        self.0.extend(if big {
            global.to_be_bytes()
        } else {
            global.to_le_bytes()
        });
        self.0.push(fields.len() as u8);
        fields.iter().for_each(|f| self.0.extend([f.0, f.1, f.2]));
        self
    }

    /// A definition with developer fields (field number, size, data index).
    fn dev_def(
        mut self,
        local: u8,
        global: u16,
        fields: &[(u8, u8, u8)],
        dev: &[(u8, u8, u8)],
    ) -> Self {
        self = self.def(local, false, global, fields);
        let header = self.0.len() - 6 - 3 * fields.len();
        self.0[header] |= 0x20;
        self.0.push(dev.len() as u8);
        dev.iter().for_each(|d| self.0.extend([d.0, d.1, d.2]));
        self
    }

    fn data(mut self, header: u8, bytes: &[u8]) -> Self {
        self.0.push(header);
        self.0.extend(bytes);
        self
    }
}

/// Segments chained into one file, each with a 14-byte header and both CRCs.
fn file(segs: &[Seg]) -> Vec<u8> {
    let mut out = Vec::new();
    for s in segs {
        let start = out.len();
        out.extend([14, 0x20]);
        out.extend(2132u16.to_le_bytes());
        out.extend((s.0.len() as u32).to_le_bytes());
        out.extend(b".FIT");
        let h = crc16(0, &out[start..]);
        out.extend(h.to_le_bytes());
        out.extend(&s.0);
        let c = crc16(0, &out[start..]);
        out.extend(c.to_le_bytes());
    }
    out
}

fn le(v: u32) -> [u8; 4] {
    v.to_le_bytes()
}

const REC: u16 = mesg::RECORD;

#[test]
fn reads_both_architectures_compressed_times_and_redefined_types() {
    let mut first = le(T0).to_vec();
    first.extend([150]);
    first.extend(3000u16.to_le_bytes());
    first.extend(2600u16.to_le_bytes());
    let compressed = |hr: u8, speed: u32, alt: u32| {
        let mut b = vec![hr];
        b.extend(le(speed));
        b.extend(le(alt));
        b
    };
    let mut big = (T0 + 40).to_be_bytes().to_vec();
    big.extend([0xFF]); // heart rate invalid
    big.extend(12345u32.to_be_bytes());
    big.extend([85, 64, (-3i8) as u8]);
    let mut event = le(T0 + 100).to_vec();
    event.push(0);
    let seg = Seg::default()
        .def(
            0,
            false,
            REC,
            &[(253, 4, 0x86), (3, 1, 0x02), (6, 2, 0x84), (2, 2, 0x84)],
        )
        .data(0x00, &first)
        .def(1, false, REC, &[(3, 1, 0x02), (73, 4, 0x86), (78, 4, 0x86)])
        .data(0x80 | 0x20 | 5, &compressed(151, 3100, 3000))
        // Offset 2 is before the window's 5: the clock rolled into the next window.
        .data(0x80 | 0x20 | 2, &compressed(152, 3200, 0xFFFF_FFFF))
        .def(
            0,
            true,
            REC,
            &[
                (253, 4, 0x86),
                (3, 1, 0x02),
                (5, 4, 0x86),
                (4, 1, 0x02),
                (53, 1, 0x02),
                (13, 1, 0x01),
            ],
        )
        .data(0x00, &big)
        // An event's timestamp moves the base of the next compressed record.
        .def(2, false, mesg::EVENT, &[(253, 4, 0x86), (0, 1, 0x00)])
        .data(0x02, &event)
        .data(0x80 | 0x20 | 10, &compressed(153, 0xFFFF_FFFF, 3005));
    let r = decode(&file(&[seg]), &[]).unwrap().records;
    let t = i64::from(T0);
    assert_eq!(
        r.timestamp,
        vec![
            Some(t),
            Some(t + 5),
            Some(t + 34),
            Some(t + 40),
            Some(t + 106)
        ]
    );
    assert_eq!(
        r.heart_rate,
        vec![Some(150.0), Some(151.0), Some(152.0), None, Some(153.0)]
    );
    assert_eq!(
        r.speed_mps,
        vec![Some(3.0), Some(3.1), Some(3.2), None, None]
    );
    assert_eq!(
        r.altitude_m,
        vec![Some(20.0), Some(100.0), None, None, Some(101.0)]
    );
    assert_eq!(r.distance_m, vec![None, None, None, Some(123.45), None]);
    assert_eq!(r.cadence[3], Some(85.0));
    assert_eq!(r.fractional_cadence[3], Some(0.5));
    assert_eq!(r.temperature_c[3], Some(-3.0));
}

/// A `field_description` (index, number, base type, a 12-byte name, scale 10).
fn description(index: u8, number: u8, base: u8, name: &[u8]) -> Vec<u8> {
    let mut b = vec![index, number, base];
    b.extend(name.iter().copied().chain(std::iter::repeat(0)).take(12));
    b.push(10);
    b
}

#[test]
fn developer_fields_are_passed_over_once_described_and_a_pods_power_read() {
    const DESC: &[(u8, u8, u8)] = &[
        (0, 1, 0x02),
        (1, 1, 0x02),
        (2, 1, 0x02),
        (3, 12, 0x07),
        (6, 1, 0x02),
    ];
    let mut rec = le(T0).to_vec();
    // Power 2750 / scale 10 = 275 W; form power passed over.
    rec.extend([140, 0xBE, 0x0A, 0x34, 0x12]);
    let described = Seg::default()
        .def(4, false, mesg::DEVELOPER_DATA_ID, &[(3, 1, 0x02)])
        .data(0x04, &[0])
        .def(3, false, mesg::FIELD_DESCRIPTION, DESC)
        .data(0x03, &description(0, 7, 0x84, b"Power"))
        .data(0x03, &description(0, 8, 0x84, b"Form Power"))
        .dev_def(
            5,
            REC,
            &[(253, 4, 0x86), (3, 1, 0x02)],
            &[(7, 2, 0), (8, 2, 0)],
        )
        .data(0x05, &rec);
    let read = decode(&file(std::slice::from_ref(&described)), &[]).unwrap();
    assert_eq!(read.records.heart_rate, vec![Some(140.0)]);
    assert_eq!(read.records.dev_power_w, vec![Some(275.0)]);
    // The description and the data id go to fitparser; the record does not.
    let rest = fitparser::from_bytes(&read.rest).unwrap();
    let kinds: Vec<_> = rest.iter().map(|m| m.kind().to_string()).collect();
    assert_eq!(
        kinds,
        [
            "developer_data_id",
            "field_description",
            "field_description"
        ]
    );

    let undescribed = described
        .clone()
        .dev_def(6, REC, &[(3, 1, 0x02)], &[(9, 1, 0)])
        .data(0x06, &[141, 0]);
    let err = decode(&file(&[undescribed]), &[]).unwrap_err();
    assert!(err.why.contains("without a description"), "{err}");
    // A uint16 developer field of 3 bytes: fitparser would read past it.
    let odd = described
        .dev_def(6, REC, &[(3, 1, 0x02)], &[(7, 3, 0)])
        .data(0x06, &[141, 0, 0, 0]);
    assert!(
        decode(&file(&[odd]), &[])
            .unwrap_err()
            .why
            .contains("does not fit")
    );
}

#[test]
fn chained_files_start_afresh_and_kept_messages_are_copied() {
    let session_fields = &[(253, 4, 0x86), (2, 4, 0x86), (5, 1, 0x00)];
    let mut session = le(T0 + 60).to_vec();
    session.extend(le(T0));
    session.push(1); // running
    let mut rec = le(T0).to_vec();
    rec.push(140);
    let one = Seg::default()
        .def(0, false, REC, &[(253, 4, 0x86), (3, 1, 0x02)])
        .data(0x00, &rec)
        .def(1, false, mesg::SESSION, session_fields)
        .data(0x01, &session);
    // The second file's first record has only a compressed time: its base is 0 again.
    let two = Seg::default()
        .def(0, false, REC, &[(3, 1, 0x02)])
        .data(0x80 | 3, &[141]);
    let read = decode(&file(&[one, two]), &[mesg::SESSION]).unwrap();
    assert_eq!(read.records.timestamp, vec![Some(i64::from(T0)), Some(3)]);
    let rest = fitparser::from_bytes(&read.rest).unwrap();
    assert_eq!(rest.len(), 1);
    assert_eq!(rest[0].kind(), fitparser::profile::MesgNum::Session);
    assert!(
        rest[0]
            .fields()
            .iter()
            .any(|f| f.name() == "sport" && f.value().to_string() == "running")
    );
}

/// Why the fast path declines `bytes`.
fn why(bytes: &[u8]) -> String {
    decode(bytes, &[mesg::SESSION]).unwrap_err().to_string()
}

#[test]
fn declines_what_it_cannot_read_exactly_and_says_where() {
    let mut rec = le(T0).to_vec();
    rec.push(140);
    let good = Seg::default()
        .def(0, false, REC, &[(253, 4, 0x86), (3, 1, 0x02)])
        .data(0x00, &rec);
    let bytes = file(std::slice::from_ref(&good));
    assert!(decode(&bytes, &[]).is_ok());

    let mut bad_crc = bytes.clone();
    *bad_crc.last_mut().unwrap() ^= 1;
    assert_eq!(
        why(&bad_crc),
        format!("the data CRC does not match at byte {}", bytes.len() - 2)
    );
    assert!(why(&bytes[..bytes.len() - 3]).contains("shorter than its header says"));
    let mut trailing = bytes.clone();
    trailing.extend([0, 0]);
    assert!(why(&trailing).contains("bytes after the last FIT segment"));
    let mut header16 = bytes.clone();
    header16[0] = 16;
    assert!(why(&header16).contains("a FIT header of 16 bytes"));
    assert!(why(b"not a fit file at all").contains("no FIT header"));

    let cases: [(Seg, &str); 5] = [
        (
            Seg::default().data(0x00, &rec),
            "a data message before its definition at byte 14",
        ),
        (
            Seg::default().def(0, false, REC, &[(253, 4, 0x86), (3, 2, 0x84)]),
            "record field 3 of an unexpected type",
        ),
        (
            Seg::default().def(0, false, REC, &[(8, 3, 0x0D)]),
            "compressed speed and distance",
        ),
        (
            Seg::default().def(0, false, REC, &[(253, 3, 0x86)]),
            "size does not fit its type",
        ),
        (
            Seg::default()
                .def(1, false, mesg::SESSION, &[(5, 1, 0x00)])
                .data(0x80 | 0x20 | 1, &[1]),
            "a compressed timestamp on a message other than a record",
        ),
    ];
    for (seg, expected) in cases {
        let got = why(&file(&[seg]));
        assert!(got.contains(expected), "{got} (expected {expected})");
    }
    let cut = Seg::default()
        .def(0, false, REC, &[(253, 4, 0x86), (3, 1, 0x02)])
        .data(0x00, &rec[..3]);
    assert!(why(&file(&[cut])).contains("runs past the end of the data"));
}

#[test]
fn mutated_files_never_panic_and_a_flipped_bit_is_always_caught() {
    let mut seg = Seg::default().def(0, false, REC, &[(253, 4, 0x86), (3, 1, 0x02), (6, 2, 0x84)]);
    for i in 0..50u32 {
        let mut rec = le(T0 + i).to_vec();
        rec.extend([140, 0xB8, 0x0B]);
        seg = seg.data(0x00, &rec);
    }
    let bytes = file(&[seg]);
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(0x2545_F491_4F6C_DD1D);
    let mut next = move || rng.r#gen::<u64>() as usize;
    for _ in 0..2000 {
        // One flipped bit: CRC-16 catches every single-bit error.
        let mut b = bytes.clone();
        let at = next() % b.len();
        b[at] ^= 1 << (next() % 8);
        assert!(decode(&b, &[]).is_err());
        // Garbage with both CRCs made good again: the walk itself must hold.
        for _ in 0..1 + next() % 6 {
            let at = 14 + next() % (b.len() - 16);
            b[at] = next() as u8;
        }
        let size = b.len() - 16;
        b[4..8].copy_from_slice(&(size as u32).to_le_bytes());
        let h = crc16(0, &b[..12]);
        b[12..14].copy_from_slice(&h.to_le_bytes());
        let c = crc16(0, &b[..b.len() - 2]);
        let n = b.len();
        b[n - 2..].copy_from_slice(&c.to_le_bytes());
        if let Ok(read) = decode(&b, &[]) {
            assert!(read.records.len() <= size, "one record per byte at most");
        }
    }
}
