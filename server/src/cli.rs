//! The command line: `voice [serve]`, `voice create-admin`, `voice seed-demo`,
//! `voice generate-data`, `voice backup`.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "voice",
    about = "Voice: hearing children in care and care leavers"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Serve the web app (the default).
    Serve {
        /// Create the demo accounts first if there are no accounts yet.
        #[arg(long)]
        seed_demo_if_empty: bool,
    },
    /// Create an admin account and print its one-time activation code.
    CreateAdmin {
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: String,
    },
    /// Create one demo account for each role and print how to sign in.
    SeedDemo,
    /// Fill an empty database with three years of made-up young people,
    /// surveys, ratings, sessions and concerns, to try the reports on.
    /// The same seed always makes the same data.
    GenerateData {
        #[arg(long, default_value_t = 7)]
        seed: u64,
        /// Make the bench's million survey answers instead of a council's worth.
        #[arg(long)]
        bench_scale: bool,
    },
    /// Copy the SQLite database to FILE; safe while Voice is serving.
    Backup { file: PathBuf },
}
