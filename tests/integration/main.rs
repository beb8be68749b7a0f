//! Integration tests, built into one binary: simulated seasons through the
//! whole pipeline, the CLI as a user runs it, and the FIT files the
//! simulator writes.

mod account_export;
mod apple_health;
mod blocks;
mod cadence_lock;
mod city;
mod cli;
mod common;
mod conformance;
mod csv_locales;
mod duplicates;
mod fast_fit;
mod fit_files;
mod gpx;
mod history;
mod honest;
mod load;
mod pipeline;
mod power;
mod realdata;
mod recording;
mod report_files;
mod robustness;
mod roster;
mod share;
mod store;
mod tcx;
mod truth;
mod weekly_job;
mod zones;
