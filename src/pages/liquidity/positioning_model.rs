//! The futures market's leverage over the last month as chart data, from Binance's USD-M
//! history: funding per payment in yearly terms, open interest in USDT a day, and the share of
//! accounts net long a day. Plain functions over the core's funding and open-interest points,
//! tested natively.
//!
//! Conventions: funding in yearly terms is simple, `rate · payments a day · 365`, with the
//! payments a day from the interval observed in the history (the median gap; 8 h on most
//! contracts, 4 h or 1 h on some), as `tokenrisk_core::derivatives` states.

use tokenrisk_charts::{ChartData, Scale, SeriesStyle, ValueFormat};
use tokenrisk_core::derivatives::{
    annualised_funding, funding_interval_hours, FundingPoint, OpenInterestPoint,
};
use tokenrisk_market::sources::binance_futures::LongShortRatio;

fn series(
    label: String,
    mut points: Vec<(i64, f64)>,
    format: ValueFormat,
    style: SeriesStyle,
) -> Option<ChartData> {
    points.retain(|(_, v)| v.is_finite());
    points.sort_by_key(|(t, _)| *t);
    points.dedup_by_key(|(t, _)| *t);
    (points.len() >= 2).then(|| ChartData {
        label,
        times: points.iter().map(|(t, _)| t.div_euclid(1000)).collect(),
        values: points.iter().map(|(_, v)| *v).collect(),
        format,
        style,
        window: None,
        scale: Scale::Linear,
    })
}

/// Each funding payment's rate in yearly terms at the observed interval; `None` with fewer
/// than two payments (no interval, no line).
pub fn funding_chart(symbol: &str, history: &[FundingPoint]) -> Option<ChartData> {
    let interval = funding_interval_hours(history)?;
    series(
        format!("{symbol} funding a year (every {interval:.0} h, simple)"),
        history
            .iter()
            .map(|f| (f.time_ms, annualised_funding(f.rate, interval)))
            .collect(),
        ValueFormat::Percent,
        SeriesStyle::AreaToZero,
    )
}

/// Open interest valued in USDT, a point a day.
pub fn open_interest_chart(symbol: &str, history: &[OpenInterestPoint]) -> Option<ChartData> {
    series(
        format!("{symbol} open interest, USDT"),
        history.iter().map(|p| (p.time_ms, p.value)).collect(),
        ValueFormat::Compact,
        SeriesStyle::Area,
    )
}

/// The share of Binance accounts net long, a point a day.
pub fn long_share_chart(symbol: &str, ratios: &[LongShortRatio]) -> Option<ChartData> {
    series(
        format!("{symbol} accounts net long"),
        ratios.iter().map(|r| (r.time_ms, r.long_account)).collect(),
        ValueFormat::Percent,
        SeriesStyle::Line,
    )
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use tokenrisk_market::sources::binance_futures::{
        parse_funding_rates, parse_long_short_ratios, parse_open_interest_history,
    };

    #[test]
    fn funding_is_each_payment_in_yearly_terms_at_the_observed_interval() {
        // Three payments 8 h apart: 3 a day. 0.01 % a payment is 0.0001 · 3 · 365 = 10.95 %.
        let points: Vec<FundingPoint> = [(0, 0.0001), (2, -0.0002), (1, 0.0003)]
            .iter()
            .map(|&(i, rate)| FundingPoint {
                time_ms: 1_700_000_000_000 + i * 8 * 3_600_000,
                rate,
                mark_price: None,
            })
            .collect();
        let chart = funding_chart("TAOUSDT", &points).expect("three payments");
        assert_eq!(chart.times, [1_700_000_000, 1_700_028_800, 1_700_057_600]);
        let expected = [0.0001, 0.0003, -0.0002].map(|r| r * 3.0 * 365.0);
        for (v, e) in chart.values.iter().zip(expected) {
            assert!((v - e).abs() < 1e-15, "{v} {e}");
        }
        assert!(chart.label.contains("every 8 h"));
        assert_eq!(chart.format, ValueFormat::Percent);
        assert!(funding_chart("TAOUSDT", &points[..1]).is_none());
    }

    #[test]
    fn the_documented_samples_make_charts() {
        let sample = |name: &str| tokenrisk_testdata::read_api_sample(name);
        let funding =
            parse_funding_rates(&sample("binance_futures_fundingRate.json")).expect("sample");
        let oi = parse_open_interest_history(&sample("binance_futures_openInterestHist.json"))
            .expect("sample");
        let ratios =
            parse_long_short_ratios(&sample("binance_futures_globalLongShortAccountRatio.json"))
                .expect("sample");
        assert_eq!(
            funding_chart("BTCUSDT", &funding)
                .expect("two payments")
                .values
                .len(),
            2
        );
        let oi_chart = open_interest_chart("BTCUSDT", &oi).expect("two days");
        assert_eq!(oi_chart.values.len(), oi.len());
        assert_eq!(
            oi_chart.values[0],
            oi.iter().min_by_key(|p| p.time_ms).expect("points").value
        );
        let ls = long_share_chart("BTCUSDT", &ratios).expect("two days");
        assert!(ls.values.iter().all(|v| (0.0..=1.0).contains(v)));
    }

    #[test]
    fn duplicate_and_non_finite_points_are_dropped() {
        let p = |time_ms, value| OpenInterestPoint {
            time_ms,
            contracts: 1.0,
            value,
        };
        let chart = open_interest_chart(
            "X",
            &[
                p(2_000, 5.0),
                p(1_000, 4.0),
                p(2_000, 6.0),
                p(3_000, f64::NAN),
            ],
        )
        .expect("two points");
        assert_eq!(chart.times, [1, 2]);
        assert_eq!(chart.values.len(), 2);
        assert!(open_interest_chart("X", &[p(1_000, 4.0)]).is_none());
    }
}
