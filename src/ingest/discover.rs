//! Finding the files to read: every regular file under the given folders,
//! hidden entries, excluded folders and link loops left out.

use std::path::PathBuf;

/// Every regular file under `roots` (recursively), sorted, hidden entries left out.
pub fn discover(roots: &[PathBuf]) -> crate::Result<Vec<PathBuf>> {
    discover_except(roots, &[])
}

/// Like [`discover`], but never entering the folders in `exclude`.
pub fn discover_except(roots: &[PathBuf], exclude: &[PathBuf]) -> crate::Result<Vec<PathBuf>> {
    let skip: Vec<PathBuf> = exclude
        .iter()
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    let mut seen = std::collections::HashSet::new();
    let mut files = Vec::new();
    let mut stack: Vec<(PathBuf, bool)> = roots.iter().map(|r| (r.clone(), true)).collect();
    while let Some((p, is_root)) = stack.pop() {
        let meta = match std::fs::metadata(&p) {
            Ok(meta) => meta,
            Err(e) if is_root => return Err(crate::Error::io(&p, e)),
            // A dangling link or a file gone mid-walk: reading it will fail
            // and the log will say so; the batch goes on.
            Err(_) => {
                files.push(p);
                continue;
            }
        };
        if meta.is_file() {
            files.push(p);
            continue;
        }
        let Ok(real) = p.canonicalize() else { continue };
        // Excluded folders, and folders seen before through a link (loops).
        if skip.contains(&real) || !seen.insert(real) {
            continue;
        }
        let entries = match std::fs::read_dir(&p) {
            Ok(entries) => entries,
            Err(e) if is_root => return Err(crate::Error::io(&p, e)),
            // An unreadable folder is one failed entry in the log.
            Err(_) => {
                files.push(p);
                continue;
            }
        };
        for entry in entries.flatten() {
            if !entry.file_name().to_string_lossy().starts_with('.') {
                stack.push((entry.path(), false));
            }
        }
    }
    files.sort();
    files.dedup();
    Ok(files)
}
