//! `tokenrisk supply`: a token's supply day by day from a preset of the market crate
//! ([`tokenrisk_market::supply_presets`]), its parameters edited with `--set KEY=VALUE`, from a
//! supply given on the command line, read from a saved CoinGecko `/coins/markets` answer, or
//! run forward from the preset's sourced anchor; as CSV (one row a day) or JSON (the start
//! supply and every parameter with its source, then the days).

use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::ExitCode;
use tokenrisk_core::time::Date;
use tokenrisk_core::tokenomics::SupplyDay;
use tokenrisk_market::registry;
use tokenrisk_market::sources::coingecko::parse_coin_markets;
use tokenrisk_market::supply_presets::{preset, start_supply, GivenSupply, Preset, Start};

/// CSV or JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SupplyFormat {
    /// A header row, then one row a day.
    Csv,
    /// One object: the preset, the start supply, the parameters and the days.
    Json,
}

/// What to run.
#[derive(Debug, Clone, clap::Args)]
pub struct SupplyArgs {
    /// The token's preset: tao, near, icp, render or fet.
    #[arg(long)]
    pub preset: String,
    /// Days to run (at most 7,305, 20 years).
    #[arg(long, value_name = "N", default_value_t = 365)]
    pub days: usize,
    /// First day (YYYY-MM-DD) [default: today, UTC].
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
    /// Issuance on the start date, where it differs from total supply (TAO: what the
    /// halvings count, burnt TAO included) [default: the total supply].
    #[arg(long, value_name = "I", allow_negative_numbers = true)]
    pub issuance_at_start: Option<f64>,
    /// Total supply on the start date [default: from --coingecko, else the preset's sourced
    /// supply run forward to the start date].
    #[arg(long, value_name = "T", allow_negative_numbers = true)]
    pub total_supply: Option<f64>,
    /// Circulating supply on the start date [default: the total supply].
    #[arg(
        long,
        value_name = "C",
        allow_negative_numbers = true,
        requires = "total_supply"
    )]
    pub circulating_supply: Option<f64>,
    /// A saved answer of CoinGecko's `GET /api/v3/coins/markets` holding the token: its
    /// total_supply and circulating_supply start the schedule.
    #[arg(long, value_name = "FILE.json", conflicts_with = "total_supply")]
    pub coingecko: Option<PathBuf>,
    /// A parameter of the preset set to a value (repeatable; the JSON output lists the keys).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SupplyFormat::Csv)]
    pub format: SupplyFormat,
}

/// Runs the command: the schedule on standard output and status 0, or the reason on standard
/// error and status 2.
pub fn main(args: &SupplyArgs) -> ExitCode {
    match run(args, today()) {
        Ok(output) => {
            print!("{output}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("tokenrisk supply: {message}");
            ExitCode::from(2)
        }
    }
}

fn today() -> Date {
    Date::from_unix(crate::unix_now())
}

/// The schedule for `args`, with `today` as the default start.
///
/// # Errors
/// The reason: an unknown preset or parameter, a malformed `--set` or date, an unreadable or
/// unusable CoinGecko answer, no start supply, or a value the schedule refuses.
pub fn run(args: &SupplyArgs, today: Date) -> Result<String, String> {
    let p = preset(&args.preset).map_err(|e| e.to_string())?;
    let edits = args
        .set
        .iter()
        .map(|s| parse_set(s))
        .collect::<Result<Vec<_>, _>>()?;
    let values = p.values(&edits).map_err(|e| e.to_string())?;
    let date = match &args.start {
        Some(text) => Date::parse_iso(text.trim())
            .ok_or_else(|| format!("--start {text}: not a date (YYYY-MM-DD)"))?,
        None => today,
    };
    let given = given_supply(p, args)?;
    let start = start_supply(p, &values, date, given).map_err(|e| e.to_string())?;
    let days = p
        .run(&values, date, &start, args.days)
        .map_err(|e| e.to_string())?;
    Ok(match args.format {
        SupplyFormat::Csv => csv(&days),
        SupplyFormat::Json => {
            let mut text = serde_json::to_string_pretty(&report(p, &values, date, &start, &days))
                .map_err(|e| e.to_string())?;
            text.push('\n');
            text
        }
    })
}

fn parse_set(text: &str) -> Result<(String, f64), String> {
    let (key, value) = text
        .split_once('=')
        .ok_or_else(|| format!("--set {text}: write KEY=VALUE"))?;
    let number: f64 = value
        .trim()
        .parse()
        .map_err(|_| format!("--set {text}: {value} is not a number"))?;
    Ok((key.trim().to_owned(), number))
}

/// The supply the user gives: on the command line, or in a CoinGecko answer.
fn given_supply(p: &Preset, args: &SupplyArgs) -> Result<Option<GivenSupply>, String> {
    if let Some(total) = args.total_supply {
        return Ok(Some(GivenSupply {
            total,
            circulating: args.circulating_supply,
            issuance: args.issuance_at_start,
        }));
    }
    let Some(path) = &args.coingecko else {
        return match args.issuance_at_start {
            // TAO's issuance stands for its supply when nothing else is given.
            Some(issuance) => Ok(Some(GivenSupply {
                total: issuance,
                circulating: None,
                issuance: Some(issuance),
            })),
            None => Ok(None),
        };
    };
    let name = path.display();
    let text = crate::read_text_file(path).map_err(|e| format!("{name}: {e}"))?;
    let markets = parse_coin_markets(&text).map_err(|e| format!("{name}: {e}"))?;
    let id = registry::get(p.asset)
        .and_then(|a| a.coingecko_id)
        .ok_or_else(|| format!("{} has no CoinGecko id", p.asset))?;
    let coin = markets
        .iter()
        .find(|m| m.id == id)
        .ok_or_else(|| format!("{name}: no record of {id}"))?;
    let given = GivenSupply::from_coin_market(coin)
        .ok_or_else(|| format!("{name}: {id} has no total_supply above 0"))?;
    Ok(Some(GivenSupply {
        issuance: args.issuance_at_start,
        ..given
    }))
}

const COLUMNS: &str = "date,total_supply,circulating_supply,emission,burn,net_inflation_annualised,unlocked,assumed_sold,liquid_supply,bought_back";

fn csv(days: &[SupplyDay]) -> String {
    let mut out = String::with_capacity(80 * (days.len() + 1));
    out.push_str(COLUMNS);
    out.push('\n');
    for d in days {
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{},{}\n",
            d.date,
            d.total,
            d.circulating,
            d.emission,
            d.burn,
            d.net_inflation_annualised,
            d.unlocked,
            d.sold,
            d.liquid,
            d.bought
        ));
    }
    out
}

fn report(
    p: &Preset,
    values: &tokenrisk_market::supply_presets::Values,
    date: Date,
    start: &Start,
    days: &[SupplyDay],
) -> Value {
    json!({
        "preset": p.key,
        "asset": p.asset,
        "max_supply": p.max_supply,
        "notes": p.notes,
        "conventions": "One step a day; annual rates spread over 365 days (ICP's curve over 365.25); net_inflation_annualised = (emission − burn) / total at the day's start × 365; assumed_sold is the sell-through assumption applied to new and unlocked supply, not a forecast",
        "start": {
            "date": date.to_string(),
            "total_supply": start.supply.total,
            "circulating_supply": start.supply.circulating,
            "issuance": start.issuance,
            "source": start.source,
            "confidence": start.confidence.label(),
        },
        "parameters": p.params.iter().zip(values.as_slice()).map(|(param, v)| json!({
            "key": param.key,
            "label": param.label,
            "value": v,
            "default": param.default,
            "unit": param.unit.label(),
            "source": param.source,
            "confidence": param.confidence.label(),
        })).collect::<Vec<_>>(),
        "days": days.iter().map(|d| json!({
            "date": d.date.to_string(),
            "total_supply": d.total,
            "circulating_supply": d.circulating,
            "emission": d.emission,
            "burn": d.burn,
            "net_inflation_annualised": d.net_inflation_annualised,
            "unlocked": d.unlocked,
            "assumed_sold": d.sold,
            "liquid_supply": d.liquid,
            "bought_back": d.bought,
        })).collect::<Vec<_>>(),
    })
}
