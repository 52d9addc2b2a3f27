//! The numbers of the token page's "market now" panels, from the APIs' answers: plain
//! functions, tested natively; the panels only bind them to the page.
//!
//! Conventions: prices and depths in the venue's quote currency (USDT at Binance, USD at
//! Coinbase and CoinGecko); hourly volatility annualised with √8,760 (24 × 365 hours);
//! funding in simple yearly terms (`rate · payments a day · 365`); slippage measured from the
//! mid, so it includes half the spread.

use crate::figures::{Figure, FigureTable};
use crate::format::{compact, percent, price, ratio};
use crate::live::market_now::{Positioning, RepositoryActivity, VenueBook};
use crate::live::remote::Remote;
use tokenrisk_charts::Candle;
use tokenrisk_core::derivatives::{
    annualised_funding, funding_interval_hours, mean_funding_since, open_interest_change, premium,
};
use tokenrisk_core::dev_activity::{combined_weeks, summarise};
use tokenrisk_core::execution::{market_order, Side, Size};
use tokenrisk_core::liquidity::{depth_within, Top};
use tokenrisk_core::returns::simple_returns;
use tokenrisk_core::time::format_unix;
use tokenrisk_core::volatility::annualised_volatility;
use tokenrisk_market::sources::binance::{closed_candle_closes, Kline, Ticker24h};
use tokenrisk_market::sources::coingecko::CoinMarket;

/// Hours in a year of continuous trading: the annualisation of hourly crypto returns.
pub const HOURS_PER_YEAR: f64 = 24.0 * 365.0;

/// Sell sizes whose slippage the spot panel shows: key, label, USD.
pub const SELL_SIZES: [(&str, &str, f64); 3] = [
    ("sell_10k", "$10k", 10_000.0),
    ("sell_100k", "$100k", 100_000.0),
    ("sell_1m", "$1m", 1_000_000.0),
];

/// Valuation and supply from CoinGecko's market record.
pub fn valuation(c: &CoinMarket) -> FigureTable {
    let circulating_share = c
        .circulating_supply
        .zip(c.max_supply.or(c.total_supply))
        .filter(|(_, cap)| *cap > 0.0)
        .map(|(circ, cap)| circ / cap);
    let overhang = c
        .fully_diluted_valuation
        .zip(c.market_cap)
        .filter(|(_, cap)| *cap > 0.0)
        .map(|(fdv, cap)| fdv / cap - 1.0);
    FigureTable {
        caption: format!("{} · {} (CoinGecko, USD)", c.symbol.to_uppercase(), c.name),
        figures: vec![
            Figure::new("market_cap", "Market capitalisation", c.market_cap, compact, "Price × circulating supply, in USD."),
            Figure::new("rank", "Rank", c.market_cap_rank, |r| format!("#{r:.0}"), "Position by market capitalisation among all coins CoinGecko lists."),
            Figure::new("fdv", "Fully diluted valuation", c.fully_diluted_valuation, compact, "Price × the largest supply there can be (max supply, else total supply)."),
            Figure::new("dilution", "Supply still to come, by value", overhang, |v| percent(v, 1), "FDV / market cap − 1: how much the supply not yet circulating adds at today's price. New supply must find buyers."),
            Figure::new("circulating_share", "Circulating share", circulating_share, |v| percent(v, 1), "Circulating supply / max supply (total supply where there is no max)."),
            Figure::new("volume_24h", "24h volume, all venues", c.total_volume, compact, "Traded value over 24 hours across the exchanges CoinGecko tracks, in USD."),
            Figure::new("from_ath", "From the all-time high", c.ath_change_pct.map(|p| p / 100.0), |v| percent(v, 1), "Price / all-time high − 1."),
        ],
    }
}

/// Annualised volatility of the closed hourly candles' simple returns (ddof 1, × √8,760).
pub fn hourly_volatility(klines: &[Kline], now_ms: i64) -> Option<f64> {
    let closes = closed_candle_closes(klines, now_ms).ok()?;
    annualised_volatility(&simple_returns(closes.values()), HOURS_PER_YEAR).ok()
}

/// The 24-hour ticker, with the 7-day hourly volatility when the hourly candles are here.
pub fn ticker(t: &Ticker24h, week_volatility: Option<f64>) -> FigureTable {
    FigureTable {
        caption: format!("{} over the last 24 hours (Binance)", t.symbol),
        figures: vec![
            Figure::new("last", "Last price", Some(t.last_price), price, "The last trade, in USDT."),
            Figure::new("change_24h", "24h change", Some(t.price_change_pct / 100.0), |v| percent(v, 2), "Last price against the price 24 hours ago."),
            Figure::new("high_low", "24h range", t.high.zip(t.low).map(|(h, l)| h / l - 1.0), |v| percent(v, 2), "High / low − 1 over the last 24 hours."),
            Figure::new("quote_volume", "24h volume", t.quote_volume, compact, "Traded value over the last 24 hours, in USDT (this pair on this exchange only)."),
            Figure::new("volatility_7d_hourly", "7-day volatility, a year", week_volatility, |v| percent(v, 1), "Sample standard deviation (ddof 1) of the last 7 days' closed hourly simple returns × √8,760 (24 × 365 hours): how turbulent the market is now, against the daily figure above."),
        ],
    }
}

/// Mid, spread, ±2 % depth and the slippage of market sells of [`SELL_SIZES`].
pub fn book(b: &VenueBook) -> FigureTable {
    let book = &b.book;
    let top = Top::of(book);
    let depth = depth_within(book, 0.02);
    let mut figures = vec![
        Figure::new("mid", "Mid price", top.map(Top::mid), price, "(best bid + best ask) / 2."),
        Figure::new("spread_bps", "Spread", top.map(Top::spread_bps), |v| format!("{v:.1} bp"), "(ask − bid) / mid, in basis points (1 bp = 0.01 %)."),
        Figure::new("bid_depth_2pct", "Bids within 2 %", depth.map(|d| d.0), compact, "Quote value of the bids priced at most 2 % below the mid: what a seller can hit before the price falls 2 %."),
        Figure::new("ask_depth_2pct", "Asks within 2 %", depth.map(|d| d.1), compact, "Quote value of the asks priced at most 2 % above the mid."),
    ];
    for (key, label, size) in SELL_SIZES {
        // The notional valued at the mid, sold as base units into the bids.
        let fill =
            top.and_then(|t| market_order(book, Side::Sell, Size::Base(size / t.mid())).ok());
        let exhausted = fill.is_some_and(|f| f.exhausted);
        figures.push(Figure::new(
            key,
            format!("Selling {label} at once"),
            fill.map(|f| f.slippage_bps / 1e4),
            move |v| if exhausted { format!("> {} (book exhausted)", percent(v, 2)) } else { percent(v, 2) },
            "Market sell walked down the visible bids: 1 − average fill / mid (half the spread included). A snapshot: resting orders refill, and other venues add depth.",
        ));
    }
    FigureTable {
        caption: format!(
            "{} order book, {} levels a side",
            b.pair,
            book.bids.len().max(book.asks.len())
        ),
        figures,
    }
}

/// The closed hourly candles (those whose close time has passed), as the chart draws them.
pub fn closed_candles(klines: &[Kline], now_ms: i64) -> Vec<Candle> {
    klines
        .iter()
        .filter(|k| k.close_time_ms < now_ms)
        .map(|k| Candle {
            time: k.open_time_ms.div_euclid(1000),
            open: k.open,
            high: k.high,
            low: k.low,
            close: k.close,
        })
        .collect()
}

/// The perpetual's figures, and which parts are missing and why.
pub fn futures(symbol: &str, p: &Positioning) -> (FigureTable, Vec<String>) {
    let premium_index = p.premium.ready().map(|f| &f.value);
    let funding = p
        .funding
        .ready()
        .map(|f| f.value.as_slice())
        .unwrap_or_default();
    let interval = funding_interval_hours(funding).unwrap_or(8.0);
    let now_ms = premium_index.map_or(0, |i| i.time_ms);
    let month_ago = now_ms - 30 * 86_400_000;
    let mark = premium_index.map(|i| i.mark_price);
    let oi = p.open_interest.ready().map(|f| f.value.open_interest);
    let oi_change = p
        .open_interest_history
        .ready()
        .and_then(|f| open_interest_change(&f.value));
    let long_short = p
        .long_short
        .ready()
        .and_then(|f| f.value.iter().max_by_key(|r| r.time_ms).cloned());
    let unavailable = [
        ("funding history", p.funding.unavailable_reason()),
        ("open interest", p.open_interest.unavailable_reason()),
        (
            "open-interest history",
            p.open_interest_history.unavailable_reason(),
        ),
        ("long/short ratio", p.long_short.unavailable_reason()),
    ]
    .into_iter()
    .filter_map(|(what, reason)| reason.map(|r| format!("{what}: {r}")))
    .collect();
    let table = FigureTable {
        caption: format!("{symbol} perpetual, Binance USD-M (funding every {interval:.0} h)"),
        figures: vec![
            Figure::new("mark", "Mark price", mark, price, "The exchange's fair price, used for margin and liquidations."),
            Figure::new("premium", "Premium to index", premium_index.and_then(|i| premium(i.mark_price, i.index_price?)), |v| percent(v, 3), "Mark / index − 1: positive when futures trade above the spot index."),
            Figure::new("funding_now", "Funding now, a year", premium_index.map(|i| annualised_funding(i.last_funding_rate, interval)), |v| percent(v, 1), "Latest funding rate × payments a day × 365 (simple): positive means longs pay shorts, a sign of crowded longs."),
            Figure::new("funding_30d", "Funding over 30 days, a year", mean_funding_since(funding, month_ago).map(|r| annualised_funding(r, interval)), |v| percent(v, 1), "Mean funding rate of the last 30 days' payments, in yearly terms."),
            Figure::new("open_interest", "Open interest", oi.zip(mark).map(|(oi, m)| oi * m), compact, "Contracts open × mark price, in USDT: leverage that can be forced out."),
            Figure::new("open_interest_change", "Open interest change", oi_change.map(|c| c.0), |v| percent(v, 1), "Daily open interest, newest / oldest of the last 30 days − 1 (in contracts)."),
            Figure::new("long_short", "Accounts long / short", long_short.as_ref().map(|r| r.long_short_ratio), ratio, "Binance accounts with net long positions / those net short, latest day: above 1, more accounts are long."),
        ],
    };
    (table, unavailable)
}

/// One repository's row of the development table.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityRow {
    /// `owner/name`.
    pub repository: String,
    /// Commits over 4, 13 and 52 weeks, and the quarter's trend (empty while unknown).
    pub cells: [String; 4],
    /// When the answer was fetched, or why there is none.
    pub note: String,
}

/// The development table's rows: commits over 4, 13 and up to 52 weeks, and the last quarter
/// against the one before.
pub fn activity(repos: &[RepositoryActivity]) -> Vec<ActivityRow> {
    repos
        .iter()
        .map(|r| {
            let (cells, note) = match &r.weeks {
                Remote::Ready(f) => {
                    let s = summarise(&combined_weeks(std::slice::from_ref(&f.value)));
                    let trend = s
                        .quarter_trend()
                        .map_or("n/a".to_owned(), |t| percent(t, 0));
                    (
                        [
                            s.last_4_weeks.to_string(),
                            s.last_13_weeks.to_string(),
                            s.total.to_string(),
                            trend,
                        ],
                        format!("fetched {}", format_unix((f.fetched_at_ms / 1000.0) as i64)),
                    )
                }
                Remote::Unavailable(reason) => (Default::default(), reason.to_string()),
                _ => (Default::default(), "asking…".to_owned()),
            };
            ActivityRow {
                repository: r.repository.clone(),
                cells,
                note,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::live::remote::{fetched_now, Unavailable};
    use tokenrisk_core::derivatives::FundingPoint;
    use tokenrisk_core::dev_activity::WeeklyCommits;
    use tokenrisk_core::order_book::OrderBook;
    use tokenrisk_market::fetch_policy::FetchFailure;
    use tokenrisk_market::sources::binance_futures::{parse_premium_index, PremiumIndex};

    fn value(table: &FigureTable, key: &str) -> Option<f64> {
        table
            .figures
            .iter()
            .find(|f| f.key == key)
            .and_then(|f| f.value)
    }

    #[test]
    fn book_figures_by_hand() {
        // Bids 99 × 1, 98 × 2, 90 × 10; asks 101 × 1, 103 × 4: mid 100, spread 200 bp.
        let b = VenueBook {
            book: OrderBook::from_unsorted(
                vec![(99.0, 1.0), (98.0, 2.0), (90.0, 10.0)],
                vec![(101.0, 1.0), (103.0, 4.0)],
            ),
            venue: "Binance".into(),
            pair: "TAOUSDT".into(),
        };
        let t = book(&b);
        assert_eq!(value(&t, "mid"), Some(100.0));
        assert!((value(&t, "spread_bps").expect("spread") - 200.0).abs() < 1e-9);
        // Within 2 % of 100: bids at 99 and 98 (99 + 196), asks at 101 (101).
        assert_eq!(value(&t, "bid_depth_2pct"), Some(295.0));
        assert_eq!(value(&t, "ask_depth_2pct"), Some(101.0));
        // $10k exhausts the book (1,195 of bids): the text says so.
        let sell = t.figures.iter().find(|f| f.key == "sell_10k").expect("row");
        assert!(sell.text.contains("book exhausted"), "{}", sell.text);
        assert_eq!(t.caption, "TAOUSDT order book, 3 levels a side");
    }

    #[test]
    fn futures_figures_by_hand() {
        let premium: PremiumIndex = parse_premium_index(
            r#"{"symbol":"TAOUSDT","markPrice":"101","indexPrice":"100","lastFundingRate":"0.0001","nextFundingTime":0,"interestRate":"0","time":2592000000}"#,
        )
        .ok()
        .and_then(|p| p.into_iter().next())
        .expect("documented shape");
        let funding: Vec<FundingPoint> = (0..10)
            .map(|i| FundingPoint {
                time_ms: 2_592_000_000 - i * 8 * 3_600_000,
                rate: 0.0002,
                mark_price: None,
            })
            .collect();
        let p = Positioning {
            premium: fetched_now(premium),
            funding: fetched_now(funding),
            open_interest: Remote::Unavailable(Unavailable::Failed(FetchFailure::Http(500))),
            ..Positioning::default()
        };
        let (t, missing) = futures("TAOUSDT", &p);
        assert!((value(&t, "premium").expect("premium") - 0.01).abs() < 1e-12);
        // 0.01 % every 8 h: 10.95 % a year; the month's mean 0.02 %: 21.9 %.
        assert!((value(&t, "funding_now").expect("now") - 0.1095).abs() < 1e-12);
        assert!((value(&t, "funding_30d").expect("30d") - 0.219).abs() < 1e-12);
        assert_eq!(value(&t, "open_interest"), None);
        assert_eq!(missing, ["open interest: server error (HTTP 500)"]);
        assert!(t.caption.starts_with("TAOUSDT perpetual"));
    }

    #[test]
    fn activity_rows_sum_weeks() {
        let weeks: Vec<WeeklyCommits> = (0..26)
            .map(|i| WeeklyCommits {
                week: i * 604_800,
                total: if i < 13 { 1 } else { 2 },
                days: [0; 7],
            })
            .collect();
        let rows = activity(&[
            RepositoryActivity {
                repository: "a/b".into(),
                weeks: fetched_now(weeks),
            },
            RepositoryActivity {
                repository: "c/d".into(),
                weeks: Remote::Unavailable(Unavailable::Failed(FetchFailure::Http(403))),
            },
        ]);
        assert_eq!(
            rows[0].cells,
            ["8".to_owned(), "26".into(), "39".into(), "100%".into()]
        );
        assert_eq!(
            (rows[1].cells[0].as_str(), rows[1].note.as_str()),
            ("", "refused (HTTP 403)")
        );
    }
}
