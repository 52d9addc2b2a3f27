//! The sector page's numbers, apart from the page: the AI tokens indexed to 100 against BTC
//! and NVDA over the last year, and their correlations. Plain functions, tested natively.

use crate::components::chart::{ComparisonData, HeatMapData};
use crate::data::Dataset;
use crate::format::date;
use tokenrisk_charts::{Scale, ValueFormat};
use tokenrisk_core::align::{align, indexed_to_100};
use tokenrisk_core::relative::correlation_matrix;
use tokenrisk_core::returns::simple_returns;
use tokenrisk_core::time::SECONDS_PER_DAY;
use tokenrisk_core::PriceSeries;
use tokenrisk_market::registry::{self, Role};

/// The AI tokens of the asset registry.
pub fn tokens() -> Vec<&'static str> {
    registry::ids_with_role(Role::AiToken)
}

/// The benchmarks drawn dashed beside the tokens: the crypto benchmark and the first AI
/// equity of the registry (BTC, NVDA).
pub fn benchmarks() -> Vec<&'static str> {
    registry::with_role(Role::CryptoBenchmark)
        .chain(registry::with_role(Role::AiEquity).take(1))
        .map(|a| a.id)
        .collect()
}

/// The tokens and benchmarks over the year ending at the newest crypto close (the tokens' and
/// BTC's), indexed to 100 on their first common date; and the series left out because they end
/// more than a week before that date. Equities that run later are cut at it.
pub fn indexed_year(dataset: &Dataset) -> (Option<ComparisonData>, Vec<(String, String)>) {
    let last = |id: &str| {
        dataset
            .get(id)
            .and_then(|a| a.prices.times().last().copied())
    };
    let (tokens, benchmarks) = (tokens(), benchmarks());
    let Some(newest) = tokens
        .iter()
        .chain(["BTC"].iter())
        .filter_map(|id| last(id))
        .max()
    else {
        return (None, Vec::new());
    };
    let start = newest - 365 * SECONDS_PER_DAY;
    let mut chosen: Vec<(String, PriceSeries, bool)> = Vec::new();
    let mut stale = Vec::new();
    for (id, dashed) in tokens
        .iter()
        .map(|t| (*t, false))
        .chain(benchmarks.iter().map(|b| (*b, true)))
    {
        let (Some(asset), Some(end)) = (dataset.get(id), last(id)) else {
            continue;
        };
        if newest - end > 7 * SECONDS_PER_DAY {
            stale.push((id.to_owned(), date(end)));
            continue;
        }
        chosen.push((id.to_owned(), asset.prices.since(start), dashed));
    }
    let series: Vec<&PriceSeries> = chosen.iter().map(|(_, s, _)| s).collect();
    let joined = align(&series);
    if joined.times.len() < 2 {
        return (None, stale);
    }
    let lines = chosen
        .iter()
        .zip(indexed_to_100(&joined))
        .map(|((id, _, dashed), values)| (id.clone(), values, *dashed))
        .collect();
    (
        Some(ComparisonData {
            times: joined.times,
            lines,
            format: ValueFormat::Price,
            window: None,
            scale: Scale::Indexed,
        }),
        stale,
    )
}

/// Correlations of daily returns over the comparison's common dates (the same year and series
/// as [`indexed_year`]; returns of indexed prices are the prices' returns).
pub fn correlations(data: &ComparisonData) -> Option<HeatMapData> {
    let returns: Vec<Vec<f64>> = data
        .lines
        .iter()
        .map(|(_, v, _)| simple_returns(v))
        .collect();
    let values = correlation_matrix(&returns).ok()?;
    Some(HeatMapData {
        labels: data.lines.iter().map(|(id, _, _)| id.clone()).collect(),
        values,
    })
}

/// The comparison chart's caption: the date the lines are indexed to, and the series left out
/// for ending earlier; without a shared year, why the chart is empty.
pub fn indexed_caption(data: Option<&ComparisonData>, stale: &[(String, String)]) -> String {
    let Some(start) = data.and_then(|d| d.times.first().copied()) else {
        return "No year that BTC, NVDA and the AI tokens share: the bundled data is missing or \
                does not cover them. Load CSV price files on the token view to compare your own."
            .to_owned();
    };
    let mut text = format!(
        "Indexed to 100 on {}, the first date all series share in the year to the newest crypto close (NVDA trades on weekdays, so weekends are left out); BTC and NVDA dashed.",
        date(start)
    );
    if !stale.is_empty() {
        let list: Vec<String> = stale
            .iter()
            .map(|(id, end)| format!("{id} (ends {end})"))
            .collect();
        text.push_str(&format!(
            " Left out for ending earlier: {}.",
            list.join(", ")
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_comparison_year_ends_at_the_newest_crypto_close() {
        use crate::data::import_csv;
        let csv = |days: std::ops::Range<i64>, skip_weekends: bool| {
            let mut text = "date,close\n".to_owned();
            for d in days {
                let date = tokenrisk_core::time::Date::from_days(20_000 + d as i32);
                if !skip_weekends || date.weekday() < 5 {
                    text.push_str(&format!("{date},{}\n", 100.0 + d as f64));
                }
            }
            text
        };
        let assets = vec![
            import_csv("TAOUSDT.csv", &csv(0..400, false), "").expect("valid"),
            import_csv("BTCUSDT.csv", &csv(0..400, false), "").expect("valid"),
            import_csv("FETUSDT.csv", &csv(0..300, false), "").expect("valid"),
            import_csv("NVDA.csv", &csv(0..500, true), "").expect("valid"),
        ];
        let (data, stale) = indexed_year(&Dataset {
            snapshot_created_at: None,
            assets,
        });
        let data = data.expect("enough common dates");
        let ids: Vec<&str> = data.lines.iter().map(|(id, _, _)| id.as_str()).collect();
        assert_eq!(
            ids,
            ["TAO", "BTC", "NVDA"],
            "NVDA running later is cut, not the tokens"
        );
        assert_eq!(stale.len(), 1);
        assert_eq!(stale[0].0, "FET");
        let last = tokenrisk_core::time::Date::from_days(20_000 + 399).to_unix();
        assert!(*data.times.last().expect("dates") <= last);
        assert!(data.lines.iter().all(|(_, v, _)| v[0] == 100.0));
    }

    #[test]
    fn the_caption_names_the_index_date_or_says_why_there_is_none() {
        let empty = indexed_caption(None, &[]);
        assert!(empty.starts_with("No year that BTC, NVDA"), "{empty}");
        assert!(!empty.contains(" on ,"));
        let data = ComparisonData {
            times: vec![1_735_689_600, 1_735_776_000],
            lines: Vec::new(),
            format: ValueFormat::Price,
            window: None,
            scale: Scale::Indexed,
        };
        let text = indexed_caption(Some(&data), &[("RENDER".into(), "2025-06-12".into())]);
        assert!(text.starts_with("Indexed to 100 on 2025-01-01,"), "{text}");
        assert!(text.ends_with("Left out for ending earlier: RENDER (ends 2025-06-12)."));
    }
}
