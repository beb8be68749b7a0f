//! The samples table, left where it lies: freshly decoded rows in memory,
//! the store's rows in its segment files. Whoever needs samples asks for the
//! activities and the columns it uses; store rows come a window (whole
//! Parquet row groups) at a time, so memory does not grow with the history.
//!
//! Each activity's samples are one block of consecutive rows, placed by the
//! activities table's `n_samples` (rows of one segment follow the order of
//! its activities), so the samples' own id column is never read.

use crate::error::{Error, Result};
use polars::prelude::*;
use rayon::prelude::*;
use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};

/// Rows read at once from a store file, at least (whole row groups).
const WINDOW: usize = 256 * 1024;

#[derive(Clone, Debug)]
enum Part {
    /// Rows in memory.
    Memory(DataFrame),
    /// A segment's samples file; `groups` holds the first row of each row
    /// group and, last, the number of rows.
    File { path: PathBuf, groups: Vec<usize> },
}

/// Where one activity's rows are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Block {
    part: usize,
    row: usize,
    len: usize,
}

/// The samples of a set of activities, by activity id.
#[derive(Clone, Debug, Default)]
pub struct Samples {
    parts: Vec<Part>,
    /// The first copy of each id (exact copies of a file share ids and samples).
    index: HashMap<String, Block>,
}

/// Activities in storage order: id, rows, and whether it is wanted.
pub type Layout = Vec<(String, usize, bool)>;

impl Samples {
    /// Rows in memory, laid out as `layout` says.
    pub fn in_memory(df: DataFrame, layout: Layout) -> Result<Samples> {
        let mut s = Samples::default();
        s.add(Part::Memory(df), layout)?;
        Ok(s)
    }

    /// The rows of a store segment's samples file, laid out as `layout` says.
    pub fn in_file(path: &Path, layout: Layout) -> Result<Samples> {
        let file = File::open(path).map_err(|e| Error::io(path, e))?;
        let mut reader = ParquetReader::new(file);
        let meta = reader.get_metadata().map_err(|e| store_error(path, e))?;
        let mut groups = vec![0];
        for g in &meta.row_groups {
            groups.push(groups.last().copied().unwrap_or(0) + g.num_rows());
        }
        let mut s = Samples::default();
        s.add(
            Part::File {
                path: path.to_path_buf(),
                groups,
            },
            layout,
        )?;
        Ok(s)
    }

    fn add(&mut self, part: Part, layout: Layout) -> Result<()> {
        let rows = match &part {
            Part::Memory(df) => df.height(),
            Part::File { groups, .. } => groups.last().copied().unwrap_or(0),
        };
        let laid: usize = layout.iter().map(|l| l.1).sum();
        if laid != rows {
            let what = match &part {
                Part::File { path, .. } => path.display().to_string(),
                Part::Memory(_) => "decoded rows".into(),
            };
            return Err(Error::Store {
                path: PathBuf::from(&what),
                message: format!(
                    "{what}: {rows} samples, the activities name {laid}; run with --rebuild"
                ),
            });
        }
        let n = self.parts.len();
        let mut row = 0;
        for (id, len, wanted) in layout {
            if wanted && len > 0 {
                let block = Block { part: n, row, len };
                self.index.entry(id).or_insert(block);
            }
            row += len;
        }
        self.parts.push(part);
        Ok(())
    }

    /// These samples followed by `more`'s; an id already here keeps its rows.
    pub fn append(&mut self, more: Samples) {
        let n = self.parts.len();
        self.parts.extend(more.parts);
        for (id, b) in more.index {
            let shifted = Block {
                part: b.part + n,
                ..b
            };
            self.index.entry(id).or_insert(shifted);
        }
    }

    /// Keep only the activities `keep` says yes to.
    pub fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        self.index.retain(|id, _| keep(id));
    }

    /// Rows of the activities held.
    pub fn rows(&self) -> usize {
        self.index.values().map(|b| b.len).sum()
    }

    /// Rows of one activity (0 when it has none).
    pub fn rows_of(&self, id: &str) -> usize {
        self.index.get(id).map_or(0, |b| b.len)
    }

    /// The rows in memory as one table (every part must be in memory).
    pub fn memory_frame(&self) -> Result<DataFrame> {
        let mut out = DataFrame::empty_with_schema(&crate::schema::samples_schema());
        for p in &self.parts {
            match p {
                Part::Memory(df) => out.vstack_mut(df)?,
                Part::File { path, .. } => {
                    return Err(Error::Store {
                        path: path.clone(),
                        message: "samples still on disk where rows in memory were expected".into(),
                    });
                }
            };
        }
        Ok(out)
    }

    /// The samples of `ids` (`columns` only), each handed to `f` with its
    /// index in `ids` on a worker thread; `None` for an id without samples.
    pub fn map<T: Send>(
        &self,
        ids: &[&str],
        columns: &[&str],
        f: impl Fn(usize, &DataFrame) -> T + Sync,
    ) -> Result<Vec<Option<T>>> {
        self.map_in(ids, columns, WINDOW, f)
    }

    fn map_in<T: Send>(
        &self,
        ids: &[&str],
        columns: &[&str],
        window: usize,
        f: impl Fn(usize, &DataFrame) -> T + Sync,
    ) -> Result<Vec<Option<T>>> {
        let mut out: Vec<Option<T>> = (0..ids.len()).map(|_| None).collect();
        self.visit_in(ids, columns, window, |df, blocks| {
            let done: Vec<(usize, T)> = (blocks.par_iter())
                .map(|&(i, b)| (i, f(i, &df.slice(b.row as i64, b.len))))
                .collect();
            for (i, t) in done {
                out[i] = Some(t);
            }
            Ok(())
        })?;
        Ok(out)
    }

    /// Call `f` with every window read and the requests (index into `ids`,
    /// block relative to the window) inside it, in storage order.
    pub(crate) fn visit(
        &self,
        ids: &[&str],
        columns: &[&str],
        f: impl FnMut(&DataFrame, &[(usize, BlockIn)]) -> Result<()>,
    ) -> Result<()> {
        self.visit_in(ids, columns, WINDOW, f)
    }

    /// [`Samples::visit`] reading at least `window` rows at once.
    fn visit_in(
        &self,
        ids: &[&str],
        columns: &[&str],
        window: usize,
        mut f: impl FnMut(&DataFrame, &[(usize, BlockIn)]) -> Result<()>,
    ) -> Result<()> {
        let mut want: Vec<(usize, Block)> = (ids.iter().enumerate())
            .filter_map(|(i, id)| Some((i, *self.index.get(*id)?)))
            .collect();
        want.sort_by_key(|(_, b)| (b.part, b.row));
        let mut k = 0;
        while k < want.len() {
            let first = want[k].1;
            let (lo, hi) = self.window(first, window);
            let end = k
                + (want[k..].iter())
                    .take_while(|(_, b)| b.part == first.part && b.row + b.len <= hi)
                    .count();
            let df = self.read(first.part, lo, hi, columns)?;
            let inside: Vec<(usize, BlockIn)> = (want[k..end].iter())
                .map(|&(i, b)| {
                    let row = b.row - lo;
                    (i, BlockIn { row, len: b.len })
                })
                .collect();
            f(&df, &inside)?;
            k = end;
        }
        Ok(())
    }

    /// Rows to read for `b`: a memory part whole; in a file the row groups
    /// holding `b`, and the ones after them up to `window` rows.
    fn window(&self, b: Block, window: usize) -> (usize, usize) {
        match &self.parts[b.part] {
            Part::Memory(df) => (0, df.height()),
            Part::File { groups, .. } => {
                let group_of = |row: usize| groups.partition_point(|&s| s <= row) - 1;
                let g = group_of(b.row);
                let mut h = group_of(b.row + b.len - 1) + 1;
                while h + 1 < groups.len() && groups[h + 1] - groups[g] <= window {
                    h += 1;
                }
                (groups[g], groups[h])
            }
        }
    }

    fn read(&self, part: usize, lo: usize, hi: usize, columns: &[&str]) -> Result<DataFrame> {
        let names: Vec<String> = columns.iter().map(|c| c.to_string()).collect();
        match &self.parts[part] {
            Part::Memory(df) => Ok(df.select(names)?.slice(lo as i64, hi - lo)),
            Part::File { path, .. } => {
                let file = File::open(path).map_err(|e| Error::io(path, e))?;
                let df = ParquetReader::new(file)
                    .with_columns(Some(names))
                    .with_slice(Some((lo, hi - lo)))
                    .finish()
                    .map_err(|e| store_error(path, e))?;
                Ok(df)
            }
        }
    }
}

/// One activity's rows inside a window.
#[derive(Clone, Copy, Debug)]
pub(crate) struct BlockIn {
    /// First row, counted from the window's start.
    pub row: usize,
    /// Rows.
    pub len: usize,
}

fn store_error(path: &Path, e: PolarsError) -> Error {
    Error::Store {
        path: path.to_path_buf(),
        message: format!("{}: {e}; run with --rebuild", path.display()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::samples as s;
    use crate::tables::f64s;

    /// Rows 0..n with `t_s` = row number; `sizes` activities "a0", "a1", ….
    fn frame(n: usize) -> DataFrame {
        let t: Vec<f64> = (0..n).map(|i| i as f64).collect();
        let hr: Vec<f64> = (0..n).map(|i| 100.0 + i as f64).collect();
        df!(s::T_S => t, s::HR_BPM => hr).unwrap()
    }

    fn layout(sizes: &[usize], unwanted: usize) -> Layout {
        (sizes.iter().enumerate())
            .map(|(i, &n)| (format!("a{i}"), n, i != unwanted))
            .collect()
    }

    /// Each wanted activity's `t_s`, read through windows of `window` rows.
    fn read_all(samples: &Samples, n: usize, window: usize) -> Vec<Option<Vec<f64>>> {
        let ids: Vec<String> = (0..n).rev().map(|i| format!("a{i}")).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let got = samples.map_in(&ids, &[s::T_S], window, |_, df| {
            f64s(df, s::T_S)
                .unwrap()
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
        });
        let mut got = got.unwrap();
        got.reverse();
        got
    }

    #[test]
    fn each_activity_gets_its_own_rows_across_row_groups_and_windows() {
        let sizes = [5, 0, 17, 3, 40, 1, 9];
        let total: usize = sizes.iter().sum();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("samples.parquet");
        let mut df = frame(total);
        let file = File::create(&path).unwrap();
        ParquetWriter::new(file)
            .with_row_group_size(Some(8))
            .finish(&mut df)
            .unwrap();
        let on_disk = Samples::in_file(&path, layout(&sizes, 5)).unwrap();
        let Part::File { groups, .. } = &on_disk.parts[0] else {
            panic!("a file part")
        };
        assert!(groups.len() > 8 && groups[1] == 8, "{groups:?}");
        assert_eq!(groups.last(), Some(&75));
        let in_memory = Samples::in_memory(frame(total), layout(&sizes, 5)).unwrap();
        let mut starts = vec![0];
        for n in sizes {
            starts.push(starts.last().unwrap() + n);
        }
        let want: Vec<Option<Vec<f64>>> = (0..sizes.len())
            .map(|i| {
                let rows = (starts[i]..starts[i + 1]).map(|r| r as f64).collect();
                (sizes[i] > 0 && i != 5).then_some(rows)
            })
            .collect();
        for window in [1, 8, 20, 1000] {
            assert_eq!(
                read_all(&on_disk, sizes.len(), window),
                want,
                "window {window}"
            );
        }
        assert_eq!(read_all(&in_memory, sizes.len(), 8), want);
        assert_eq!(on_disk.rows(), total - 1);
        assert_eq!(on_disk.rows_of("a4"), 40);
        assert_eq!(on_disk.rows_of("a5"), 0, "not wanted");
    }

    #[test]
    fn a_layout_that_does_not_add_up_is_a_store_error_and_copies_keep_the_first_rows() {
        let err = Samples::in_memory(frame(10), layout(&[4, 5], 9)).unwrap_err();
        assert!(
            err.to_string()
                .contains("10 samples, the activities name 9"),
            "{err}"
        );
        let mut first = Samples::in_memory(frame(4), layout(&[4], 9)).unwrap();
        let copy = Samples::in_memory(frame(6), vec![("a0".into(), 6, true)]).unwrap();
        first.append(copy);
        assert_eq!(first.rows_of("a0"), 4);
        first.retain(|id| id != "a0");
        assert_eq!(first.rows(), 0);
    }
}
