//! The signals page's numbers: one row per signal with today's value, its rank in its own
//! history read the risky way ([`tokenrisk_core::signals::risk_rank`]: 100 is as risky as it
//! has ever been), the window that rank is over, a state by the link's thresholds, the recent
//! values for a sparkline, the source and how old it is.
//!
//! Conventions: simple daily returns; volatility the sample standard deviation (ddof 1) of 30
//! daily returns × √365 (crypto trades every day); drawdown `P_t / max_{s≤t} P_s − 1` over the
//! whole history; volume against the median of the 90 days before; quarterly growth against
//! the quarter a year before; funding in yearly terms, simple (`rate × payments a day × 365`).

use crate::data::{AssetSeries, Dataset};
use crate::format::{compact, percent};
use tokenrisk_core::derivatives::{
    annualised_funding, funding_interval_hours, FundingPoint, OpenInterestPoint,
};
use tokenrisk_core::drawdown::drawdown_series;
use tokenrisk_core::liquidity::{depth_within, Top};
use tokenrisk_core::order_book::OrderBook;
use tokenrisk_core::quarters::{year_on_year, Quarter};
use tokenrisk_core::returns::simple_returns;
use tokenrisk_core::signals::{ratio_to_trailing_median, risk_rank, Direction, State, Thresholds};
use tokenrisk_core::time::{format_unix, Date};
use tokenrisk_core::volatility::rolling_volatility;
use tokenrisk_market::company_quarters::QuartersFile;
use tokenrisk_market::registry::ASSETS;
use tokenrisk_market::sources::binance_futures::LongShortRatio;
use tokenrisk_market::sources::sec_edgar::{Measure, COMPANIES};

/// Returns in the realised-volatility window.
pub const VOLATILITY_WINDOW: usize = 30;
/// Days of the volume's yardstick.
pub const VOLUME_WINDOW: usize = 90;
/// Values a sparkline shows (the rank is over the whole history).
pub const SPARK_POINTS: usize = 120;
/// The fewest daily values a rank is read over (a month).
pub const MIN_DAYS: usize = 30;
/// The fewest quarters a rank is read over (two years).
pub const MIN_QUARTERS: usize = 8;

/// The groups of signals, in the page's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// Big Tech's spending and the AI chip makers' revenue.
    Spending,
    /// Leverage and stability.
    Leverage,
    /// Liquidity.
    Liquidity,
}

impl Group {
    /// The group's heading.
    pub fn title(self) -> &'static str {
        match self {
            Self::Spending => "Big-Tech spending and AI revenue",
            Self::Leverage => "Leverage and stability",
            Self::Liquidity => "Liquidity",
        }
    }
}

/// One signal as the page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct SignalRow {
    /// A stable key (`btc-drawdown`, `MSFT-capex`), kept between visits.
    pub key: String,
    /// The asset the signal is about, when it is one of the app's (`BTC`, `TAO`).
    pub asset: Option<String>,
    /// Its group.
    pub group: Group,
    /// What it is.
    pub label: String,
    /// Today's value as text.
    pub value: String,
    /// What stands behind the value (the amount, the date, how it was derived).
    pub detail: String,
    /// Its rank in its own history, read the risky way (0–100).
    pub rank: Option<f64>,
    /// What the rank is over.
    pub window: String,
    /// The state by the thresholds.
    pub state: Option<State>,
    /// The recent values, oldest first.
    pub spark: Vec<f64>,
    /// Where the numbers come from.
    pub source: String,
    /// The date of the value.
    pub as_of: String,
    /// How the value is computed.
    pub formula: String,
}

/// The words of a state.
pub fn state_label(state: Option<State>) -> &'static str {
    match state {
        Some(State::Calm) => "calm",
        Some(State::Elevated) => "elevated",
        Some(State::Stretched) => "stretched",
        None => "not ranked",
    }
}

/// A state's one-word key, for the page's markup (`unranked` without a rank).
pub fn state_key(state: Option<State>) -> &'static str {
    match state {
        Some(_) => state_label(state),
        None => "unranked",
    }
}

/// A rank as text, rounded to a whole percentile: `97th percentile`, `3rd percentile`.
pub fn rank_text(rank: Option<f64>) -> String {
    let Some(rank) = rank.filter(|r| r.is_finite()) else {
        return "—".to_owned();
    };
    let whole = rank.round() as i64;
    let suffix = match (whole % 10, whole % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{whole}{suffix} percentile")
}

fn tail(values: &[f64]) -> Vec<f64> {
    values[values.len().saturating_sub(SPARK_POINTS)..].to_vec()
}

fn date_of(unix: i64) -> String {
    Date::from_unix(unix).to_string()
}

/// A row from a value and its history in the risky `direction`.
struct Reading<'a> {
    key: String,
    asset: Option<String>,
    group: Group,
    label: String,
    value: String,
    detail: String,
    history: &'a [f64],
    today: f64,
    direction: Direction,
    window: String,
    source: String,
    as_of: String,
    formula: &'static str,
    /// The fewest values of history a rank is read over.
    least: usize,
}

impl Reading<'_> {
    fn row(self, thresholds: Thresholds) -> SignalRow {
        let long_enough = self.history.len() >= self.least;
        let rank = long_enough
            .then(|| risk_rank(self.history, self.today, self.direction))
            .flatten();
        let window = if long_enough {
            self.window
        } else {
            format!(
                "{}: too short to rank (at least {})",
                self.window, self.least
            )
        };
        SignalRow {
            key: self.key,
            asset: self.asset,
            group: self.group,
            label: self.label,
            value: self.value,
            detail: self.detail,
            rank,
            window,
            state: rank.map(|r| thresholds.state(r)),
            spark: tail(self.history),
            source: self.source,
            as_of: self.as_of,
            formula: self.formula.to_owned(),
        }
    }
}

fn bundled_source(series: &AssetSeries) -> String {
    format!(
        "{}, bundled snapshot ({})",
        series.provenance.provider, series.provenance.location
    )
}

fn days_window(count: usize, times: &[i64]) -> String {
    let first = times.first().map_or_else(String::new, |t| date_of(*t));
    format!("{count} days since {first}")
}

/// BTC's drawdown from its peak and its 30-day realised volatility, from the bundled closes.
pub fn stability_rows(btc: Option<&AssetSeries>, thresholds: Thresholds) -> Vec<SignalRow> {
    let Some(btc) = btc else {
        return Vec::new();
    };
    let closes = btc.prices.values();
    let times = btc.prices.times();
    let Some(&last_time) = times.last() else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    let drawdown = drawdown_series(closes);
    if let Some(&today) = drawdown.last() {
        rows.push(
            Reading {
                key: "btc-drawdown".to_owned(),
                asset: Some("BTC".to_owned()),
                group: Group::Leverage,
                label: "BTC drawdown from its peak".to_owned(),
                value: percent(today, 1),
                detail: format!("close {} against the highest close before it", crate::format::price(closes[closes.len() - 1])),
                history: &drawdown,
                today,
                direction: Direction::LowIsRisk,
                window: days_window(drawdown.len(), times),
                source: bundled_source(btc),
                as_of: date_of(last_time),
                formula: "P_t / max(P_s, s ≤ t) − 1 on daily closes; rank: share of days with a drawdown at most as deep",
                least: MIN_DAYS,
            }
            .row(thresholds),
        );
    }
    let returns = simple_returns(closes);
    if let Ok(volatility) = rolling_volatility(&returns, VOLATILITY_WINDOW, 365.0) {
        if let Some(&today) = volatility.last() {
            rows.push(
                Reading {
                    key: "btc-volatility".to_owned(),
                    asset: Some("BTC".to_owned()),
                    group: Group::Leverage,
                    label: "BTC realised volatility, 30 days".to_owned(),
                    value: percent(today, 1),
                    detail: "annualised".to_owned(),
                    history: &volatility,
                    today,
                    direction: Direction::HighIsRisk,
                    window: days_window(volatility.len(), &times[VOLATILITY_WINDOW..]),
                    source: bundled_source(btc),
                    as_of: date_of(last_time),
                    formula: "sample standard deviation (ddof 1) of the last 30 simple daily returns × √365",
                least: MIN_DAYS,
                }
                .row(thresholds),
            );
        }
    }
    rows
}

/// Each crypto asset's last daily volume against the median of the 90 days before, from the
/// bundled volumes.
pub fn liquidity_rows(dataset: &Dataset, thresholds: Thresholds) -> Vec<SignalRow> {
    dataset
        .assets
        .iter()
        .filter(|a| a.calendar == tokenrisk_core::Calendar::Continuous)
        .filter_map(|asset| {
            let volume = asset.volume.as_ref()?;
            let ratios = ratio_to_trailing_median(&volume.values, VOLUME_WINDOW);
            let defined: Vec<(i64, f64)> = volume
                .times
                .iter()
                .zip(&ratios)
                .filter_map(|(t, r)| Some((*t, (*r)?)))
                .collect();
            let &(last_time, today) = defined.last()?;
            let history: Vec<f64> = defined.iter().map(|(_, r)| *r).collect();
            let times: Vec<i64> = defined.iter().map(|(t, _)| *t).collect();
            Some(
                Reading {
                    key: format!("{}-volume", asset.id),
                    asset: Some(asset.id.clone()),
                    group: Group::Liquidity,
                    label: format!("{} daily volume against its 90-day median", asset.id),
                    value: format!("{today:.2}×"),
                    detail: format!("{} {} traded", compact(volume.values[volume.values.len() - 1]), volume.unit),
                    history: &history,
                    today,
                    direction: Direction::HighIsRisk,
                    window: days_window(history.len(), &times),
                    source: bundled_source(asset),
                    as_of: date_of(last_time),
                    formula: "V_t / median(V_{t−90} … V_{t−1}); a surge of volume is what sell-offs look like",
                least: MIN_DAYS,
                }
                .row(thresholds),
            )
        })
        .collect()
}

/// Each company's latest quarter against the same quarter a year before (capital expenditure:
/// faster growth is the risk; revenue: slower growth is), and the followed companies the file
/// lacks.
pub fn spending_rows(file: &QuartersFile, thresholds: Thresholds) -> (Vec<SignalRow>, Vec<String>) {
    let mut rows = Vec::new();
    for company in &file.companies {
        let Ok(quarters) = company.parsed() else {
            continue;
        };
        let growth = year_on_year(&quarters);
        let known: Vec<(&Quarter, f64)> = quarters
            .iter()
            .zip(&growth)
            .filter_map(|(q, g)| Some((q, (*g)?)))
            .collect();
        let Some(&(latest, today)) = known.last() else {
            continue;
        };
        let history: Vec<f64> = known.iter().map(|(_, g)| *g).collect();
        let (what, direction, key) = match company.measure {
            Measure::CapitalExpenditure => ("capital expenditure", Direction::HighIsRisk, "capex"),
            Measure::Revenue => ("revenue", Direction::LowIsRisk, "revenue"),
        };
        let how = if latest.derived {
            "derived from year-to-date or annual values"
        } else {
            "as reported"
        };
        let mut row = Reading {
            key: format!("{}-{key}", company.ticker),
            asset: ASSETS
                .iter()
                .any(|a| a.id == company.ticker)
                .then(|| company.ticker.clone()),
            group: Group::Spending,
            label: format!("{} {what}, year on year", company.name),
            value: format!(
                "{}{}",
                if today > 0.0 { "+" } else { "" },
                percent(today, 0)
            ),
            detail: format!(
                "{} {} in the quarter to {} ({how}; {} filed {})",
                compact(latest.value),
                company.unit,
                latest.end,
                latest.form,
                latest.filed
            ),
            history: &history,
            today,
            direction,
            window: format!(
                "{} quarters to {} with one a year before",
                history.len(),
                latest.end
            ),
            source: format!(
                "SEC EDGAR XBRL {} ({}; {}, taken {})",
                company.tag, company.note, company.source.location, company.source.retrieved_at
            ),
            as_of: latest.end.to_string(),
            formula: "value / value of the quarter a year before − 1",
            least: MIN_QUARTERS,
        }
        .row(thresholds);
        // The sparkline shows the quarters' amounts, the trend a reader looks for.
        row.spark = tail(&quarters.iter().map(|q| q.value).collect::<Vec<_>>());
        rows.push(row);
    }
    let missing = COMPANIES
        .iter()
        .filter(|c| !file.companies.iter().any(|f| f.cik == c.cik))
        .map(|c| c.name.to_owned())
        .collect();
    (rows, missing)
}

/// The futures answers of one asset's perpetual.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FuturesData<'a> {
    /// Recent funding payments.
    pub funding: Option<&'a [FundingPoint]>,
    /// Daily open interest over the last month.
    pub open_interest: Option<&'a [OpenInterestPoint]>,
    /// Daily long/short account ratio over the last month.
    pub long_short: Option<&'a [LongShortRatio]>,
    /// Where they came from.
    pub source: &'a str,
}

/// Funding, open interest and the long/short ratio of `asset`'s perpetual, each against the
/// history Binance gives (100 funding payments, 30 days).
pub fn futures_rows(asset: &str, data: &FuturesData, thresholds: Thresholds) -> Vec<SignalRow> {
    let mut rows = Vec::new();
    if let Some(funding) = data.funding.filter(|f| !f.is_empty()) {
        let hours = funding_interval_hours(funding).unwrap_or(8.0);
        let yearly: Vec<f64> = funding
            .iter()
            .map(|f| annualised_funding(f.rate, hours))
            .collect();
        let today = yearly[yearly.len() - 1];
        let last = funding[funding.len() - 1].time_ms;
        rows.push(
            Reading {
                key: format!("{asset}-funding"),
                asset: Some(asset.to_owned()),
                group: Group::Leverage,
                label: format!("{asset} perpetual funding, yearly"),
                value: percent(today, 1),
                detail: format!(
                    "last payment {}, every {hours:.0} h",
                    percent(funding[funding.len() - 1].rate, 4)
                ),
                history: &yearly,
                today,
                direction: Direction::HighIsRisk,
                window: format!(
                    "last {} payments since {}",
                    yearly.len(),
                    date_of(funding[0].time_ms / 1000)
                ),
                source: data.source.to_owned(),
                as_of: format_unix(last / 1000),
                formula: "rate × payments a day × 365 (simple); longs pay shorts when positive",
                least: MIN_DAYS,
            }
            .row(thresholds),
        );
    }
    if let Some(points) = data.open_interest.filter(|p| !p.is_empty()) {
        let values: Vec<f64> = points.iter().map(|p| p.value).collect();
        let today = values[values.len() - 1];
        let change = today / values[0] - 1.0;
        rows.push(
            Reading {
                key: format!("{asset}-open-interest"),
                asset: Some(asset.to_owned()),
                group: Group::Leverage,
                label: format!("{asset} perpetual open interest"),
                value: format!("{} USDT", compact(today)),
                detail: format!(
                    "{}{} over {}",
                    if change > 0.0 { "+" } else { "" },
                    percent(change, 1),
                    crate::format::days(points.len().saturating_sub(1) as f64)
                ),
                history: &values,
                today,
                direction: Direction::HighIsRisk,
                window: format!(
                    "{} daily values since {}",
                    values.len(),
                    date_of(points[0].time_ms / 1000)
                ),
                source: data.source.to_owned(),
                as_of: date_of(points[points.len() - 1].time_ms / 1000),
                formula: "open interest valued in USDT, Binance's daily statistic",
                least: MIN_DAYS,
            }
            .row(thresholds),
        );
    }
    if let Some(ratios) = data.long_short.filter(|r| !r.is_empty()) {
        let values: Vec<f64> = ratios.iter().map(|r| r.long_short_ratio).collect();
        let today = values[values.len() - 1];
        let latest = &ratios[ratios.len() - 1];
        rows.push(
            Reading {
                key: format!("{asset}-long-short"),
                asset: Some(asset.to_owned()),
                group: Group::Leverage,
                label: format!("{asset} accounts long against short"),
                value: format!("{today:.2}"),
                detail: format!("{} of accounts net long", percent(latest.long_account, 1)),
                history: &values,
                today,
                direction: Direction::HighIsRisk,
                window: format!(
                    "{} daily values since {}",
                    values.len(),
                    date_of(ratios[0].time_ms / 1000)
                ),
                source: data.source.to_owned(),
                as_of: date_of(latest.time_ms / 1000),
                formula: "accounts net long / accounts net short (all accounts)",
                least: MIN_DAYS,
            }
            .row(thresholds),
        );
    }
    rows
}

/// The depth within ±2 % of the mid and the spread of `asset`'s order book now: a reading of
/// the book as it is, with no history kept to rank it against.
pub fn book_row(asset: &str, book: &OrderBook, venue: &str, fetched_at: &str) -> Option<SignalRow> {
    let (bids, asks) = depth_within(book, 0.02)?;
    let spread = Top::of(book)?.spread_bps();
    Some(SignalRow {
        key: format!("{asset}-depth"),
        asset: Some(asset.to_owned()),
        group: Group::Liquidity,
        label: format!("{asset} order book within ±2 % of the mid, now"),
        value: format!("{} / {}", compact(bids), compact(asks)),
        detail: format!(
            "bids / asks in the quote currency; spread {spread:.1} bp; {} and {} levels",
            book.bids.len(),
            book.asks.len()
        ),
        rank: None,
        window: "one book now: no history kept to rank it against".to_owned(),
        state: None,
        spark: Vec::new(),
        source: format!("{venue} order book (live)"),
        as_of: fetched_at.to_owned(),
        formula: "Σ price × quantity of the levels within 2 % of the mid, each side; spread (ask − bid) / mid × 10⁴".to_owned(),
    })
}

/// `rows` with those of `token` first, the order kept otherwise.
pub fn focused(mut rows: Vec<SignalRow>, token: Option<&str>) -> Vec<SignalRow> {
    if let Some(token) = token {
        rows.sort_by_key(|r| r.asset.as_deref() != Some(token));
    }
    rows
}

/// The assets whose perpetual's positioning the page asks for, in the registry's order.
pub fn futures_assets() -> Vec<&'static tokenrisk_market::registry::Asset> {
    ASSETS
        .iter()
        .filter(|a| a.binance_futures.is_some())
        .collect()
}

/// An SVG polyline's points for `values` in a `width × height` box (the highest value at the
/// top); empty for fewer than two finite values.
pub fn sparkline_points(values: &[f64], width: f64, height: f64) -> String {
    let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if finite.len() < 2 {
        return String::new();
    }
    let low = finite.iter().copied().fold(f64::INFINITY, f64::min);
    let high = finite.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let span = if high > low { high - low } else { 1.0 };
    let step = width / (finite.len() - 1) as f64;
    finite
        .iter()
        .enumerate()
        .map(|(i, v)| {
            format!(
                "{:.1},{:.1}",
                i as f64 * step,
                height - (v - low) / span * height
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// What changed between the states kept at the last visit and today's, one line per signal
/// whose state moved (`BTC drawdown from its peak: calm → elevated`).
pub fn changes(before: &[(String, String)], rows: &[SignalRow]) -> Vec<String> {
    rows.iter()
        .filter_map(|row| {
            let now = state_label(row.state);
            let (_, was) = before.iter().find(|(key, _)| *key == row.key)?;
            (was != now).then(|| format!("{}: {was} → {now}", row.label))
        })
        .collect()
}

/// The states to keep for the next visit: `(key, state)` per row.
pub fn states(rows: &[SignalRow]) -> Vec<(String, String)> {
    rows.iter()
        .map(|r| (r.key.clone(), state_label(r.state).to_owned()))
        .collect()
}

/// The states kept in this browser between visits.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Kept {
    /// When they were kept (UTC ISO 8601).
    pub visited: String,
    /// `(key, state)` per signal.
    pub states: Vec<(String, String)>,
}

impl Kept {
    /// The kept states in `text`; `None` for anything else (a damaged entry is replaced).
    pub fn read(text: &str) -> Option<Self> {
        serde_json::from_str(text).ok()
    }

    /// `self` with `now`'s states over the kept ones (signals not shown now are kept).
    pub fn updated(&self, visited: String, now: Vec<(String, String)>) -> Self {
        let mut states: Vec<(String, String)> = self
            .states
            .iter()
            .filter(|(key, _)| !now.iter().any(|(k, _)| k == key))
            .cloned()
            .collect();
        states.extend(now);
        Self { visited, states }
    }

    /// As stored.
    pub fn text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The crypto assets with a Binance spot book, in the registry's order.
pub fn book_assets() -> Vec<&'static tokenrisk_market::registry::Asset> {
    ASSETS.iter().filter(|a| a.binance_spot.is_some()).collect()
}
