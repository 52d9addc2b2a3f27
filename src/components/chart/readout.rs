//! How a chart reads without the picture: the tooltip's text at a point, a one-line summary for
//! screen readers and captions, a data table, and a CSV file (full precision).

use super::spec::{days, ChartSpec};
use crate::format::{compact, date, percent, price};
use tokenrisk_charts::ValueFormat;

fn value_text(format: ValueFormat, v: f64) -> String {
    match format {
        ValueFormat::Price => price(v),
        ValueFormat::Percent => percent(v, 2),
        ValueFormat::Compact => compact(v),
    }
}

/// A CSV field, quoted when it holds a comma, a quote or a line break.
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

impl ChartSpec {
    /// The tooltip's text at point `i` of a time chart: the date, then each value.
    pub fn describe(&self, i: usize) -> String {
        let when = self.times().get(i).map(|t| date(*t)).unwrap_or_default();
        let value =
            |format, v: Option<&f64>| v.map_or("n/a".to_owned(), |v| value_text(format, *v));
        match self {
            Self::Series(d) => format!("{when} · {}", value(d.format, d.values.get(i))),
            Self::Comparison(d) => {
                let values: Vec<String> = d
                    .lines
                    .iter()
                    .map(|(label, values, _)| format!("{label} {}", value(d.format, values.get(i))))
                    .collect();
                format!("{when} · {}", values.join(" · "))
            }
            Self::Candles(d) => d.candles.get(i).map_or(String::new(), |c| {
                let hour = tokenrisk_core::time::format_unix(c.time);
                format!(
                    "{} · O {} H {} L {} C {}",
                    hour.get(..16).unwrap_or(&hour).replace('T', " "),
                    price(c.open),
                    price(c.high),
                    price(c.low),
                    price(c.close)
                )
            }),
            _ => String::new(),
        }
    }

    /// The chart's data as a table: column headers and rows of text, every point (the visible
    /// window's for a zoomed time chart).
    pub fn table(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let visible = |t: &i64| self.shows(*t);
        match self {
            Self::Series(d) => (
                vec!["Date".to_owned(), d.label.clone()],
                d.times
                    .iter()
                    .zip(&d.values)
                    .filter(|(t, _)| visible(t))
                    .map(|(t, v)| vec![date(*t), value_text(d.format, *v)])
                    .collect(),
            ),
            Self::Comparison(d) => (
                std::iter::once("Date".to_owned())
                    .chain(d.lines.iter().map(|l| l.0.clone()))
                    .collect(),
                d.times
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| visible(t))
                    .map(|(i, t)| {
                        std::iter::once(date(*t))
                            .chain(d.lines.iter().map(|l| {
                                l.1.get(i)
                                    .map_or("n/a".to_owned(), |v| value_text(d.format, *v))
                            }))
                            .collect()
                    })
                    .collect(),
            ),
            Self::Candles(d) => (
                ["Time (UTC)", "Open", "High", "Low", "Close"]
                    .map(str::to_owned)
                    .to_vec(),
                d.candles
                    .iter()
                    .map(|c| {
                        vec![
                            tokenrisk_core::time::format_unix(c.time),
                            price(c.open),
                            price(c.high),
                            price(c.low),
                            price(c.close),
                        ]
                    })
                    .collect(),
            ),
            Self::Histogram(d) => (
                vec!["From".to_owned(), "To".to_owned(), "Count".to_owned()],
                d.edges
                    .windows(2)
                    .zip(&d.counts)
                    .map(|(w, n)| {
                        vec![
                            value_text(d.format, w[0]),
                            value_text(d.format, w[1]),
                            n.to_string(),
                        ]
                    })
                    .collect(),
            ),
            Self::HeatMap(d) => (
                std::iter::once(String::new())
                    .chain(d.labels.iter().cloned())
                    .collect(),
                d.labels
                    .iter()
                    .zip(&d.values)
                    .map(|(label, row)| {
                        std::iter::once(label.clone())
                            .chain(row.iter().map(|v| format!("{v:.2}")))
                            .collect()
                    })
                    .collect(),
            ),
            Self::Depth(d) => (
                vec![
                    "Side".to_owned(),
                    "Price".to_owned(),
                    "Cumulative value".to_owned(),
                ],
                d.bids
                    .iter()
                    .map(|l| ("bid", l))
                    .chain(d.asks.iter().map(|l| ("ask", l)))
                    .map(|(side, (p, v))| vec![side.to_owned(), price(*p), compact(*v)])
                    .collect(),
            ),
        }
    }

    /// The chart's data as CSV, numbers in full precision (not formatted for reading), for the
    /// visible window of a zoomed time chart.
    pub fn csv(&self) -> String {
        let visible = |t: &i64| self.shows(*t);
        let rows: Vec<Vec<String>> = match self {
            Self::Series(d) => std::iter::once(vec!["date".to_owned(), d.label.clone()])
                .chain(
                    d.times
                        .iter()
                        .zip(&d.values)
                        .filter(|(t, _)| visible(t))
                        .map(|(t, v)| vec![date(*t), v.to_string()]),
                )
                .collect(),
            Self::Comparison(d) => std::iter::once(
                std::iter::once("date".to_owned())
                    .chain(d.lines.iter().map(|l| l.0.clone()))
                    .collect(),
            )
            .chain(
                d.times
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| visible(t))
                    .map(|(i, t)| {
                        std::iter::once(date(*t))
                            .chain(
                                d.lines
                                    .iter()
                                    .map(|l| l.1.get(i).map_or(String::new(), f64::to_string)),
                            )
                            .collect()
                    }),
            )
            .collect(),
            Self::Candles(d) => std::iter::once(
                ["time", "open", "high", "low", "close"]
                    .map(str::to_owned)
                    .to_vec(),
            )
            .chain(d.candles.iter().map(|c| {
                vec![
                    tokenrisk_core::time::format_unix(c.time),
                    c.open.to_string(),
                    c.high.to_string(),
                    c.low.to_string(),
                    c.close.to_string(),
                ]
            }))
            .collect(),
            Self::Histogram(d) => {
                std::iter::once(vec!["from".to_owned(), "to".to_owned(), "count".to_owned()])
                    .chain(
                        d.edges
                            .windows(2)
                            .zip(&d.counts)
                            .map(|(w, n)| vec![w[0].to_string(), w[1].to_string(), n.to_string()]),
                    )
                    .collect()
            }
            Self::HeatMap(d) => std::iter::once(
                std::iter::once(String::new())
                    .chain(d.labels.iter().cloned())
                    .collect(),
            )
            .chain(d.labels.iter().zip(&d.values).map(|(label, row)| {
                std::iter::once(label.clone())
                    .chain(row.iter().map(f64::to_string))
                    .collect()
            }))
            .collect(),
            Self::Depth(d) => std::iter::once(vec![
                "side".to_owned(),
                "price".to_owned(),
                "cumulative_quote".to_owned(),
            ])
            .chain(
                d.bids
                    .iter()
                    .map(|l| ("bid", l))
                    .chain(d.asks.iter().map(|l| ("ask", l)))
                    .map(|(side, (p, v))| vec![side.to_owned(), p.to_string(), v.to_string()]),
            )
            .collect(),
        };
        rows.iter()
            .map(|r| r.iter().map(|f| field(f)).collect::<Vec<_>>().join(","))
            .collect::<Vec<_>>()
            .join("\n")
            + "\n"
    }

    /// One or two sentences saying what the chart shows, for screen readers and as a caption.
    pub fn summary(&self) -> String {
        match self {
            Self::Series(d) => {
                let points: Vec<(i64, f64)> = d
                    .times
                    .iter()
                    .copied()
                    .zip(d.values.iter().copied())
                    .filter(|(t, v)| v.is_finite() && d.window.is_none_or(|(a, b)| (a..=b).contains(&days(*t))))
                    .collect();
                let (Some(first), Some(last)) = (points.first(), points.last()) else {
                    return format!("{}: no data in this range.", d.label);
                };
                let low = points.iter().min_by(|a, b| a.1.total_cmp(&b.1)).copied().unwrap_or(*first);
                let high = points.iter().max_by(|a, b| a.1.total_cmp(&b.1)).copied().unwrap_or(*first);
                let f = |v| value_text(d.format, v);
                let change = match d.format {
                    ValueFormat::Percent => String::new(),
                    _ if first.1 > 0.0 => format!(", a change of {}", percent(last.1 / first.1 - 1.0, 1)),
                    _ => String::new(),
                };
                format!(
                    "{}: {} daily points from {} to {}; {} at the start and {} at the end{change}; lowest {} on {}, highest {} on {}.",
                    d.label,
                    points.len(),
                    date(first.0),
                    date(last.0),
                    f(first.1),
                    f(last.1),
                    f(low.1),
                    date(low.0),
                    f(high.1),
                    date(high.0)
                )
            }
            Self::Comparison(d) => {
                let window = self.window();
                let parts: Vec<String> = d
                    .lines
                    .iter()
                    .filter_map(|(label, values, _)| {
                        let visible: Vec<f64> = d
                            .times
                            .iter()
                            .zip(values)
                            .filter(|(t, v)| v.is_finite() && window.is_none_or(|(a, b)| (a..=b).contains(&days(**t))))
                            .map(|(_, v)| *v)
                            .collect();
                        let (first, last) = (visible.first()?, visible.last()?);
                        Some(format!("{label} {}", percent(last / first - 1.0, 1)))
                    })
                    .collect();
                format!("Change over the range shown: {}.", parts.join(", "))
            }
            Self::Candles(d) => match (d.candles.first(), d.candles.last()) {
                (Some(first), Some(last)) => {
                    let high = d.candles.iter().map(|c| c.high).fold(f64::MIN, f64::max);
                    let low = d.candles.iter().map(|c| c.low).fold(f64::MAX, f64::min);
                    format!(
                        "{}: {} candles; opened at {}, last close {}; range {} to {}.",
                        d.label,
                        d.candles.len(),
                        price(first.open),
                        price(last.close),
                        price(low),
                        price(high)
                    )
                }
                _ => format!("{}: no candles.", d.label),
            },
            Self::Histogram(d) => {
                let total: u64 = d.counts.iter().sum();
                let marks: Vec<String> = d.markers.iter().map(|(l, _)| l.clone()).collect();
                format!(
                    "Histogram of {total} {} in {} bins from {} to {}; marked: {}.",
                    d.label,
                    d.counts.len(),
                    d.edges.first().map_or(String::new(), |v| value_text(d.format, *v)),
                    d.edges.last().map_or(String::new(), |v| value_text(d.format, *v)),
                    marks.join("; ")
                )
            }
            Self::HeatMap(d) => {
                let mut pairs: Vec<(f64, String)> = Vec::new();
                for (i, row) in d.values.iter().enumerate() {
                    for (j, v) in row.iter().enumerate().skip(i + 1) {
                        if v.is_finite() {
                            pairs.push((*v, format!("{}–{}", d.labels[i], d.labels[j])));
                        }
                    }
                }
                pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
                match (pairs.first(), pairs.last()) {
                    (Some(hi), Some(lo)) => format!(
                        "Correlations of {}: highest {} {:.2}, lowest {} {:.2}.",
                        d.labels.join(", "),
                        hi.1,
                        hi.0,
                        lo.1,
                        lo.0
                    ),
                    _ => "No correlations to show.".to_owned(),
                }
            }
            Self::Depth(d) => format!(
                "Order book within {} of the mid: {} on the bids, {} on the asks (cumulative quote value).",
                percent(d.within, 0),
                d.bids.iter().take_while(|l| l.0 >= d.bids.first().map_or(0.0, |b| b.0) * (1.0 - 2.0 * d.within)).last().map_or("nothing".to_owned(), |l| compact(l.1)),
                d.asks.iter().take_while(|l| l.0 <= d.asks.first().map_or(0.0, |a| a.0) * (1.0 + 2.0 * d.within)).last().map_or("nothing".to_owned(), |l| compact(l.1)),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::chart::spec::ChartData;
    use tokenrisk_charts::{Scale, SeriesStyle};

    fn series() -> ChartSpec {
        ChartSpec::Series(ChartData {
            label: "TAO close, USDT".to_owned(),
            times: vec![0, 86_400, 172_800],
            values: vec![100.0, 80.0, 120.0],
            format: ValueFormat::Price,
            style: SeriesStyle::Line,
            window: None,
            scale: Scale::Linear,
        })
    }

    #[test]
    fn csv_has_every_point_in_full_precision() {
        assert_eq!(
            series().csv(),
            "date,\"TAO close, USDT\"\n1970-01-01,100\n1970-01-02,80\n1970-01-03,120\n"
        );
        let ChartSpec::Series(mut d) = series() else {
            unreachable!()
        };
        d.window = Some((0.5, 2.0));
        assert_eq!(
            ChartSpec::Series(d).csv().lines().count(),
            3,
            "the zoomed window only"
        );
    }

    #[test]
    fn summary_names_the_range_the_extremes_and_the_change() {
        let text = series().summary();
        assert!(
            text.contains("3 daily points from 1970-01-01 to 1970-01-03"),
            "{text}"
        );
        assert!(text.contains("lowest 80.00 on 1970-01-02"), "{text}");
        assert!(text.contains("a change of 20.0%"), "{text}");
        let (headers, rows) = series().table();
        assert_eq!(headers, ["Date", "TAO close, USDT"]);
        assert_eq!(rows[1], ["1970-01-02", "80.00"]);
    }
}
