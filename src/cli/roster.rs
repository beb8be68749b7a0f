//! `runlift roster`: every athlete of a coach's roster file, one report
//! each (in parallel, each with its own store), and the overview page.

use super::StoreArgs;
use crate::error::{Error, Result};
use crate::report::RunOptions;
use clap::Args;
use std::path::{Path, PathBuf};

/// Options of `runlift roster`.
#[derive(Debug, Args)]
pub struct RosterArgs {
    /// The roster: `[[athletes]]` with `name`, `data` (folders) and optionally `config`.
    #[arg(long, value_name = "FILE", default_value = "roster.toml")]
    pub config: PathBuf,
    /// Folder of the overview (`index.html`, `roster.csv`) and each athlete's reports.
    #[arg(long, value_name = "DIR", default_value = "roster")]
    pub out: PathBuf,
    /// Render every report even when it was already built from the same inputs and settings.
    #[arg(long)]
    pub force: bool,
    /// Forget every athlete's store and read every file again (each
    /// athlete's store is `<out>/<athlete>/.store`).
    #[arg(long)]
    pub rebuild: bool,
    /// Files decoded at once (default: one per core).
    #[arg(long, value_name = "N")]
    pub jobs: Option<std::num::NonZeroUsize>,
}

/// Build the roster; exit 0 when the overview was written (an athlete
/// without a report shows as such in it), 1 when no athlete has a report.
pub fn command(a: RosterArgs) -> Result<u8> {
    let pool = StoreArgs {
        store: None,
        rebuild: a.rebuild,
        gym_default_time: None,
        jobs: a.jobs,
    };
    pool.apply_jobs()?;
    let opts = RunOptions {
        rebuild: a.rebuild,
        progress: false,
        force: a.force,
    };
    let outcomes = crate::roster::run(&a.config, &a.out, &opts)?;
    let mut any = false;
    for o in &outcomes {
        match &o.written {
            Ok(w) => {
                any = true;
                say!(
                    "{}: {} files decoded, {} unchanged; {}",
                    o.athlete.name,
                    w.decoded,
                    w.reused,
                    w.summary_line()
                )?;
            }
            Err(why) => say!("{}: no report: {why}", o.athlete.name)?,
        }
    }
    say!("overview: {}", a.out.join("index.html").display())?;
    Ok(if any { 0 } else { 1 })
}
