//! `built_from.json` in each report folder: what the report was built
//! from (runlift's version, every input file's path and content hash, the
//! reading settings, the report settings). A weekly run whose inputs and
//! settings have not changed finds its report up to date and does not
//! render it again (unless `--force`).

use crate::config::Settings;
use crate::error::Result;
use crate::pipeline::{IngestCounts, Synced};
use serde_json::{Value, json};
use std::path::Path;

/// File name inside the report folder.
pub const FILE: &str = "built_from.json";

/// The record of what a report is built from.
#[derive(Clone, Debug)]
pub struct BuiltFrom {
    /// BLAKE3 (hex) over runlift's version, the inputs and the settings.
    pub key: String,
}

impl BuiltFrom {
    /// The record for `synced` inputs and `settings`.
    pub fn new(synced: &Synced, settings: &Settings) -> Self {
        let mut h = blake3::Hasher::new();
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        h.update(synced.inputs_key().as_bytes());
        h.update(format!("{settings:?}").as_bytes());
        BuiltFrom {
            key: h.finalize().to_hex().to_string(),
        }
    }

    /// The JSON written into the report folder.
    pub fn to_json(&self, counts: IngestCounts) -> Value {
        json!({
            "runlift": env!("CARGO_PKG_VERSION"),
            "key": self.key,
            "ingest": counts.to_json(),
        })
    }

    /// The file counts of the report in `folder` when it was built from the
    /// same inputs and settings; `None` when it must be rendered.
    pub fn up_to_date(&self, folder: &Path) -> Option<IngestCounts> {
        let text = std::fs::read_to_string(folder.join(FILE)).ok()?;
        let v: Value = serde_json::from_str(&text).ok()?;
        if v["key"].as_str() != Some(self.key.as_str()) {
            return None;
        }
        let n = |k: &str| v["ingest"][k].as_u64().map(|x| x as usize);
        Some(IngestCounts {
            files: n("files")?,
            ok: n("ok")?,
            duplicates: n("duplicates")?,
            skipped: n("skipped")?,
            failed: n("failed")?,
        })
    }
}

/// Bytes of `built_from.json`.
pub fn bytes(b: &BuiltFrom, counts: IngestCounts) -> Result<Vec<u8>> {
    Ok((serde_json::to_string_pretty(&b.to_json(counts))? + "\n").into_bytes())
}
