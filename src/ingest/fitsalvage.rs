//! Keeping the sound part of a damaged FIT file.
//!
//! `fitparser::from_bytes` is all-or-nothing: one bad CRC or a file cut off
//! by a watch that died mid-run loses everything. When it refuses a file,
//! the file is read again message by message with CRC checks off, up to the
//! first message that does not decode; what came before is kept and the
//! damage is reported with its byte offset.

use crate::fit::scan as fitscan;
use fitparser::FitDataRecord;
use fitparser::de::{DecodeOption, FitObject, FitStreamProcessor};
use fitparser::profile::MesgNum;
use std::collections::HashSet;

/// Messages of a FIT file, and a description of the damage if only part of it could be read.
pub type Salvaged = (Vec<FitDataRecord>, Option<String>);

/// The options of every decode here. The composite fields are kept:
/// fitparser expands a record's 16-bit `speed` and `altitude` into
/// `enhanced_speed` and `enhanced_altitude` beside the file's own, in an
/// order that changes from run to run; with the originals kept, the
/// reader can tell which enhanced value is the file's own.
fn options() -> HashSet<DecodeOption> {
    HashSet::from([DecodeOption::KeepCompositeFields])
}

/// The warning for field definitions whose size does not fit their type,
/// read as bytes (`offsets` of their base-type bytes).
pub fn misaligned_note(offsets: &[usize]) -> String {
    let shown: Vec<String> = offsets.iter().take(3).map(|o| o.to_string()).collect();
    format!(
        "{} field definitions (at bytes {}{}) have sizes that do not fit their type; read as raw bytes",
        offsets.len(),
        shown.join(", "),
        if offsets.len() > 3 { ", …" } else { "" }
    )
}

/// Decode `bytes`; `Err` with the decoder's message when nothing usable is left.
pub fn decode(bytes: &[u8]) -> Result<Salvaged, String> {
    let scan = fitscan::scan(bytes);
    if scan.misaligned.is_empty() {
        return match fitparser::de::from_bytes_with_options(bytes, &options()) {
            Ok(messages) => Ok((messages, None)),
            Err(first) => salvage(bytes, &first.to_string()),
        };
    }
    // Marked as byte fields in a copy, so the decoder prints nothing; the
    // copy's CRC no longer matches, so it was checked on the original.
    let note = misaligned_note(&scan.misaligned);
    let copy = fitscan::patched(bytes, &scan);
    let mut options = options();
    options.insert(DecodeOption::SkipDataCrcValidation);
    let decoded = match scan.crc_ok(bytes) {
        true => fitparser::de::from_bytes_with_options(&copy, &options).map_err(|e| e.to_string()),
        false => Err("the data CRC does not match".to_string()),
    };
    let (messages, damage) = match decoded {
        Ok(messages) => (messages, None),
        Err(first) => salvage(&copy, &first)?,
    };
    let text = [Some(note), damage]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("; ");
    Ok((messages, Some(text)))
}

fn salvage(bytes: &[u8], first: &str) -> Result<Salvaged, String> {
    let mut processor = FitStreamProcessor::new();
    processor.add_option(DecodeOption::SkipHeaderCrcValidation);
    processor.add_option(DecodeOption::SkipDataCrcValidation);
    processor.add_option(DecodeOption::KeepCompositeFields);
    let (mut rest, mut messages, mut stop) = (bytes, Vec::new(), None);
    while !rest.is_empty() {
        let offset = bytes.len() - rest.len();
        match processor.deserialize_next(rest) {
            Ok((next, object)) => {
                match object {
                    FitObject::Crc(_) => processor.reset(),
                    FitObject::DataMessage(m) => match processor.decode_message(m) {
                        Ok(record) => messages.push(record),
                        Err(e) => {
                            stop = Some((offset, e.to_string()));
                            break;
                        }
                    },
                    FitObject::Header(_) | FitObject::DefinitionMessage(_) => {}
                }
                rest = next;
            }
            Err(e) => {
                stop = Some((offset, e.to_string()));
                break;
            }
        }
    }
    let useful = messages
        .iter()
        .any(|m| matches!(m.kind(), MesgNum::Record | MesgNum::Session | MesgNum::Set));
    if !useful {
        return Err(first.to_string());
    }
    let damage = match stop {
        Some((offset, why)) => format!(
            "damaged at byte {offset} of {} ({why}); kept the {} messages before it",
            bytes.len(),
            messages.len()
        ),
        None => format!("{first}; every message decoded, so all were kept"),
    };
    Ok((messages, Some(damage)))
}
