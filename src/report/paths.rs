//! File names as the report shows them: relative to the data folder they
//! were found under, led by that folder's own name (`exports/garmin/a.fit`
//! for `/home/ana/exports/garmin/a.fit` read with `--data /home/ana/exports`),
//! so nothing shared carries the runner's user name or folder layout.

use crate::error::Result;
use crate::schema::ingest_log as l;
use polars::prelude::{Column, DataFrame};
use std::path::{Path, PathBuf};

/// `path` (as the ingest walked it) relative to the first of `roots` it lies
/// under, led by that root's name; a path under no root keeps only its file
/// name when it is absolute.
pub fn shared(path: &str, roots: &[PathBuf]) -> String {
    let mut by_length: Vec<&PathBuf> = roots.iter().collect();
    by_length.sort_by_key(|r| std::cmp::Reverse(r.as_os_str().len()));
    for root in by_length {
        let r = root.display().to_string();
        let r = r.trim_end_matches('/');
        let rest = if path == r {
            Some("")
        } else {
            path.strip_prefix(r).and_then(|p| p.strip_prefix('/'))
        };
        if let Some(rest) = rest {
            let name = root.file_name().and_then(|n| n.to_str()).unwrap_or("");
            return match (name.is_empty(), rest.is_empty()) {
                (true, _) => rest.to_string(),
                (false, true) => name.to_string(),
                (false, false) => format!("{name}/{rest}"),
            };
        }
    }
    let p = Path::new(path);
    if p.is_absolute() {
        p.file_name()
            .map_or(String::new(), |n| n.to_string_lossy().to_string())
    } else {
        path.to_string()
    }
}

/// The ingest log with its `path` and `file` columns made [`shared`].
pub fn shared_log(log: &DataFrame, roots: &[PathBuf]) -> Result<DataFrame> {
    let mut out = log.clone();
    for name in [l::PATH, l::FILE] {
        if log.column(name).is_err() {
            continue;
        }
        let values: Vec<Option<String>> = (crate::tables::strs(log, name)?.into_iter())
            .map(|v| v.map(|p| shared(&p, roots)))
            .collect();
        out.with_column(Column::new(name.into(), values))?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_lose_everything_above_their_data_folder() {
        let roots = [PathBuf::from("/home/ana/exports"), PathBuf::from("data")];
        assert_eq!(
            shared("/home/ana/exports/garmin/a.fit", &roots),
            "exports/garmin/a.fit"
        );
        assert_eq!(shared("data/runs/b.fit", &roots), "data/runs/b.fit");
        assert_eq!(
            shared("/home/ana/exports/all.zip/run.fit", &roots),
            "exports/all.zip/run.fit"
        );
        // Under no root: an absolute path keeps only its file name.
        assert_eq!(shared("/tmp/x/c.fit", &roots), "c.fit");
        // A root given as "." or "/" has no name to lead with.
        assert_eq!(shared("./runs/d.fit", &[PathBuf::from(".")]), "runs/d.fit");
        // The longest root wins.
        let nested = [PathBuf::from("/d"), PathBuf::from("/d/watch")];
        assert_eq!(shared("/d/watch/e.fit", &nested), "watch/e.fit");
        // A folder whose name only starts like the root is not under it.
        assert_eq!(shared("/home/ana/exports2/f.fit", &roots), "f.fit");
    }
}
