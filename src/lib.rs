//! runlift: a batch pipeline for runners who lift.
//!
//! Data flow, one module per stage:
//!
//! ```text
//! ingest (FIT, CSV, containers; sniffed by content)
//!   → store (Parquet, only new or changed files decoded) → dedupe
//!   → tables (canonical polars tables; columns defined in `schema`;
//!     `samples` read from the store an activity at a time)
//!   → analysis (steady state, per-run metrics, strength sessions, estimates)
//!   → report (PNG charts, summary.json, tables/*.csv, report.md)
//! ```
//!
//! `simulate` writes a simulated athlete's exports with a known ground truth;
//! `cli` turns command-line flags into validated settings and runs a command.

pub mod analysis;
pub mod cli;
pub mod config;
pub mod dedupe;
pub mod error;
pub mod fit;
pub mod ingest;
pub mod inspect;
pub mod kinds;
pub mod output;
pub mod pipeline;
pub mod report;
pub mod roster;
pub mod samples;
pub mod schema;
pub mod simulate;
pub mod store;
pub mod tables;
pub mod zones;

pub use error::{Error, Result};
