//! A coach's roster: many athletes' reports, built in parallel, each with
//! its own incremental store, and one overview (`index.html`, sortable, and
//! `roster.csv`) with a row per athlete: the headline change and its
//! interval, this week's running and lifting, its conflicts, when the data
//! were last updated, and any file that could not be read.
//!
//! `roster.toml` lists the athletes; paths in it are relative to its folder:
//!
//! ```toml
//! [[athletes]]
//! name = "Ana"
//! data = ["exports/ana"]
//! config = "exports/ana/runlift.toml"   # optional; default: runlift.toml in the first data folder
//! ```
//!
//! Athlete `Ana`'s reports go to `<out>/ana/` (her weeks, `latest` and
//! `.store`). One athlete's failure (a missing folder, a bad profile) is
//! that athlete's row, never the end of the others.

pub mod overview;

use crate::config::{self, Overrides};
use crate::error::{Error, Result};
use crate::report::{self, RunOptions};
use rayon::prelude::*;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// One athlete of `roster.toml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Athlete {
    /// Name shown in the overview and the reports.
    pub name: String,
    /// Their export folders.
    pub data: Vec<PathBuf>,
    /// Their `runlift.toml` (default: in the first data folder, if there).
    pub config: Option<PathBuf>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RosterFile {
    athletes: Vec<Athlete>,
}

/// The athletes of the roster file at `path`, their paths made relative to its folder.
pub fn read(path: &Path) -> Result<Vec<Athlete>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let file: RosterFile =
        toml::from_str(&text).map_err(|e| Error::Config(format!("{}: {e}", path.display())))?;
    let base = path.parent().unwrap_or(Path::new("."));
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for mut a in file.athletes {
        if a.data.is_empty() {
            return Err(Error::Config(format!(
                "{}: {} has no data folder",
                path.display(),
                a.name
            )));
        }
        if !seen.insert(slug(&a.name)) {
            return Err(Error::Config(format!(
                "{}: two athletes would share the folder '{}'",
                path.display(),
                slug(&a.name)
            )));
        }
        a.data = a.data.iter().map(|d| base.join(d)).collect();
        a.config = a.config.map(|c| base.join(c));
        out.push(a);
    }
    Ok(out)
}

/// The athlete's folder name under the roster's output: lower case, letters
/// and digits, other runs of characters as one `-`.
pub fn slug(name: &str) -> String {
    let mut s = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            s.push(c);
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    let s = s.trim_end_matches('-').to_string();
    if s.is_empty() { "athlete".into() } else { s }
}

/// How one athlete's report run went.
#[derive(Debug)]
pub struct Outcome {
    /// The athlete.
    pub athlete: Athlete,
    /// Their folder under the roster's output.
    pub slug: String,
    /// The report written (or left up to date), or why there is none.
    pub written: std::result::Result<report::Written, String>,
}

/// Build every athlete's report under `out/<slug>/`, in parallel.
fn reports(athletes: &[Athlete], out: &Path, opts: &RunOptions) -> Vec<Outcome> {
    athletes
        .par_iter()
        .map(|a| {
            let slug = slug(&a.name);
            let written = (|| {
                let cfg = a
                    .config
                    .clone()
                    .or_else(|| Some(a.data[0].join("runlift.toml")).filter(|p| p.is_file()));
                let mut settings = config::load(cfg, Overrides::default())?;
                settings.athlete_name = a.name.clone();
                report::run(&a.data, &out.join(&slug), &settings, opts)
            })()
            .map_err(|e: Error| e.to_string());
            Outcome {
                athlete: a.clone(),
                slug,
                written,
            }
        })
        .collect()
}

/// Build the roster of `config` under `out`: each athlete's report, then
/// `index.html` and `roster.csv`. Returns each athlete's outcome.
pub fn run(config: &Path, out: &Path, opts: &RunOptions) -> Result<Vec<Outcome>> {
    let athletes = read(config)?;
    std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
    let outcomes = reports(&athletes, out, opts);
    // Messages name folders as the roster file does, not by where it lies.
    let base = config.parent().unwrap_or(Path::new(""));
    let rows: Vec<overview::Row> = (outcomes.iter())
        .map(|o| overview::row(o, out, base))
        .collect();
    crate::output::write_atomic(&out.join("roster.csv"), &overview::csv(&rows)?)?;
    crate::output::write_atomic(&out.join("index.html"), overview::html(&rows).as_bytes())?;
    Ok(outcomes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_folder_names() {
        assert_eq!(slug("Ana"), "ana");
        assert_eq!(slug("  Jean-Luc O'Neil "), "jean-luc-o-neil");
        assert_eq!(slug("Zoë 2"), "zoë-2");
        assert_eq!(slug("!!"), "athlete");
    }

    #[test]
    fn the_roster_file_resolves_paths_from_its_folder_and_refuses_clashes() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("roster.toml");
        std::fs::write(
            &p,
            "[[athletes]]\nname = \"Ana\"\ndata = [\"exports/ana\"]\n\n[[athletes]]\nname = \"Ben\"\ndata = [\"b\"]\nconfig = \"b/p.toml\"\n",
        )
        .unwrap();
        let a = read(&p).unwrap();
        assert_eq!(a[0].data, vec![dir.path().join("exports/ana")]);
        assert_eq!(a[1].config, Some(dir.path().join("b/p.toml")));
        std::fs::write(&p, "[[athletes]]\nname = \"Ana\"\ndata = [\"a\"]\n[[athletes]]\nname = \"ana\"\ndata = [\"b\"]\n").unwrap();
        assert!(
            read(&p)
                .unwrap_err()
                .to_string()
                .contains("share the folder 'ana'")
        );
        std::fs::write(&p, "[[athletes]]\nname = \"Ana\"\ndata = []\n").unwrap();
        assert!(read(&p).unwrap_err().to_string().contains("no data folder"));
    }
}
