//! The `runlift` command: parse flags, run, print errors with their causes.

use clap::Parser;
use std::error::Error as _;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = runlift::cli::Cli::parse();
    match runlift::cli::run(cli) {
        Ok(code) => ExitCode::from(code),
        // The reader of our output has gone (`| head`): nothing to report.
        Err(runlift::Error::Io { source, .. })
            if source.kind() == std::io::ErrorKind::BrokenPipe =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            let top = e.to_string();
            eprintln!("runlift: error: {top}");
            let mut source = e.source();
            while let Some(cause) = source {
                // Most messages already end with their cause; say it once.
                if !top.contains(&cause.to_string()) {
                    eprintln!("  caused by: {cause}");
                }
                source = cause.source();
            }
            ExitCode::from(2)
        }
    }
}
