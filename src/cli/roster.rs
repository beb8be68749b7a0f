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
    /// Store options (each athlete has a store of their own under their folder).
    #[command(flatten)]
    pub store: StoreArgs,
}

/// Build the roster; exit 0 when the overview was written (an athlete
/// without a report shows as such in it), 1 when no athlete has a report.
pub fn command(a: RosterArgs) -> Result<u8> {
    if a.store.store.is_some() || a.store.gym_default_time.is_some() {
        return Err(Error::Config(
            "roster: --store and --gym-default-time are per athlete (set them in each athlete's runlift.toml)".into(),
        ));
    }
    a.store.apply_jobs()?;
    let opts = RunOptions {
        rebuild: a.store.rebuild,
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
