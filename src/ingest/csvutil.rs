//! Pieces every CSV reader shares: delimiter detection, columns found by
//! header name, and lenient number parsing ("10.0", "1,234", "--").

use crate::error::{Error, Result};
use std::collections::HashMap;
use std::path::Path;

/// Strip a UTF-8 byte-order mark.
pub fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// `;` when the header row has more semicolons than commas, else `,`.
pub fn delimiter(bytes: &[u8]) -> u8 {
    let first = bytes.split(|&b| b == b'\n').next().unwrap_or(&[]);
    let count = |c: u8| first.iter().filter(|&&b| b == c).count();
    if count(b';') > count(b',') {
        b';'
    } else {
        b','
    }
}

/// A CSV reader over `bytes` with the right delimiter, tolerant of ragged rows.
pub fn reader(bytes: &[u8]) -> csv::Reader<&[u8]> {
    let bytes = strip_bom(bytes);
    csv::ReaderBuilder::new()
        .delimiter(delimiter(bytes))
        .flexible(true)
        .from_reader(bytes)
}

/// Column positions by lower-case header name (first occurrence wins).
pub struct Columns(HashMap<String, usize>);

impl Columns {
    /// Read the header row of `rdr`.
    pub fn from_reader(path: &Path, rdr: &mut csv::Reader<&[u8]>) -> Result<Self> {
        let headers = rdr
            .headers()
            .map_err(|e| Error::csv(path, 1, e.to_string()))?;
        let mut map = HashMap::new();
        for (i, h) in headers.iter().enumerate() {
            map.entry(h.trim().to_lowercase()).or_insert(i);
        }
        Ok(Columns(map))
    }

    /// Position of a column, if present.
    pub fn get(&self, name: &str) -> Option<usize> {
        self.0.get(name).copied()
    }

    /// Position of a column the format cannot do without.
    pub fn require(&self, path: &Path, name: &str) -> Result<usize> {
        self.get(name)
            .ok_or_else(|| Error::csv(path, 1, format!("missing column '{name}'")))
    }
}

/// The trimmed field at `col`, `None` when absent or empty.
pub fn field(rec: &csv::StringRecord, col: Option<usize>) -> Option<&str> {
    col.and_then(|c| rec.get(c))
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// A number written by an export: `--` and empty are missing; thousands
/// separators are dropped.
pub fn number(s: Option<&str>) -> Option<f64> {
    let s = s?.trim();
    if s.is_empty() || s == "--" {
        return None;
    }
    s.replace(',', "")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_delimiters() {
        assert_eq!(number(Some("10.0")), Some(10.0));
        assert_eq!(number(Some("1,234.5")), Some(1234.5));
        assert_eq!(number(Some("--")), None);
        assert_eq!(number(Some("abc")), None);
        assert_eq!(delimiter(b"a;b;c\n1,2;3"), b';');
        assert_eq!(delimiter(b"a,b,c\n"), b',');
        assert_eq!(strip_bom(b"\xEF\xBB\xBFx"), b"x");
    }
}
