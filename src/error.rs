//! The library's error type. Every error about input names the file, and the
//! row or byte offset where that is known, so a runner can find the culprit.

use std::path::{Path, PathBuf};

/// Errors raised by the runlift library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A FIT file could not be decoded.
    #[error("{path}: not a readable FIT file: {message}")]
    Fit {
        /// The file.
        path: PathBuf,
        /// What was wrong, with the byte offset where known.
        message: String,
    },
    /// A CSV file had a malformed row or header.
    #[error("{path}, row {row}: {message}")]
    Csv {
        /// The file.
        path: PathBuf,
        /// One-based row number (the header is row 1).
        row: u64,
        /// What was wrong.
        message: String,
    },
    /// An input file is malformed in a way specific to its container or format.
    #[error("{path}: {message}")]
    Input {
        /// The file.
        path: PathBuf,
        /// What was wrong.
        message: String,
    },
    /// A readable file that holds no workout (a FIT settings or monitoring
    /// file, say): skipped, not failed.
    #[error("{path}: {what}")]
    NotAWorkout {
        /// The file.
        path: PathBuf,
        /// What it is instead.
        what: String,
    },
    /// The incremental store is busy or unusable.
    #[error("store {path}: {message}")]
    Store {
        /// The store folder.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A setting (flag or config file) is invalid.
    #[error("invalid setting: {0}")]
    Config(String),
    /// Writing an output failed.
    #[error("writing output: {0}")]
    Output(String),
    /// A table operation failed.
    #[error("table operation failed: {0}")]
    Table(#[from] polars::error::PolarsError),
    /// Writing JSON failed.
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// Rendering a chart failed.
    #[error("chart {name}: {message}")]
    Chart {
        /// Chart file name.
        name: String,
        /// What the drawing library said.
        message: String,
    },
}

/// Result type of the runlift library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An I/O error about `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// A malformed-input error about `path`.
    pub fn input(path: &Path, message: impl Into<String>) -> Self {
        Error::Input {
            path: path.to_path_buf(),
            message: message.into(),
        }
    }

    /// A CSV error about row `row` of `path`.
    pub fn csv(path: &Path, row: u64, message: impl Into<String>) -> Self {
        Error::Csv {
            path: path.to_path_buf(),
            row,
            message: message.into(),
        }
    }
}
