//! `tokenrisk cascade`: the liquidation cascade a price shock sets off through a recorded order
//! book (Binance's, Coinbase's or Bybit's shape), with open interest split over a leverage mix, as
//! JSON or a table. The model is `tokenrisk_core::cascade`'s. Without `--open-interest`, the
//! open interest is Binance's live figure for `--symbol`.

use crate::brackets::{brackets_for, BracketsUsed};
use crate::live::get;
use crate::risk::Format;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;
use tokenrisk_core::cascade::{
    simulate, CascadeInput, CascadeReport, LeverageMix, LeverageMixPreset, Stop, DEFAULT_MAX_ROUNDS,
};
use tokenrisk_core::depth_stress::Haircut;
use tokenrisk_core::liquidity::Top;
use tokenrisk_market::sources::binance_futures::{open_interest_url, parse_open_interest};
use tokenrisk_market::sources::bybit::parse_any_book;

/// Share of open interest that is long when `--long-share` is not given: the middle of the
/// 0.6–0.85 the facts file gives for crashes (`shared/design/facts-2026.md` §9.3).
pub const DEFAULT_LONG_SHARE: f64 = 0.725;

/// Binance's host for key-less USDⓈ-M market data.
pub const BINANCE_FUTURES_API: &str = "https://fapi.binance.com";

/// How long the live open interest may take, seconds.
const LIVE_TIMEOUT_S: u64 = 15;

/// The cascade to simulate.
#[derive(Debug, Clone, clap::Args)]
pub struct CascadeArgs {
    /// Order book in Binance's depth-response shape (`GET /api/v3/depth` or `/fapi/v1/depth`),
    /// Coinbase's level-2 book or Bybit's v5 order book (`GET /v5/market/orderbook`).
    #[arg(long, value_name = "FILE.json")]
    pub book: PathBuf,
    /// The price shock as a fraction: -0.05 is a 5 % fall.
    #[arg(long, value_name = "FRACTION", allow_negative_numbers = true)]
    pub shock: f64,
    /// Open interest in USD at the start price; the book is one venue's, so give that venue's
    /// open interest to compare like with like [default: Binance's live open interest of
    /// `--symbol`, in contracts, times the start price].
    #[arg(long, value_name = "USD", allow_negative_numbers = true)]
    pub open_interest: Option<f64>,
    /// Where Binance's USDⓈ-M market data is asked for the live open interest.
    #[arg(long, value_name = "URL", default_value = BINANCE_FUTURES_API)]
    pub futures_base: String,
    /// Share of open interest that is long [default: 0.725, the middle of the 0.6–0.85 seen in
    /// crashes].
    #[arg(long, value_name = "S", allow_negative_numbers = true)]
    pub long_share: Option<f64>,
    /// Leverage mix: a preset (retail, hyperliquid, vendor) or a JSON file of
    /// `[[leverage, share], …]`. Presets are capped at the contract's maximum leverage.
    #[arg(long, value_name = "PRESET|FILE", default_value = "retail")]
    pub leverage_mix: String,
    /// Depth haircut `0 ≤ H < 1`: every level keeps `(1 − H)` of its quantity.
    #[arg(
        long,
        value_name = "H",
        default_value_t = 0.0,
        allow_negative_numbers = true
    )]
    pub haircut: f64,
    /// USDⓈ-M symbol whose first maintenance-margin bracket the positions use.
    #[arg(long, default_value = "BTCUSDT")]
    pub symbol: String,
    /// Maintenance brackets from a saved answer of Binance's signed
    /// `GET /fapi/v1/leverageBracket` [default: the bundled snapshot of 2024-10-24].
    #[arg(long, value_name = "FILE.json")]
    pub brackets: Option<PathBuf>,
    /// Price before the shock [default: the book's mid]; the book is rescaled to it.
    #[arg(long, value_name = "P", allow_negative_numbers = true)]
    pub start_price: Option<f64>,
    /// Share of the stressed book posted again after each round, `0 ≤ R ≤ 1`.
    #[arg(
        long,
        value_name = "R",
        default_value_t = 0.0,
        allow_negative_numbers = true
    )]
    pub replenishment: f64,
    /// Most rounds to run.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_ROUNDS)]
    pub max_rounds: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Runs the command: the output on standard output and status 0, or the reason on standard
/// error and status 2.
pub fn main(args: &CascadeArgs) -> ExitCode {
    match run(args) {
        Ok(output) => {
            println!("{output}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("tokenrisk cascade: {message}");
            ExitCode::from(2)
        }
    }
}

/// The mix asked for, its name, its source, and whether it was capped.
struct Mix {
    mix: LeverageMix,
    name: String,
    source: String,
    capped: bool,
}

fn preset(name: &str) -> Option<LeverageMixPreset> {
    match name {
        "retail" => Some(LeverageMixPreset::ExchangeRetail),
        "hyperliquid" => Some(LeverageMixPreset::HyperliquidObserved),
        "vendor" => Some(LeverageMixPreset::HeatmapVendor),
        _ => None,
    }
}

fn read_mix(arg: &str, maximum: f64) -> Result<Mix, String> {
    if let Some(p) = preset(arg) {
        let (mix, capped) = p.mix().capped(maximum);
        return Ok(Mix {
            mix,
            name: arg.to_owned(),
            source: p.source().to_owned(),
            capped,
        });
    }
    let path = Path::new(arg);
    let text = std::fs::read_to_string(path).map_err(|e| {
        format!("--leverage-mix {arg}: not a preset (retail, hyperliquid, vendor) nor a readable file: {e}")
    })?;
    let buckets: Vec<(f64, f64)> = serde_json::from_str(&text).map_err(|e| {
        format!("--leverage-mix {arg}: expected a JSON list of [leverage, share] pairs: {e}")
    })?;
    Ok(Mix {
        mix: LeverageMix { buckets },
        name: "file".to_owned(),
        source: path.display().to_string(),
        capped: false,
    })
}

/// Reads the book and the mix, simulates and renders the cascade.
///
/// # Errors
/// A message naming the file or the option and the reason (the command exits with status 2):
/// an unreadable file, a body that is not a depth response, an invalid book (empty, crossed or
/// one-sided), an unknown symbol or mix, a number out of range, a leverage above the
/// contract's maximum.
pub fn run(args: &CascadeArgs) -> Result<String, String> {
    let file = args.book.display();
    let text = std::fs::read_to_string(&args.book).map_err(|e| format!("{file}: {e}"))?;
    let book = parse_any_book(&text).map_err(|e| format!("{file}: {e}"))?;
    book.validate()
        .map_err(|e| format!("{file}: invalid book: {e}"))?;
    let symbol = args.symbol.trim().to_ascii_uppercase();
    let brackets = brackets_for(&symbol, args.brackets.as_deref())?;
    let bracket = brackets.table.brackets()[0];
    let mix = read_mix(&args.leverage_mix, bracket.max_leverage)?;
    let start_price = args
        .start_price
        .unwrap_or_else(|| Top::of(&book).map_or(f64::NAN, Top::mid));
    let open_interest = match args.open_interest {
        Some(usd) => OpenInterestUsed {
            usd,
            source: "set (--open-interest)".to_owned(),
        },
        None => live_open_interest(&args.futures_base, &symbol, start_price)?,
    };
    let input = CascadeInput {
        start_price,
        book,
        shock: args.shock,
        open_interest: open_interest.usd,
        long_share: args.long_share.unwrap_or(DEFAULT_LONG_SHARE),
        entries: Vec::new(),
        mix: mix.mix.clone(),
        bracket,
        haircut: Haircut::Flat(args.haircut),
        replenishment: args.replenishment,
        max_rounds: args.max_rounds,
    };
    let report = simulate(&input).map_err(|e| e.to_string())?;
    let shown = Shown {
        args,
        open_interest: &open_interest,
        symbol: &symbol,
        input: &input,
        mix: &mix,
        report: &report,
        brackets: &brackets,
    };
    Ok(match args.format {
        Format::Json => shown.json().to_string(),
        Format::Table => shown.table(),
    })
}

/// The open interest the cascade used, and where it came from.
struct OpenInterestUsed {
    usd: f64,
    source: String,
}

/// Binance's open interest of `symbol` now, in contracts, times `price`.
fn live_open_interest(base: &str, symbol: &str, price: f64) -> Result<OpenInterestUsed, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(LIVE_TIMEOUT_S)))
        .build()
        .into();
    let url = open_interest_url(base.trim_end_matches('/'), symbol);
    let fail = |e: String| format!("no --open-interest given and the live one failed: {e}");
    let body = get(&agent, &url).map_err(fail)?;
    let contracts = parse_open_interest(&body)
        .map_err(|e| fail(format!("{url}: {e}")))?
        .open_interest;
    Ok(OpenInterestUsed {
        usd: contracts * price,
        source: format!("Binance USD-M live, {contracts} contracts × the start price ({url})"),
    })
}

struct Shown<'a> {
    args: &'a CascadeArgs,
    open_interest: &'a OpenInterestUsed,
    symbol: &'a str,
    input: &'a CascadeInput,
    mix: &'a Mix,
    report: &'a CascadeReport,
    brackets: &'a BracketsUsed,
}

fn stop_word(stop: Stop) -> &'static str {
    match stop {
        Stop::Settled => "settled",
        Stop::RoundLimit => "round_limit",
        Stop::BookExhausted => "book_exhausted",
    }
}

impl Shown<'_> {
    fn json(&self) -> Value {
        let (r, i) = (self.report, self.input);
        json!({
            "book": self.args.book.display().to_string(),
            "symbol": self.symbol,
            "start_price": r.start_price,
            "shock": i.shock,
            "shocked_price": r.shocked_price,
            "open_interest": i.open_interest,
            "open_interest_source": self.open_interest.source,
            "long_share": i.long_share,
            "leverage_mix": {
                "name": self.mix.name,
                "buckets": i.mix.buckets,
                "source": self.mix.source,
                "capped_at_maximum": self.mix.capped,
            },
            "maintenance_rate": i.bracket.maintenance_rate,
            "max_leverage": i.bracket.max_leverage,
            "bracket_date": self.brackets.date,
            "bracket_source": self.brackets.source,
            "haircut": self.args.haircut,
            "replenishment": i.replenishment,
            "rounds": r.rounds.len(),
            "stop": stop_word(r.stop),
            "final_price": r.final_price,
            "price_path": r.price_path(),
            "liquidated_long": r.liquidated_long,
            "liquidated_short": r.liquidated_short,
            "liquidated_base": r.liquidated_base,
            "absorbed": r.absorbed,
            "insurance_loss": r.insurance_loss,
            "to_adl": r.to_adl,
            "amplification": r.amplification,
            "dropped_long": r.dropped_long,
            "dropped_short": r.dropped_short,
            "round_details": r.rounds.iter().map(|round| json!({
                "price": round.price,
                "cohorts": round.cohorts,
                "liquidated_long": round.liquidated_long,
                "liquidated_short": round.liquidated_short,
                "absorbed": round.absorbed,
                "insurance_loss": round.insurance_loss,
                "to_adl": round.to_adl,
            })).collect::<Vec<_>>(),
        })
    }

    fn table(&self) -> String {
        let (r, i) = (self.report, self.input);
        let mut lines = vec![
            format!(
                "{}: shock {:+.2} % from {} to {}; open interest {:.0} USD ({}), {:.1} % long",
                self.args.book.display(),
                i.shock * 100.0,
                r.start_price,
                r.shocked_price,
                i.open_interest,
                self.open_interest.source,
                i.long_share * 100.0
            ),
            format!(
                "leverage mix {} ({}){}: {}",
                self.mix.name,
                self.mix.source,
                if self.mix.capped {
                    format!(", capped at {}×", i.bracket.max_leverage)
                } else {
                    String::new()
                },
                i.mix
                    .buckets
                    .iter()
                    .map(|(l, s)| format!("{l}× {:.0} %", s * 100.0))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            format!(
                "{:>5} {:>16} {:>8} {:>18} {:>18} {:>16}",
                "round", "price", "cohorts", "liquidated (USD)", "absorbed (USD)", "insurance loss"
            ),
        ];
        for (k, round) in r.rounds.iter().enumerate() {
            lines.push(format!(
                "{:>5} {:>16.6} {:>8} {:>18.0} {:>18.0} {:>16.0}",
                k + 1,
                round.price,
                round.cohorts,
                round.liquidated_long + round.liquidated_short,
                round.absorbed,
                round.insurance_loss
            ));
        }
        let rows = [
            ("Final price", format!("{}", r.final_price)),
            (
                "Amplification",
                format!("{:.2}× the shock's move", r.amplification),
            ),
            ("Liquidated longs", format!("{:.0} USD", r.liquidated_long)),
            (
                "Liquidated shorts",
                format!("{:.0} USD", r.liquidated_short),
            ),
            ("Absorbed by the book", format!("{:.0} USD", r.absorbed)),
            (
                "Insurance fund loss",
                format!("{:.0} USD", r.insurance_loss),
            ),
            ("Left to auto-deleveraging", format!("{:.0} USD", r.to_adl)),
        ];
        for (label, value) in rows {
            lines.push(format!("  {label:<26} {value}"));
        }
        lines.push(
            match r.stop {
                Stop::Settled => "Stopped: no further liquidation price was crossed.",
                Stop::RoundLimit => "Stopped at the round limit with positions still crossed.",
                Stop::BookExhausted => {
                    "Stopped: the book ran out; the price would have fallen further."
                }
            }
            .to_owned(),
        );
        lines.push(format!(
            "positions: isolated, {} first bracket (maintenance {} %, max {}×); brackets: {}",
            self.symbol,
            i.bracket.maintenance_rate * 100.0,
            i.bracket.max_leverage,
            self.brackets.source
        ));
        lines.push(
            "one book snapshot; fees, funding, the liquidation fee and cross margin not modelled"
                .to_owned(),
        );
        lines.join("\n")
    }
}
