//! Every chart type drawn to SVG from real market data, always the committed fixture cuts (the
//! snapshots are the same with or without `../shared`): a check of what must be true of the
//! picture, then an insta snapshot of the whole drawing (review changes with `cargo insta
//! review`; CI fails on an unreviewed change).

mod common;
use common::texts;

use plotters::prelude::*;
use rand::SeedableRng;
use tokenrisk_charts::{
    draw_candlestick_chart, draw_depth_chart, draw_fan_chart, draw_heat_map, draw_histogram_chart,
    draw_series_chart, draw_stacked_area_chart, draw_waterfall_chart, Band, Candle,
    CandlestickChart, DepthChart, DrawChart, FanChart, GridMapData, HeatMap, HistogramChart, Layer,
    LiquidationMapData, Marker, Projection, Scale, SeriesChart, SeriesStyle, StackedAreaChart,
    Theme, ValueFormat, WaterfallChart,
};
use tokenrisk_core::align::align;
use tokenrisk_core::cascade::{
    ladder, liquidation_map, simulate, CascadeInput, LadderInput, LeverageMixPreset,
    DEFAULT_MAX_ROUNDS,
};
use tokenrisk_core::depth_stress::{Haircut, HaircutPreset};
use tokenrisk_core::liquidity::cumulative_depth;
use tokenrisk_core::order_book::OrderBook;
use tokenrisk_core::range::Range;
use tokenrisk_core::relative::correlation_matrix;
use tokenrisk_core::returns::simple_returns;
use tokenrisk_core::stats::histogram;
use tokenrisk_core::tail::{historical, monte_carlo_fan, MonteCarloConfig};
use tokenrisk_core::PriceSeries;
use tokenrisk_market::csv_prices::read_price_csv;

const SIZE: (u32, u32) = (640, 320);

fn svg_of(
    draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, plotters::coord::Shift>) -> Option<Projection>,
) -> (String, Projection) {
    let mut svg = String::new();
    let projection = {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        draw(&root)
    };
    (svg, projection.expect("data drawn"))
}

fn prices(file: &str) -> PriceSeries {
    read_price_csv(
        &tokenrisk_testdata::DataSet::Fixtures.read_market_file(file),
        None,
    )
    .expect("valid")
    .series
}

fn count(svg: &str, needle: &str) -> usize {
    svg.matches(needle).count()
}

#[test]
fn line_and_area() {
    let tao = Range::Days90.window(&prices("binance_spot_1d/TAOUSDT.csv"));
    let btc = Range::Days90.window(&prices("binance_spot_1d/BTCUSDT.csv"));
    for (name, series, style) in [
        ("line_tao_90d", &tao, SeriesStyle::Line),
        ("area_btc_90d", &btc, SeriesStyle::Area),
    ] {
        let (svg, _) = svg_of(|root| {
            let chart = SeriesChart {
                times: series.times(),
                values: series.values(),
                format: ValueFormat::Price,
                style,
                window: None,
                scale: Scale::Linear,
            };
            draw_series_chart(root, &chart, &Theme::LIGHT).expect("draws")
        });
        let longest = svg
            .split("<polyline")
            .skip(1)
            .filter_map(|e| e.split("points=\"").nth(1))
            .map(|p| p[..p.find('"').unwrap_or(0)].split_whitespace().count())
            .max();
        assert_eq!(longest, Some(series.len()), "{name}: one vertex per close");
        insta::assert_snapshot!(name, svg);
    }
}

#[test]
fn volume_columns_of_btc() {
    let text =
        tokenrisk_testdata::DataSet::Fixtures.read_market_file("binance_spot_1d/BTCUSDT.csv");
    let read = read_price_csv(&text, None).expect("valid");
    let volume = read.volume.expect("quote volume column");
    let n = read.series.len();
    let (times, values) = (&read.series.times()[n - 90..], &volume.values[n - 90..]);
    let (svg, p) = svg_of(|root| {
        let chart = SeriesChart {
            times,
            values,
            format: ValueFormat::Compact,
            style: SeriesStyle::Columns,
            window: None,
            scale: Scale::Linear,
        };
        draw_series_chart(root, &chart, &Theme::LIGHT).expect("draws")
    });
    assert_eq!(volume.column, "quote_asset_volume");
    assert_eq!(p.y.0, 0.0, "columns stand on zero");
    assert!(p.y.1 >= values.iter().copied().fold(0.0, f64::max));
    assert_eq!(
        count(&svg, "<rect") - count(&svg, "<rect x=\"0\" y=\"0\""),
        90,
        "one column a day"
    );
    assert!(
        texts(&svg).iter().any(|t| t.ends_with("bn")),
        "compact labels"
    );
    insta::assert_snapshot!("columns_btc_volume_90d", svg);
}

#[test]
fn candlestick_of_btc_daily_ohlc() {
    let text =
        tokenrisk_testdata::DataSet::Fixtures.read_market_file("binance_spot_1d/BTCUSDT.csv");
    let rows: Vec<Vec<&str>> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    let candles: Vec<Candle> = rows[rows.len() - 60..]
        .iter()
        .map(|r| Candle {
            time: tokenrisk_core::time::parse_timestamp(r[0]).expect("time"),
            open: r[1].parse().expect("open"),
            high: r[2].parse().expect("high"),
            low: r[3].parse().expect("low"),
            close: r[4].parse().expect("close"),
        })
        .collect();
    let (svg, p) = svg_of(|root| {
        let chart = CandlestickChart {
            candles: &candles,
            window: None,
            scale: Scale::Linear,
        };
        draw_candlestick_chart(root, &chart, &Theme::LIGHT).expect("draws")
    });
    let highest = candles.iter().map(|c| c.high).fold(f64::MIN, f64::max);
    let lowest = candles.iter().map(|c| c.low).fold(f64::MAX, f64::min);
    assert!(p.y.0 < lowest && p.y.1 > highest, "every wick fits");
    // One body (rect) and one wick (line) per candle; falling bodies are filled.
    let falling = candles.iter().filter(|c| c.close < c.open).count();
    let theme = Theme::LIGHT;
    let filled = format!(
        "fill=\"#{:02X}{:02X}{:02X}\"",
        theme.loss.0, theme.loss.1, theme.loss.2
    );
    assert_eq!(count(&svg, &filled), falling, "falling candles are filled");
    insta::assert_snapshot!("candlestick_btc_60d", svg);
}

#[test]
fn histogram_of_tao_returns_with_var_and_es() {
    let tao = Range::Year1.window(&prices("binance_spot_1d/TAOUSDT.csv"));
    let returns = simple_returns(tao.values());
    let h = histogram(&returns, 40).expect("returns");
    let tail = historical(&returns, 0.95).expect("returns");
    let (var, es) = (
        format!("VaR 95% {:.1}%", -tail.var * 100.0),
        format!("ES 95% {:.1}%", -tail.es * 100.0),
    );
    let markers = [
        Marker {
            label: &var,
            at: -tail.var,
        },
        Marker {
            label: &es,
            at: -tail.es,
        },
    ];
    let (svg, p) = svg_of(|root| {
        let chart = HistogramChart {
            edges: &h.edges,
            counts: &h.counts,
            format: ValueFormat::Percent,
            markers: &markers,
        };
        draw_histogram_chart(root, &chart, &Theme::LIGHT).expect("draws")
    });
    assert_eq!(h.counts.iter().sum::<u64>() as usize, returns.len());
    assert!(p.x.0 <= h.edges[0] && p.x.1 >= h.edges[40]);
    let labels = texts(&svg);
    assert!(labels.contains(&var) && labels.contains(&es), "{labels:?}");
    insta::assert_snapshot!("histogram_tao_1y", svg);
}

#[test]
fn heat_map_of_correlations() {
    let files = [
        ("BTC", "binance_spot_1d/BTCUSDT.csv"),
        ("TAO", "binance_spot_1d/TAOUSDT.csv"),
        ("NEAR", "binance_spot_1d/NEARUSDT.csv"),
        ("ICP", "binance_spot_1d/ICPUSDT.csv"),
        ("NVDA", "yahoo_equities_1d/NVDA.csv"),
        ("MSFT", "yahoo_equities_1d/MSFT.csv"),
    ];
    let series: Vec<PriceSeries> = files
        .iter()
        .map(|(_, f)| Range::Year1.window(&prices(f)))
        .collect();
    let joined = align(&series.iter().collect::<Vec<_>>());
    let matrix = correlation_matrix(&joined.returns()).expect("enough common days");
    let labels: Vec<&str> = files.iter().map(|(l, _)| *l).collect();
    let (svg, _) = svg_of(|root| {
        draw_heat_map(
            root,
            &HeatMap {
                labels: &labels,
                values: &matrix,
            },
            &Theme::LIGHT,
        )
        .expect("draws")
    });
    let cells = texts(&svg);
    assert_eq!(
        cells.iter().filter(|t| *t == "1.00").count(),
        6,
        "the diagonal"
    );
    let btc_tao = format!("{:.2}", matrix[0][1]);
    assert!(
        cells.iter().filter(|t| **t == btc_tao).count() >= 2,
        "symmetric: {btc_tao}"
    );
    insta::assert_snapshot!("heat_map_correlations_1y", svg);
}

#[test]
fn stacked_area_of_a_buy_and_hold_portfolio() {
    let files = [
        "binance_spot_1d/TAOUSDT.csv",
        "binance_spot_1d/NEARUSDT.csv",
        "binance_spot_1d/ICPUSDT.csv",
    ];
    let series: Vec<PriceSeries> = files
        .iter()
        .map(|f| {
            Range::Custom {
                from: 0,
                to: i64::MAX,
            }
            .window(&prices(f))
        })
        .collect();
    let joined = align(&series.iter().collect::<Vec<_>>());
    let start = joined.times.len() - 180;
    let times = &joined.times[start..];
    // $1,000 in each on the first day, held.
    let values: Vec<Vec<f64>> = joined
        .prices
        .iter()
        .map(|p| p[start..].iter().map(|v| 1000.0 * v / p[start]).collect())
        .collect();
    let layers = [
        Layer {
            label: "TAO",
            values: &values[0],
        },
        Layer {
            label: "NEAR",
            values: &values[1],
        },
        Layer {
            label: "ICP",
            values: &values[2],
        },
    ];
    let (svg, p) = svg_of(|root| {
        let chart = StackedAreaChart {
            times,
            layers: &layers,
            lines: &[],
            markers: &[],
            format: ValueFormat::Price,
        };
        draw_stacked_area_chart(root, &chart, &Theme::LIGHT).expect("draws")
    });
    let total_first: f64 = values.iter().map(|v| v[0]).sum();
    assert_eq!(total_first, 3000.0);
    let (_, y) = p.to_pixel(p.x.0, total_first);
    assert!(y > p.top && y < p.bottom);
    assert_eq!(count(&svg, "<polygon"), 3, "one band per holding");
    insta::assert_snapshot!("stacked_area_portfolio_180d", svg);
}

#[test]
fn fan_of_tao_monte_carlo_paths() {
    let tao = Range::Year1.window(&prices("binance_spot_1d/TAOUSDT.csv"));
    let returns = simple_returns(tao.values());
    let config = MonteCarloConfig {
        paths: 2000,
        horizon: 30,
        mean_block: 5.0,
    };
    let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(1);
    let levels = [0.05, 0.25, 0.5, 0.75, 0.95];
    let fan = monte_carlo_fan(&returns, &levels, config, &mut rng).expect("returns");
    let last = *tao.values().last().expect("data");
    let t0 = *tao.times().last().expect("data");
    let times: Vec<i64> = (0..=30).map(|d| t0 + d * common::DAY).collect();
    let paths: Vec<Vec<f64>> = fan
        .iter()
        .map(|q| q.iter().map(|g| g * last).collect())
        .collect();
    let bands = [
        Band {
            label: "5–95 %",
            lower: &paths[0],
            upper: &paths[4],
        },
        Band {
            label: "25–75 %",
            lower: &paths[1],
            upper: &paths[3],
        },
    ];
    let (svg, p) = svg_of(|root| {
        let chart = FanChart {
            times: &times,
            median: &paths[2],
            bands: &bands,
            format: ValueFormat::Price,
        };
        draw_fan_chart(root, &chart, &Theme::LIGHT).expect("draws")
    });
    assert!(p.y.0 < paths[0][30] && p.y.1 > paths[4][30]);
    for label in ["5–95 %", "25–75 %", "median"] {
        assert!(texts(&svg).iter().any(|t| t == label), "legend {label}");
    }
    insta::assert_snapshot!("fan_tao_30d", svg);
}

#[test]
fn depth_of_the_documented_kraken_book() {
    let sample: serde_json::Value = serde_json::from_str(&tokenrisk_testdata::read_api_sample(
        "kraken_public_depth.json",
    ))
    .expect("json");
    let book = &sample["result"]["XXBTZUSD"];
    let side = |key: &str| -> Vec<(f64, f64)> {
        book[key]
            .as_array()
            .expect("levels")
            .iter()
            .map(|l| {
                (
                    l[0].as_str().expect("p").parse().expect("p"),
                    l[1].as_str().expect("q").parse().expect("q"),
                )
            })
            .collect()
    };
    let book = OrderBook {
        bids: side("bids"),
        asks: side("asks"),
    };
    let (bids, asks) = cumulative_depth(&book);
    let (svg, p) = svg_of(|root| {
        draw_depth_chart(
            root,
            &DepthChart {
                bids: &bids,
                asks: &asks,
                within: 0.01,
            },
            &Theme::LIGHT,
        )
        .expect("draws")
    });
    let mid = (book.bids[0].0 + book.asks[0].0) / 2.0;
    assert!(
        (p.x.0 - mid * 0.99).abs() < 1e-6 && (p.x.1 - mid * 1.01).abs() < 1e-6,
        "±1 % of the mid"
    );
    let deepest = bids
        .last()
        .expect("bids")
        .1
        .max(asks.last().expect("asks").1);
    assert!(p.y.1 >= deepest);
    for label in ["bids", "asks", "mid"] {
        assert!(texts(&svg).iter().any(|t| t == label), "{label}");
    }
    insta::assert_snapshot!("depth_kraken_sample", svg);
}

#[test]
fn waterfall_of_a_portfolio_loss_by_holding() {
    let files = [
        ("BTC", "binance_spot_1d/BTCUSDT.csv"),
        ("TAO", "binance_spot_1d/TAOUSDT.csv"),
        ("NEAR", "binance_spot_1d/NEARUSDT.csv"),
        ("ICP", "binance_spot_1d/ICPUSDT.csv"),
    ];
    let series: Vec<PriceSeries> = files
        .iter()
        .map(|(_, f)| Range::Year1.window(&prices(f)))
        .collect();
    let joined = align(&series.iter().collect::<Vec<_>>());
    let n = joined.times.len();
    // The equal-weight portfolio's worst 30-day window, each holding's part of it: w · r_i.
    let window_return =
        |start: usize, i: usize| joined.prices[i][start + 30] / joined.prices[i][start] - 1.0;
    let worst = (0..n - 30)
        .min_by(|&a, &b| {
            let total = |s| (0..4).map(|i| 0.25 * window_return(s, i)).sum::<f64>();
            total(a).total_cmp(&total(b))
        })
        .expect("windows");
    let parts: Vec<(&str, f64)> = files
        .iter()
        .enumerate()
        .map(|(i, (l, _))| (*l, 0.25 * window_return(worst, i)))
        .collect();
    let (svg, _) = svg_of(|root| {
        let chart = WaterfallChart {
            steps: &parts,
            total_label: "Portfolio",
            format: ValueFormat::Percent,
        };
        draw_waterfall_chart(root, &chart, &Theme::LIGHT).expect("draws")
    });
    let total: f64 = parts.iter().map(|p| p.1).sum();
    let shown = format!("{:+.1}%", total * 100.0).replace('-', "−");
    assert!(texts(&svg).contains(&shown), "the total bar says {shown}");
    assert!(
        total < -0.2,
        "the worst month of the last year lost over 20 %: {total}"
    );
    insta::assert_snapshot!("waterfall_worst_30d", svg);
}

#[test]
fn grid_map_of_a_cascade_sweep_on_a_recorded_book() {
    // A recorded Binance USD-M book, open interest of twice the bids within 2 % of the mid,
    // 75 % long over the heat-map vendors' mix capped at 50×, entered at the mid; shocks of
    // −2 to −20 % by the book as it is and the three haircut presets.
    let book = tokenrisk_market::sources::binance::parse_depth(
        &tokenrisk_testdata::read_orderbook("binance_usdm_KEEPUSDT_2021-07-22T222542Z.json"),
    )
    .expect("recorded book");
    let mid = tokenrisk_core::liquidity::Top::of(&book)
        .expect("two sides")
        .mid();
    let open_interest = 2.0
        * tokenrisk_core::execution::depth_bands(&book, &[0.02]).expect("two sides")[0].bids_quote;
    let bracket = tokenrisk_core::leverage::Bracket {
        notional_floor: 0.0,
        notional_cap: 10e3,
        max_leverage: 50.0,
        maintenance_rate: 0.01,
        maintenance_amount: 0.0,
    };
    let shocks = [-0.02, -0.05, -0.1, -0.2];
    let cuts = [
        ("none", None),
        ("stressed", Some(HaircutPreset::StressedRegime)),
        ("crash", Some(HaircutPreset::CrashHour)),
        ("flash", Some(HaircutPreset::FlashCrash)),
    ];
    let values: Vec<Vec<f64>> = shocks
        .iter()
        .map(|&shock| {
            cuts.iter()
                .map(|(_, cut)| {
                    let r = simulate(&CascadeInput {
                        book: book.clone(),
                        start_price: mid,
                        shock,
                        open_interest,
                        long_share: 0.75,
                        entries: Vec::new(),
                        mix: LeverageMixPreset::HeatmapVendor.mix().capped(50.0).0,
                        bracket,
                        haircut: cut.map_or(Haircut::Flat(0.0), HaircutPreset::haircut),
                        replenishment: 0.0,
                        max_rounds: DEFAULT_MAX_ROUNDS,
                    })
                    .expect("runs");
                    r.final_price / r.start_price - 1.0
                })
                .collect()
        })
        .collect();
    let texts_of: Vec<Vec<String>> = values
        .iter()
        .map(|row| {
            row.iter()
                .map(|v| format!("{:.1}%", v * 100.0).replace('-', "−"))
                .collect()
        })
        .collect();
    let grid = GridMapData {
        what: "Move after the cascade".to_owned(),
        row_title: "Shock".to_owned(),
        column_title: "Depth haircut".to_owned(),
        rows: shocks
            .iter()
            .map(|s| format!("{:.0}%", s * 100.0).replace('-', "−"))
            .collect(),
        columns: cuts.iter().map(|(k, _)| (*k).to_owned()).collect(),
        values: values.clone(),
        texts: texts_of.clone(),
    };
    let (svg, _) = svg_of(|root| grid.draw(root, &Theme::LIGHT).expect("draws"));
    let drawn = texts(&svg);
    for row in &texts_of {
        for cell in row {
            assert!(drawn.contains(cell), "{cell} printed");
        }
    }
    let distinct: std::collections::BTreeSet<&String> = texts_of.iter().flatten().collect();
    assert!(distinct.len() >= 6, "the cells differ: {texts_of:?}");
    // Liquidations only add to the shock.
    for (row, shock) in values.iter().zip(shocks) {
        assert!(row.iter().all(|v| *v <= shock + 1e-12), "{shock}: {row:?}");
    }
    insta::assert_snapshot!("grid_map_cascade_sweep_keep", svg);
}

#[test]
fn liquidation_map_of_btc_going_into_the_sell_off() {
    // BTC at 2026-02-05's open, 7.74 bn of open interest (Binance's last recorded), 72.5 %
    // long over the exchange-retail mix, entered over the volume profile of the 30 days before
    // (the sell-off record, the same rows as the fixture `market-2026/BTCUSDT.csv`).
    let candles = tokenrisk_market::sell_off::btc_daily();
    let split = candles.len() - 2;
    let bars: Vec<tokenrisk_core::volume_profile::Bar> =
        candles[split - 30..split].iter().map(Into::into).collect();
    let entries = tokenrisk_core::volume_profile::volume_profile(&bars, 24).expect("profile");
    let start = candles[split].open;
    let bracket = tokenrisk_market::brackets::bracket_table("BTCUSDT")
        .expect("BTC")
        .brackets()[0];
    let mix = LeverageMixPreset::ExchangeRetail.mix();
    let ladder = ladder(&LadderInput {
        open_interest: tokenrisk_market::sell_off::BINANCE_BTC_OPEN_INTEREST.usd,
        long_share: 0.725,
        start_price: start,
        entries: &entries,
        mix: &mix,
        bracket: &bracket,
    })
    .expect("ladder");
    let bins = liquidation_map(&ladder, start * 0.7, start * 1.3, 60).expect("map");
    let map = LiquidationMapData {
        bins: bins
            .iter()
            .map(|b| (b.low, b.high, b.long, b.short))
            .collect(),
        price: start,
        notes: vec![
            "Open interest 7.74 bn USDT, 72.5% long; leverage mix exchange retail".to_owned(),
            "Entries: the 30 days' volume profile before 2026-02-05".to_owned(),
        ],
    };
    let (svg, _) = svg_of(|root| map.draw(root, &Theme::LIGHT).expect("draws"));
    let drawn = texts(&svg);
    assert!(drawn.iter().any(|t| t.starts_with("now 73")), "{drawn:?}");
    assert!(drawn.iter().any(|t| t.starts_with("Open interest 7.74 bn")));
    // Longs are liquidated below the open, shorts above it, and both sides have some.
    assert!(map.bins.iter().all(|b| b.2 == 0.0 || b.1 <= start * 1.0001));
    assert!(map.bins.iter().all(|b| b.3 == 0.0 || b.0 >= start * 0.9999));
    assert!(map.bins.iter().any(|b| b.2 > 0.0) && map.bins.iter().any(|b| b.3 > 0.0));
    insta::assert_snapshot!("liquidation_map_btc_2026_02_05", svg);
}

#[test]
fn the_dark_theme_draws_on_its_own_background() {
    let tao = Range::Days30.window(&prices("binance_spot_1d/TAOUSDT.csv"));
    let (svg, _) = svg_of(|root| {
        let chart = SeriesChart {
            times: tao.times(),
            values: tao.values(),
            format: ValueFormat::Price,
            style: SeriesStyle::Line,
            window: None,
            scale: Scale::Log,
        };
        draw_series_chart(root, &chart, &Theme::DARK).expect("draws")
    });
    assert!(svg.contains("fill=\"#0F172A\""), "dark background");
    insta::assert_snapshot!("line_tao_30d_log_dark", svg);
}

#[test]
fn stacked_supply_of_tao_by_component_with_its_halving() {
    use tokenrisk_charts::StackedAreaData;
    use tokenrisk_core::time::Date;
    use tokenrisk_core::tokenomics::{schedule_by_component, Component, SupplyStart};
    // TAO from 120 days before the first halving (10.5 M, 2025-12-15), with 100,000 locked
    // tokens released linearly over 200 days: facts-2026 §1.
    let day = |text: &str| Date::parse_iso(text).expect("date");
    let start = 10_500_000.0 - 120.0 * 7_200.0;
    let components = [
        Component::HalvingEmission {
            issuance: start,
            base_per_day: 7_200.0,
            cap: 21e6,
            recycled_per_day: 0.0,
            burned_per_day: 0.0,
            sell_through: 1.0,
        },
        Component::Vesting {
            amount: 100_000.0,
            start: day("2025-08-17"),
            cliff_days: 0.0,
            duration_days: 200.0,
            step_days: 0.0,
            sell_through: 1.0,
        },
    ];
    let supply = SupplyStart {
        total: start + 100_000.0,
        circulating: start,
        staked_share: 0.0,
    };
    let (days, by) =
        schedule_by_component(day("2025-08-17"), supply, &components, 240).expect("runs");
    let cumulative = |v: &[f64]| {
        v.iter()
            .scan(0.0, |s, x| {
                *s += x;
                Some(*s)
            })
            .collect::<Vec<f64>>()
    };
    let data = StackedAreaData {
        label: "TAO total supply".to_owned(),
        times: days.iter().map(|d| d.date.to_unix()).collect(),
        layers: vec![
            ("Supply on 2025-08-17".to_owned(), vec![supply.total; 240]),
            ("Block emission".to_owned(), cumulative(&by[0])),
        ],
        lines: vec![
            (
                "Circulating".to_owned(),
                days.iter().map(|d| d.circulating).collect(),
            ),
            ("Cap".to_owned(), vec![21e6; 240]),
        ],
        markers: vec![("Halving".to_owned(), day("2025-12-15").to_unix())],
        format: ValueFormat::Compact,
    };
    let (svg, p) = svg_of(|root| data.draw(root, &Theme::LIGHT).expect("draws"));
    let (_, cap) = p.to_pixel(p.x.0, 21e6);
    assert!(cap > p.top && cap < p.bottom, "the cap is inside the plot");
    assert_eq!(count(&svg, "<polygon"), 2, "one band per layer");
    assert!(texts(&svg).iter().any(|t| t == "Halving"));
    let summary = tokenrisk_charts::ChartKind::summary(&data);
    assert!(summary.contains("Halving on 2025-12-15"), "{summary}");
    let csv = tokenrisk_charts::ChartKind::csv(&data);
    assert!(csv.starts_with(
        "date,Supply on 2025-08-17,Block emission,Circulating,Cap,TAO total supply\n"
    ));
    insta::assert_snapshot!("stacked_supply_tao_halving", svg);
}
