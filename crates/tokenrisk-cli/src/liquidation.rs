//! `tokenrisk liquidation-price`: the liquidation price of a Binance USDⓈ-M position (one-way
//! mode) with the maintenance-margin brackets of the bundled snapshot or of a saved
//! `leverageBracket` answer (`--brackets`), as JSON or a table.

use crate::brackets::{brackets_for, BracketsUsed};
use crate::risk::Format;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::ExitCode;
use tokenrisk_core::leverage::{
    initial_margin, liquidation_price, LeverageError, Liquidation, Margin, Position, Side,
};

/// Long or short.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SideArg {
    /// Gains when the price rises.
    Long,
    /// Gains when the price falls.
    Short,
}

/// Isolated or cross margin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Mode {
    /// Only the margin given to this position can be lost.
    Isolated,
    /// The whole account backs the position.
    Cross,
}

/// The position and its margin.
#[derive(Debug, Clone, clap::Args)]
#[command(group(clap::ArgGroup::new("margin").required(true).args(["leverage", "wallet"])))]
pub struct LiquidationArgs {
    /// USDⓈ-M perpetual symbol (BTCUSDT, TAOUSDT, NEARUSDT, ICPUSDT, FETUSDT, RENDERUSDT).
    #[arg(long)]
    pub symbol: String,
    /// Long or short.
    #[arg(long, value_enum)]
    pub side: SideArg,
    /// Entry price (USDT).
    #[arg(long, value_name = "P", allow_negative_numbers = true)]
    pub entry: f64,
    /// Position size in base units (e.g. BTC).
    #[arg(long, value_name = "Q", allow_negative_numbers = true)]
    pub size: f64,
    /// Leverage: the wallet is the initial margin, entry notional / leverage; at most the
    /// maximum of the bracket holding the entry notional.
    #[arg(long, value_name = "L", allow_negative_numbers = true)]
    pub leverage: Option<f64>,
    /// Wallet balance backing the position (USDT): the isolated margin, or the cross wallet.
    #[arg(long, value_name = "W", allow_negative_numbers = true)]
    pub wallet: Option<f64>,
    /// Margin mode.
    #[arg(long, value_enum, default_value_t = Mode::Isolated)]
    pub mode: Mode,
    /// Cross only: maintenance margin of the account's other positions (USDT).
    #[arg(long, value_name = "USDT", allow_negative_numbers = true)]
    pub others_maintenance: Option<f64>,
    /// Cross only: unrealised PnL of the account's other positions (USDT).
    #[arg(long, value_name = "USDT", allow_negative_numbers = true)]
    pub others_pnl: Option<f64>,
    /// Maintenance brackets from a saved answer of Binance's signed
    /// `GET /fapi/v1/leverageBracket` (the account's own table) [default: the bundled snapshot
    /// of 2024-10-24].
    #[arg(long, value_name = "FILE.json")]
    pub brackets: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Runs the command: the output on standard output and status 0, or the reason on standard
/// error and status 2.
pub fn main(args: &LiquidationArgs) -> ExitCode {
    match run(args) {
        Ok(output) => {
            println!("{output}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("tokenrisk liquidation-price: {message}");
            ExitCode::from(2)
        }
    }
}

/// Computes and renders the liquidation price. A long whose margin covers the whole notional
/// (and a cross short already short of maintenance) has no price: `null`, with a `note`.
///
/// # Errors
/// The reason, for an unknown symbol or bad input (the command exits with status 2).
pub fn run(args: &LiquidationArgs) -> Result<String, String> {
    let brackets = brackets_for(&args.symbol, args.brackets.as_deref())?;
    let table = &brackets.table;
    let symbol = args.symbol.trim().to_ascii_uppercase();
    let side = match args.side {
        SideArg::Long => Side::Long,
        SideArg::Short => Side::Short,
    };
    let position = Position {
        side,
        entry: args.entry,
        size: args.size,
    };
    if args.mode == Mode::Isolated && (args.others_maintenance, args.others_pnl) != (None, None) {
        return Err("--others-maintenance and --others-pnl apply to --mode cross".to_owned());
    }
    let wallet = match (args.leverage, args.wallet) {
        (Some(leverage), None) => {
            initial_margin(&position, leverage, table).map_err(|e| e.to_string())?
        }
        (None, Some(wallet)) => wallet,
        _ => return Err("give either --leverage or --wallet".to_owned()),
    };
    let margin = match args.mode {
        Mode::Isolated => Margin::Isolated { wallet },
        Mode::Cross => Margin::Cross {
            wallet,
            others_maintenance: args.others_maintenance.unwrap_or(0.0),
            others_unrealised_pnl: args.others_pnl.unwrap_or(0.0),
        },
    };
    let outcome = match liquidation_price(&position, &margin, table) {
        Ok(liquidation) => Ok(liquidation),
        Err(e @ (LeverageError::NeverLiquidated | LeverageError::BelowMaintenanceAtAnyPrice)) => {
            Err(e.to_string())
        }
        Err(e) => return Err(e.to_string()),
    };
    let notional = position.notional_at(position.entry);
    let report = Report {
        symbol: &symbol,
        args,
        wallet,
        notional,
        leverage: args.leverage.unwrap_or(notional / wallet),
        outcome: &outcome,
        brackets: &brackets,
    };
    Ok(match args.format {
        Format::Json => report.json().to_string(),
        Format::Table => report.table(),
    })
}

struct Report<'a> {
    symbol: &'a str,
    args: &'a LiquidationArgs,
    wallet: f64,
    notional: f64,
    leverage: f64,
    outcome: &'a Result<Liquidation, String>,
    brackets: &'a BracketsUsed,
}

fn side_word(side: SideArg) -> &'static str {
    match side {
        SideArg::Long => "long",
        SideArg::Short => "short",
    }
}

fn mode_word(mode: Mode) -> &'static str {
    match mode {
        Mode::Isolated => "isolated",
        Mode::Cross => "cross",
    }
}

impl Report<'_> {
    fn json(&self) -> Value {
        let a = self.args;
        let liquidation = self.outcome.as_ref().ok();
        let mut out = json!({
            "symbol": self.symbol,
            "side": side_word(a.side),
            "mode": mode_word(a.mode),
            "entry": a.entry,
            "size": a.size,
            "notional": self.notional,
            "wallet": self.wallet,
            "leverage": self.leverage,
            "liquidation_price": liquidation.map(|l| l.price),
            "bracket": liquidation.map(|l| l.tier),
            "maintenance_rate": liquidation.map(|l| l.bracket.maintenance_rate),
            "maintenance_amount": liquidation.map(|l| l.bracket.maintenance_amount),
            "distance": liquidation.map(|l| l.distance),
            "entry_bracket": liquidation.map(|l| l.entry_tier),
            "bracket_date": self.brackets.date,
            "bracket_source": self.brackets.source,
        });
        if let (Mode::Cross, Some(map)) = (a.mode, out.as_object_mut()) {
            map.insert(
                "others_maintenance".into(),
                json!(a.others_maintenance.unwrap_or(0.0)),
            );
            map.insert("others_pnl".into(), json!(a.others_pnl.unwrap_or(0.0)));
        }
        if let (Err(note), Some(map)) = (self.outcome, out.as_object_mut()) {
            map.insert("note".into(), json!(note));
        }
        out
    }

    fn table(&self) -> String {
        let a = self.args;
        let mut lines = vec![format!(
            "{} {} {} @ {}, {} margin, wallet {:.2} USDT (notional {:.2}, {:.2}×)",
            self.symbol,
            side_word(a.side),
            a.size,
            a.entry,
            mode_word(a.mode),
            self.wallet,
            self.notional,
            self.leverage
        )];
        if a.mode == Mode::Cross {
            lines.push(format!(
                "other positions: maintenance {:.2} USDT, unrealised PnL {:.2} USDT",
                a.others_maintenance.unwrap_or(0.0),
                a.others_pnl.unwrap_or(0.0)
            ));
        }
        match self.outcome {
            Ok(l) => {
                let b = &l.bracket;
                lines.push(format!("{:<20}{:.2}", "liquidation price", l.price));
                lines.push(format!("{:<20}{:+.2} %", "distance", l.distance * 100.0));
                lines.push(format!(
                    "{:<20}{} (notional {}–{}, max {}×; {} at entry)",
                    "bracket",
                    l.tier,
                    b.notional_floor,
                    b.notional_cap,
                    b.max_leverage,
                    l.entry_tier
                ));
                lines.push(format!(
                    "{:<20}{} %",
                    "maintenance rate",
                    b.maintenance_rate * 100.0
                ));
                lines.push(format!(
                    "{:<20}{} USDT",
                    "maintenance amount", b.maintenance_amount
                ));
            }
            Err(note) => lines.push(format!("{:<20}none: {note}", "liquidation price")),
        }
        lines.push(format!("brackets: {}", self.brackets.source));
        lines.push(
            "mark price; one-way mode; fees, funding and the liquidation fee not included"
                .to_owned(),
        );
        lines.join("\n")
    }
}
