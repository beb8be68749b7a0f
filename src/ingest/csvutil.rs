//! Pieces every CSV reader shares: delimiter detection, columns found by
//! header name, and lenient number parsing ("10.0", "1,234", "--"; in
//! `;`-separated files, which European locales write, "10,5" and "1.234,5").

use super::{ReadContext, SetRow, local_to_utc};
use crate::error::{Error, Result};
use chrono::NaiveDateTime;
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

/// Whether numbers in `bytes` use a decimal comma: files separated by `;`
/// (as spreadsheet programs in European locales write them).
pub fn decimal_comma(bytes: &[u8]) -> bool {
    delimiter(strip_bom(bytes)) == b';'
}

/// A number written with a decimal comma, with a point instead ("10,5" →
/// "10.5", "1.234,5" → "1234.5", "1 234,5" → "1234.5"); other text as it is.
fn decimal_point(field: &str) -> std::borrow::Cow<'_, str> {
    let t = field.trim();
    let Some((int, frac)) = t.rsplit_once(',') else {
        // "1.500" with no comma: the point groups thousands.
        let mut groups = t.split('.');
        let lead = groups.next().unwrap_or("");
        let digits = |g: &str| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit());
        let grouped = t.contains('.') && digits(lead) && lead.len() <= 3;
        if grouped && groups.all(|g| g.len() == 3 && digits(g)) {
            return t.replace('.', "").into();
        }
        return field.into();
    };
    let int = int.strip_prefix(['-', '+']).unwrap_or(int);
    let grouped = |c: char| c.is_ascii_digit() || matches!(c, '.' | ' ' | '\u{a0}' | '\u{202f}');
    let is_number = !frac.is_empty()
        && frac.chars().all(|c| c.is_ascii_digit())
        && int.chars().any(|c| c.is_ascii_digit())
        && int.chars().all(grouped);
    if !is_number {
        return field.into();
    }
    let kept: String = t
        .chars()
        .filter(|c| !matches!(c, '.' | ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    kept.replace(',', ".").into()
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

/// A duration as exports write it: `hh:mm:ss`, `mm:ss` (with optional
/// decimals), `1h 5m`, `7m`, `45s`; `--` and empty are missing.
pub fn duration_s(s: Option<&str>) -> Option<f64> {
    let s = s?.trim();
    if s.is_empty() || s == "--" {
        return None;
    }
    if s.contains(':') {
        let mut total = 0.0;
        for part in s.split(':') {
            total = total * 60.0 + part.trim().parse::<f64>().ok()?;
        }
        return Some(total);
    }
    let mut total = 0.0;
    for part in s.split_whitespace() {
        let unit = part.chars().last()?;
        let value: f64 = part[..part.len() - unit.len_utf8()].parse().ok()?;
        total += value
            * match unit {
                'h' => 3600.0,
                'm' => 60.0,
                's' => 1.0,
                _ => return None,
            };
    }
    Some(total)
}

/// Kilograms per pound.
pub const KG_PER_LB: f64 = 0.453_592_37;

/// Read every data row with `parse` (numbers with a decimal comma made
/// points first when `decimal_comma`), which returns `Ok(Some(value))` to keep
/// a row, `Ok(None)` to pass over it silently (e.g. a rest-timer row) and
/// `Err(why)` for a malformed row: that becomes the warning
/// `row N: why, skipped` and the rest of the file is still read.
pub fn read_rows<T>(
    rdr: &mut csv::Reader<&[u8]>,
    decimal_comma: bool,
    warnings: &mut Vec<String>,
    mut parse: impl FnMut(&csv::StringRecord) -> std::result::Result<Option<T>, String>,
) -> Vec<T> {
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let row = i as u64 + 2; // the header is row 1
        let rec = rec.map(|r| match decimal_comma {
            true => r.iter().map(decimal_point).collect(),
            false => r,
        });
        match rec
            .map_err(|e| format!("unreadable ({e})"))
            .and_then(|r| parse(&r))
        {
            Ok(Some(v)) => out.push(v),
            Ok(None) => {}
            Err(why) => warnings.push(format!("row {row}: {why}, skipped")),
        }
    }
    out
}

/// Columns a gym log shares with every other: reps, timed seconds, RPE.
#[derive(Clone, Copy)]
pub struct SetColumns {
    /// Repetitions.
    pub reps: Option<usize>,
    /// Duration of a timed set, s.
    pub seconds: Option<usize>,
    /// RPE.
    pub rpe: Option<usize>,
}

/// A set row from its parsed parts and the shared columns of `rec`.
pub fn set_row(
    ctx: &ReadContext,
    start_local: NaiveDateTime,
    exercise: &str,
    set_type: crate::kinds::SetType,
    weight_kg: Option<f64>,
    rec: &csv::StringRecord,
    cols: SetColumns,
) -> SetRow {
    SetRow {
        start_local,
        start_utc: local_to_utc(start_local, ctx.timezone),
        exercise_raw: exercise.to_string(),
        set_type,
        weight_kg,
        reps: number(field(rec, cols.reps)).filter(|&r| r > 0.0),
        duration_s: number(field(rec, cols.seconds)).filter(|&s| s > 0.0),
        rpe: number(field(rec, cols.rpe)),
        session_s: None,
    }
}

/// A session length as gym apps write it: `1h 5m`, `65m`, `45s`, `1:05:00`
/// or `65:00`; seconds.
pub fn session_length_s(text: &str) -> Option<f64> {
    let t = text.trim();
    if t.contains(':') {
        let parts: Vec<f64> = t
            .split(':')
            .map(|p| p.trim().parse().ok())
            .collect::<Option<_>>()?;
        return match parts[..] {
            [h, m, s] => Some(3600.0 * h + 60.0 * m + s),
            [m, s] => Some(60.0 * m + s),
            _ => None,
        };
    }
    let mut total = 0.0;
    for token in t.split_whitespace() {
        let (n, unit) = token.split_at(token.find(|c: char| c.is_ascii_alphabetic())?);
        let n: f64 = n.parse().ok()?;
        total += n * match unit {
            "h" => 3600.0,
            "m" | "min" => 60.0,
            "s" => 1.0,
            _ => return None,
        };
    }
    (total > 0.0).then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_lengths_as_gym_apps_write_them() {
        assert_eq!(session_length_s("1h 5m"), Some(3900.0));
        assert_eq!(session_length_s("65m"), Some(3900.0));
        assert_eq!(session_length_s("45s"), Some(45.0));
        assert_eq!(session_length_s("1:05:00"), Some(3900.0));
        assert_eq!(session_length_s("65:00"), Some(3900.0));
        assert_eq!(session_length_s(""), None);
        assert_eq!(session_length_s("about an hour"), None);
    }

    #[test]
    fn numbers_and_delimiters() {
        assert_eq!(number(Some("10.0")), Some(10.0));
        assert_eq!(number(Some("1,234.5")), Some(1234.5));
        assert_eq!(number(Some("--")), None);
        assert_eq!(number(Some("abc")), None);
        assert_eq!(delimiter(b"a;b;c\n1,2;3"), b';');
        assert_eq!(delimiter(b"a,b,c\n"), b',');
        assert_eq!(strip_bom(b"\xEF\xBB\xBFx"), b"x");
        assert_eq!(duration_s(Some("01:02:03")), Some(3723.0));
        assert_eq!(duration_s(Some("5:47")), Some(347.0));
        assert_eq!(duration_s(Some("1h 5m")), Some(3900.0));
        assert_eq!(duration_s(Some("7m")), Some(420.0));
        assert_eq!(duration_s(Some("--")), None);
        assert_eq!(duration_s(Some("soon")), None);
        for (text, as_point) in [
            ("10,5", "10.5"),
            ("-0,25", "-0.25"),
            ("1.234,5", "1234.5"),
            ("1 234,56", "1234.56"),
            ("1\u{a0}234,5", "1234.5"),
            ("1.500", "1500"),
            ("12.345.678", "12345678"),
            // Not numbers: left alone.
            ("Squat, Barbell", "Squat, Barbell"),
            ("3,2,1 tempo", "3,2,1 tempo"),
            ("05.01.2026 18:00", "05.01.2026 18:00"),
            (",5", ",5"),
            ("1.5", "1.5"),
            ("1234.500", "1234.500"),
        ] {
            assert_eq!(decimal_point(text), as_point, "{text}");
        }
        assert!(decimal_comma(b"\xEF\xBB\xBFDate;Exercise;Reps\n"));
        assert!(!decimal_comma(b"Date,Exercise,Reps\n"));
    }
}
