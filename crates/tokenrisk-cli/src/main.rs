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
    /// Risk report of a price CSV file (exchange or data-vendor export): returns, volatility,
    /// drawdowns, VaR and ES, ratios, and beta/correlation to a benchmark.
    Risk {
        /// The price CSV: a header row, a time column (date, time, timestamp, open_time,
        /// datetime) and a price column (adjclose, adj_close, close, price, value).
        #[arg(long, value_name = "FILE.csv")]
        prices: PathBuf,
        /// A benchmark price CSV, compared on the dates both files have.
        #[arg(long, value_name = "FILE.csv")]
        benchmark: Option<PathBuf>,
        /// Return periods per year [default: 365 for daily data with weekend dates, 252 for
        /// weekday-only data; for intraday data, a year over the median spacing].
        #[arg(long, value_name = "N")]
        periods_per_year: Option<f64>,
        /// Confidence of the var_hist, cvar_hist, var_gauss, cvar_gauss and var_cf keys.
        #[arg(long, default_value_t = 0.95)]
        confidence: f64,
        /// Annual risk-free rate for the Sharpe ratio, as a fraction.
        #[arg(long, default_value_t = 0.0)]
        risk_free: f64,
        /// Name of the price column, overriding the defaults.
        #[arg(long, value_name = "NAME")]
        price_column: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = tokenrisk_cli::risk::Format::Table)]
        format: tokenrisk_cli::risk::Format,
        /// Returns for the return-based metrics: simple (P_t/P_t-1 − 1) or log.
        #[arg(long, default_value = "simple")]
        returns: tokenrisk_core::returns::ReturnKind,
        /// Periods of the multi-period VaR and ES (overlapping returns and √time).
        #[arg(long, default_value_t = 10)]
        horizon: usize,
        /// Stationary-bootstrap resamples for confidence intervals (0 to skip).
        #[arg(long, default_value_t = 1000)]
        resamples: usize,
        /// Seed of the bootstrap and Monte Carlo generator (same seed, same numbers).
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// What a market order would do to an order book (a file in Binance's depth-response
    /// shape, Coinbase's level-2 book or Bybit's v5 order book): average price, slippage against the mid, levels consumed, what was filled and
    /// what the book could not fill.
    #[command(group(clap::ArgGroup::new("size").required(true).args(["base_size", "quote_size"])))]
    Slippage {
        /// The order book: a `GET /api/v3/depth` (or `/fapi/v1/depth`) response body, a
        /// Coinbase level-2 book or a Bybit `GET /v5/market/orderbook` answer.
        #[arg(long, value_name = "FILE.json")]
        depth: PathBuf,
        /// Sell into the bids or buy from the asks.
        #[arg(long, value_enum)]
        side: tokenrisk_cli::slippage::SideArg,
        /// Order size in base units (e.g. tokens).
        #[arg(long, value_name = "Q", allow_negative_numbers = true)]
        base_size: Option<f64>,
        /// Order size in quote units (e.g. USDT) to receive (sell) or spend (buy).
        #[arg(long, value_name = "Q", allow_negative_numbers = true)]
        quote_size: Option<f64>,
        /// Flat depth haircut 0 ≤ H < 1: every level keeps (1 − H) of its quantity.
        #[arg(long, value_name = "H", allow_negative_numbers = true)]
        haircut: Option<f64>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = tokenrisk_cli::risk::Format::Table)]
        format: tokenrisk_cli::risk::Format,
    },
    /// Build the data snapshot the web app bundles: live (crypto from Binance's public market
    /// data, equities from Yahoo Finance), or from a directory of CSV exports.
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
        /// Base URL of Yahoo Finance's chart API (for a proxy or a test server).
        #[arg(long, value_name = "URL", default_value = tokenrisk_cli::live::YAHOO_CHART_API)]
        yahoo_url: String,
        /// Seconds to wait for each live request.
        #[arg(long, value_name = "SECONDS", default_value_t = 10)]
        timeout: u64,
        /// After fetching live, add from the CSV files under this directory the assets the live
        /// sources could not give; live series are never replaced.
        #[arg(long, value_name = "DIR", conflicts_with = "from_csv")]
        fill_from_csv: Option<PathBuf>,
        /// Where to write the companies' quarters (SEC EDGAR's capital expenditure and revenue)
        /// [default: quarters.json beside --out].
        #[arg(long, value_name = "FILE")]
        quarters_out: Option<PathBuf>,
        /// Read the companies' quarters from the saved SEC answers (companyconcept or
        /// companyfacts JSON) in this directory instead of fetching them.
        #[arg(long, value_name = "DIR")]
        sec_from: Option<PathBuf>,
        /// The User-Agent SEC EDGAR asks for, naming you and a contact (e.g. "Jane Doe
        /// jane@example.org"); without it (or TOKENRISK_SEC_USER_AGENT) the live build asks SEC
        /// nothing.
        #[arg(long, value_name = "TEXT")]
        sec_user_agent: Option<String>,
        /// Base URL of SEC EDGAR's XBRL API (for a proxy or a test server).
        #[arg(long, value_name = "URL", default_value = tokenrisk_market::sources::sec_edgar::SEC_DATA_API)]
        sec_url: String,
    },
    /// Liquidation price of a Binance USDⓈ-M position (one-way mode, isolated or cross) with
    /// the maintenance-margin brackets of the bundled, dated snapshot.
    LiquidationPrice(tokenrisk_cli::liquidation::LiquidationArgs),
    /// The liquidation cascade a price shock sets off through an order book (Binance's,
    /// Coinbase's or Bybit's shape): rounds of forced orders, the price path, what was liquidated and
    /// who absorbed it.
    Cascade(tokenrisk_cli::cascade::CascadeArgs),
    /// A token's supply day by day from a preset (tao, near, icp, render, fet): emission,
    /// burns, unlocks, total and circulating supply, net inflation; every parameter sourced and
    /// editable with --set KEY=VALUE.
    Supply(tokenrisk_cli::supply::SupplyArgs),
    /// The scenario a shared link carries (holdings, shocks, simulation), between JSON and the
    /// link's fragment: `default`, `encode FILE.json` (or `-`), `decode FRAGMENT`.
    Scenario(tokenrisk_cli::scenario::ScenarioArgs),
    /// One concept of a saved SEC EDGAR answer (companyfacts or companyconcept) as fiscal
    /// quarters: end, start, value, derived (true where computed from year-to-date or annual
    /// values), form, filed.
    Quarters(tokenrisk_cli::quarters::QuartersArgs),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::LiquidationPrice(args) => tokenrisk_cli::liquidation::main(&args),
        Command::Cascade(args) => tokenrisk_cli::cascade::main(&args),
        Command::Supply(args) => tokenrisk_cli::supply::main(&args),
        Command::Scenario(args) => tokenrisk_cli::scenario::main(&args),
        Command::Quarters(args) => tokenrisk_cli::quarters::main(&args),
        Command::Risk {
            prices,
            benchmark,
            periods_per_year,
            confidence,
            risk_free,
            price_column,
            format,
            returns,
            horizon,
            resamples,
            seed,
        } => {
            let options = tokenrisk_cli::risk::RiskOptions {
                prices: &prices,
                benchmark: benchmark.as_deref(),
                periods_per_year,
                confidence,
                risk_free,
                price_column: price_column.as_deref(),
                format,
                returns,
                horizon,
                resamples,
                seed,
            };
            match tokenrisk_cli::risk::run(&options) {
                Ok(output) => {
                    println!("{output}");
                    ExitCode::SUCCESS
                }
                Err(message) => {
                    eprintln!("tokenrisk risk: {message}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Slippage {
            depth,
            side,
            base_size,
            quote_size,
            haircut,
            format,
        } => {
            use tokenrisk_core::execution::Size;
            let size = match (base_size, quote_size) {
                (Some(q), _) => Size::Base(q),
                (None, Some(q)) => Size::Quote(q),
                (None, None) => unreachable!("clap requires one size"),
            };
            let options = tokenrisk_cli::slippage::SlippageOptions {
                depth: &depth,
                side,
                size,
                haircut,
                format,
            };
            match tokenrisk_cli::slippage::run(&options) {
                Ok(output) => {
                    println!("{output}");
                    ExitCode::SUCCESS
                }
                Err(message) => {
                    eprintln!("tokenrisk slippage: {message}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Snapshot {
            from_csv,
            out,
            binance_url,
            yahoo_url,
            timeout,
            fill_from_csv,
            quarters_out,
            sec_from,
            sec_user_agent,
            sec_url,
        } => {
            let live = from_csv.is_none();
            let built = match from_csv {
                Some(dir) => tokenrisk_cli::csv_dir::snapshot_from_csv_dir(&dir),
                None => tokenrisk_cli::live::snapshot_live(&tokenrisk_cli::live::LiveSources {
                    binance: binance_url,
                    yahoo: yahoo_url,
                    timeout: Duration::from_secs(timeout),
                })
                .and_then(|live| match fill_from_csv {
                    Some(dir) => {
                        Ok(live.filled_from(tokenrisk_cli::csv_dir::snapshot_from_csv_dir(&dir)?))
                    }
                    None => Ok(live),
                }),
            };
            let quarters_out = quarters_out.unwrap_or_else(|| out.with_file_name("quarters.json"));
            let user_agent = sec_user_agent
                .or_else(|| std::env::var("TOKENRISK_SEC_USER_AGENT").ok())
                .filter(|a| !a.trim().is_empty());
            match built.and_then(|report| tokenrisk_cli::write_snapshot(&report, &out)) {
                Ok(summary) => {
                    println!("{summary}");
                    let quarters = match (sec_from, user_agent) {
                        (Some(dir), _) => tokenrisk_cli::sec::read_recorded(&dir),
                        (None, Some(agent)) if live => tokenrisk_cli::sec::fetch_live(
                            &sec_url,
                            &agent,
                            Duration::from_secs(timeout),
                        ),
                        (None, _) => tokenrisk_cli::sec::QuartersReport {
                            companies: Vec::new(),
                            skipped: vec![if live {
                                "not asked: SEC asks for a User-Agent naming you and a contact (--sec-user-agent or TOKENRISK_SEC_USER_AGENT)".to_owned()
                            } else {
                                "not asked when building from CSV files (--sec-from DIR reads saved answers)".to_owned()
                            }],
                        },
                    };
                    match tokenrisk_cli::sec::write_quarters(&quarters, &quarters_out) {
                        Ok(summary) => println!("{summary}"),
                        Err(message) => {
                            eprintln!("tokenrisk snapshot: {message}");
                            return ExitCode::from(1);
                        }
                    }
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
