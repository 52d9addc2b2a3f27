//! `tokenrisk`: Token Risk Lab from a terminal.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// Token Risk Lab from a terminal.
#[derive(Parser)]
#[command(name = "tokenrisk", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the data snapshot the web app bundles: live from Binance's public market data, or
    /// from a directory of CSV exports.
    Snapshot {
        /// Read every CSV file under this directory (recursively) instead of fetching live.
        #[arg(long, value_name = "DIR")]
        from_csv: Option<PathBuf>,
        /// Where to write the snapshot JSON.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Base URL of Binance's spot market-data API (for a proxy or a test server).
        #[arg(long, value_name = "URL", default_value = tokenrisk_cli::live::BINANCE_DATA_API)]
        binance_url: String,
        /// Seconds to wait for each live request.
        #[arg(long, value_name = "SECONDS", default_value_t = 10)]
        timeout: u64,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Snapshot {
            from_csv,
            out,
            binance_url,
            timeout,
        } => {
            let built = match from_csv {
                Some(dir) => tokenrisk_cli::csv_dir::snapshot_from_csv_dir(&dir),
                None => {
                    tokenrisk_cli::live::snapshot_live(&binance_url, Duration::from_secs(timeout))
                }
            };
            match built.and_then(|report| tokenrisk_cli::write_snapshot(&report, &out)) {
                Ok(summary) => {
                    println!("{summary}");
                    ExitCode::SUCCESS
                }
                Err(message) => {
                    eprintln!("tokenrisk snapshot: {message}");
                    ExitCode::from(1)
                }
            }
        }
    }
}
