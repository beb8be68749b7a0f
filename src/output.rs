//! Writing outputs so that a crash never leaves half a file or half a
//! report: files go to a temporary name and are renamed into place; a report
//! folder is built beside its final place and swapped in whole.

use crate::error::{Error, Result};
use std::fs;
use std::path::{Path, PathBuf};

/// Write `bytes` to `path` atomically: a temporary file in the same folder
/// is written, synced to disk and renamed into place, so a crash leaves the
/// old file or the new one, never half of one; on failure the temporary
/// file is removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    // Named after the file, so that a killed run's leftover says whose it is.
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}.tmp-"))
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| Error::io(tmp.path(), e))?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// A report folder under construction: files are written into a hidden
/// staging folder and only [`Staging::commit`] puts it in its final place.
pub struct Staging {
    staging: PathBuf,
    target: PathBuf,
}

impl Staging {
    /// Start building the folder that will become `target`.
    pub fn new(target: &Path) -> Result<Self> {
        let parent = target.parent().unwrap_or(Path::new("."));
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        let staging = parent.join(format!(".{name}.building-{}", std::process::id()));
        if staging.exists() {
            fs::remove_dir_all(&staging).map_err(|e| Error::io(&staging, e))?;
        }
        fs::create_dir_all(&staging).map_err(|e| Error::io(&staging, e))?;
        Ok(Staging {
            staging,
            target: target.to_path_buf(),
        })
    }

    /// Folder to write into.
    pub fn dir(&self) -> &Path {
        &self.staging
    }

    /// Write one file (relative path) into the staging folder.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let path = self.staging.join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        fs::write(&path, bytes).map_err(|e| Error::io(&path, e))
    }

    /// Move the finished folder into place, replacing an older one of the same name.
    pub fn commit(self) -> Result<PathBuf> {
        let old = self.target.with_extension("old");
        if self.target.exists() {
            if old.exists() {
                fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
            }
            fs::rename(&self.target, &old).map_err(|e| Error::io(&self.target, e))?;
        }
        fs::rename(&self.staging, &self.target).map_err(|e| Error::io(&self.target, e))?;
        if old.exists() {
            fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
        }
        Ok(self.target.clone())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        // A report that failed half-way leaves nothing behind.
        if self.staging.exists() {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

/// Point `link` (e.g. `reports/latest`) at the folder `target_name` beside it.
pub fn point_link(link: &Path, target_name: &str) -> Result<()> {
    let tmp = link.with_extension(format!("tmp-{}", std::process::id()));
    let _ = fs::remove_file(&tmp);
    #[cfg(unix)]
    std::os::unix::fs::symlink(target_name, &tmp).map_err(|e| Error::io(&tmp, e))?;
    #[cfg(not(unix))]
    fs::write(&tmp, target_name).map_err(|e| Error::io(&tmp, e))?;
    fs::rename(&tmp, link).map_err(|e| Error::io(link, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staging_is_invisible_until_commit_and_cleaned_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("2026-W20");
        fs::create_dir_all(&target).unwrap();
        fs::write(target.join("old.txt"), "last week").unwrap();
        {
            let s = Staging::new(&target).unwrap();
            s.write("a/b.txt", b"x").unwrap();
            // Dropped without commit: the old report stays, no staging left.
        }
        assert!(target.join("old.txt").exists());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        let s = Staging::new(&target).unwrap();
        s.write("new.txt", b"this week").unwrap();
        s.commit().unwrap();
        assert!(!target.join("old.txt").exists());
        assert_eq!(
            fs::read_to_string(target.join("new.txt")).unwrap(),
            "this week"
        );
        point_link(&dir.path().join("latest"), "2026-W20").unwrap();
        assert_eq!(
            fs::read_to_string(dir.path().join("latest/new.txt")).unwrap(),
            "this week"
        );
    }

    #[test]
    fn atomic_writes_replace_whole_files_and_leave_nothing_behind_on_failure() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("summary.json");
        write_atomic(&path, b"old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        // A folder where the file should go: the rename fails, the temporary file goes.
        let blocked = dir.path().join("taken");
        fs::create_dir_all(blocked.join("inside")).unwrap();
        assert!(write_atomic(&blocked, b"x").is_err());
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }
}
