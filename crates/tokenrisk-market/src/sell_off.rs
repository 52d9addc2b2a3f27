//! The sell-off of 2026-02-05/06 as a dated record, for the liquidity page's replay: BTC's
//! daily candles from 2026-01-06 (30 days before it, for the entry prices) to 2026-02-06, the
//! liquidations reported for it, and the last open interest recorded before it. The bundled
//! snapshot keeps closes only, which miss the intraday low (60,000 on 2026-02-06, against a
//! close of 70,580), so the replay reads these bars.
//!
//! Sources (`shared/design/facts-2026.md` §7, `shared/data/market-2026/PROVENANCE.md`):
//! - candles: Binance spot BTCUSDT daily klines, from GitHub `RonaldLu66/binance-btc-monitor`
//!   `data/BTCUSDT_1d.csv` at commit `812c1b0f` (the test fixture
//!   `tokenrisk-testdata/fixtures/market-2026/BTCUSDT.csv` holds the same rows, checked by
//!   `tests/sell_off.rs`);
//! - liquidations: CoinGlass's 24-hour figures as reported on 2026-02-06 by cryptovalleyjournal
//!   and a Binance Square post citing CoinGlass (two consistent sources, confidence medium);
//! - open interest: Binance USD-M BTCUSDT open interest value (`openInterestHist`, daily) on
//!   2025-12-06, from GitHub `ccyun95/Cryptocurrency_Work` `data/open_interest.csv` at commit
//!   `7940af19`, the last recorded before the sell-off.

use crate::sources::binance::Kline;

/// Where the candles come from, in a line.
pub const CANDLES_SOURCE: &str = "Binance spot BTCUSDT daily candles (UTC), from \
RonaldLu66/binance-btc-monitor data/BTCUSDT_1d.csv at commit 812c1b0f";

/// Open time (Unix milliseconds) of the first day replayed, 2026-02-05 00:00 UTC; the replay
/// runs over it and the next day. The bars before it give the entry prices.
pub const FIRST_DAY_MS: i64 = 1_770_249_600_000;

/// `(open time ms, open, high, low, close, volume in BTC, volume in USDT)`, oldest first.
type Row = (i64, f64, f64, f64, f64, f64, f64);

const BTC_DAILY: &[Row] = &[
    (
        1767657600000,
        93859.71,
        94444.44,
        91262.94,
        93747.97,
        18546.41829,
        1728045542.298375,
    ),
    (
        1767744000000,
        93747.97,
        93747.97,
        90675.52,
        91364.16,
        14276.49025,
        1311906952.9749737,
    ),
    (
        1767830400000,
        91364.16,
        91687.99,
        89311.0,
        91099.99,
        16132.79117,
        1460622501.2073882,
    ),
    (
        1767916800000,
        91100.0,
        92082.55,
        89694.66,
        90641.28,
        15590.27939,
        1416907180.1870482,
    ),
    (
        1768003200000,
        90641.27,
        90832.0,
        90404.0,
        90504.7,
        3104.11722,
        281321375.4802981,
    ),
    (
        1768089600000,
        90504.7,
        91283.89,
        90236.0,
        91013.65,
        5477.13594,
        497245863.9319499,
    ),
    (
        1768176000000,
        91013.66,
        92519.95,
        90128.44,
        91296.2,
        16188.08268,
        1479964862.2693064,
    ),
    (
        1768262400000,
        91296.2,
        96495.0,
        91042.66,
        95414.0,
        23021.51482,
        2149770801.117704,
    ),
    (
        1768348800000,
        95413.99,
        97924.49,
        94559.28,
        96951.78,
        22851.89428,
        2201535821.648615,
    ),
    (
        1768435200000,
        96951.78,
        97193.34,
        95134.48,
        95604.8,
        21725.81369,
        2093008182.8437335,
    ),
    (
        1768521600000,
        95604.81,
        95871.47,
        94293.46,
        95550.94,
        11167.7146,
        1064019408.0772514,
    ),
    (
        1768608000000,
        95550.94,
        95639.45,
        95021.67,
        95147.77,
        4280.80137,
        408161941.6719079,
    ),
    (
        1768694400000,
        95147.77,
        95531.12,
        93615.4,
        93673.14,
        6895.17819,
        654773743.2677119,
    ),
    (
        1768780800000,
        93673.14,
        93673.14,
        91910.2,
        92631.0,
        14295.52747,
        1326770336.049047,
    ),
    (
        1768867200000,
        92630.99,
        92870.0,
        87895.98,
        88427.66,
        22007.3261,
        1989676668.5941784,
    ),
    (
        1768953600000,
        88427.66,
        90574.0,
        87263.53,
        89454.73,
        20617.50372,
        1837708115.3597035,
    ),
    (
        1769040000000,
        89454.73,
        90359.99,
        88515.37,
        89559.67,
        10825.50492,
        969910623.3559886,
    ),
    (
        1769126400000,
        89559.68,
        91224.99,
        88578.36,
        89600.26,
        13918.48919,
        1248772265.678843,
    ),
    (
        1769212800000,
        89600.26,
        89957.39,
        89162.08,
        89225.34,
        4226.56737,
        378464146.0918812,
    ),
    (
        1769299200000,
        89225.34,
        89319.13,
        86074.72,
        86670.36,
        14426.22019,
        1264233689.841581,
    ),
    (
        1769385600000,
        86670.36,
        88860.0,
        86509.63,
        88347.08,
        17766.51453,
        1560135758.989215,
    ),
    (
        1769472000000,
        88347.08,
        89523.16,
        87304.33,
        89250.0,
        13125.40425,
        1160026853.5895033,
    ),
    (
        1769558400000,
        89249.99,
        90600.0,
        88833.65,
        89299.99,
        14332.18502,
        1283919840.851472,
    ),
    (
        1769644800000,
        89300.0,
        89348.0,
        83383.33,
        84650.16,
        30431.38201,
        2610381587.9100037,
    ),
    (
        1769731200000,
        84650.16,
        84735.75,
        81118.0,
        84260.49,
        35195.84793,
        2918624066.481832,
    ),
    (
        1769817600000,
        84260.5,
        84270.02,
        75719.9,
        78741.09,
        39491.89133,
        3155264093.623044,
    ),
    (
        1769904000000,
        78741.1,
        79424.0,
        75700.0,
        76968.21,
        25395.48168,
        1974920557.0473864,
    ),
    (
        1769990400000,
        76968.22,
        79360.0,
        74604.0,
        78738.61,
        42273.59016,
        3260752444.4613295,
    ),
    (
        1770076800000,
        78738.6,
        79186.81,
        72945.5,
        75770.21,
        39120.10889,
        2986903008.574792,
    ),
    (
        1770163200000,
        75770.21,
        76971.52,
        71888.0,
        73165.83,
        38375.36,
        2852834631.5391464,
    ),
    (
        1770249600000,
        73165.84,
        73341.18,
        62345.0,
        62909.86,
        106298.82899,
        7198745594.280694,
    ),
    (
        1770336000000,
        62909.87,
        71751.33,
        60000.0,
        70580.26,
        92539.21531,
        6134056670.6115055,
    ),
];

/// BTC's daily candles from 2026-01-06 to 2026-02-06, oldest first.
pub fn btc_daily() -> Vec<Kline> {
    BTC_DAILY
        .iter()
        .map(
            |&(open_time_ms, open, high, low, close, volume, quote)| Kline {
                open_time_ms,
                open,
                high,
                low,
                close,
                volume,
                close_time_ms: open_time_ms + 86_400_000 - 1,
                quote_volume: Some(quote),
            },
        )
        .collect()
}

/// A reported figure as a range (`low == high` for one value).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reported {
    /// Lowest value reported.
    pub low: f64,
    /// Highest value reported.
    pub high: f64,
}

impl Reported {
    /// The middle of the range.
    pub fn mid(self) -> f64 {
        (self.low + self.high) / 2.0
    }
}

/// Liquidations reported for the 24 hours of the sell-off, all exchanges (CoinGlass).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReportedLiquidations {
    /// Every asset, USD: about 2.58 to 2.6 bn.
    pub total: Reported,
    /// BTC's, USD: about 1.30 to 1.34 bn.
    pub btc: Reported,
    /// Longs' share of the total: about 82 % (longs about 2.1 bn, shorts about 0.47 bn).
    pub long_share: f64,
    /// Where the figures come from.
    pub source: &'static str,
}

/// The liquidations reported for 2026-02-05/06.
pub const REPORTED: ReportedLiquidations = ReportedLiquidations {
    total: Reported {
        low: 2.58e9,
        high: 2.6e9,
    },
    btc: Reported {
        low: 1.30e9,
        high: 1.34e9,
    },
    long_share: 0.82,
    source: "CoinGlass, 24 hours, all exchanges, as reported on 2026-02-06 by cryptovalleyjournal \
and a Binance Square post citing CoinGlass",
};

/// The last open interest recorded before the sell-off: Binance's alone (other exchanges add
/// to it), in USD.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RecordedOpenInterest {
    /// Day, ISO 8601.
    pub date: &'static str,
    /// Open interest value, USD.
    pub usd: f64,
    /// Where it comes from.
    pub source: &'static str,
}

/// Binance BTCUSDT open interest on 2025-12-06.
pub const BINANCE_BTC_OPEN_INTEREST: RecordedOpenInterest = RecordedOpenInterest {
    date: "2025-12-06",
    usd: 7_742_134_475.442_725,
    source: "Binance USD-M BTCUSDT open interest value (openInterestHist, daily), from \
ccyun95/Cryptocurrency_Work data/open_interest.csv at commit 7940af19",
};
