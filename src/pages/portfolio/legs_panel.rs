//! The portfolio page's combined stress: the market shock's leg, the forced selling it sets
//! off in each held asset's market, and the exit through order books thinned by the
//! scenario's haircut, each switchable (in the link's scenario), with the live books and open
//! interest of the holdings' assets (`legs_model`, `deleveraging_model`).

use super::checked_change;
use super::deleveraging_model::{
    assumptions, deleverage, deleveraging_cells, Deleveraging, DELEVERAGING_HEADERS,
};
use super::legs_model::{combine, exit_cells, leg_text, RowMarket, EXIT_HEADERS};
use super::markets::{book_of, open_interest_of, valuation_of, Markets};
use super::model::Book;
use super::stress_model::StressView;
use super::supply_model::{
    supply_assumptions, supply_cells, supply_pressure, SupplyPressure, SUPPLY_HEADERS,
};
use super::NumberField;
use crate::components::table_rows::{header_row, labelled_cells, labelled_row};
use crate::data::Dataset;
use crate::format::{percent, price};
use crate::pages::liquidity::cascade_model::mix_name;
use leptos::prelude::*;
use tokenrisk_core::cascade::LeverageMixPreset;
use tokenrisk_core::scenario::assumptions::{edited, with_edit};
use tokenrisk_core::scenario::{Legs, ParamEdit, Positioning, Scenario, TokenomicsEdits};
use tokenrisk_core::time::Date;
use tokenrisk_market::brackets::bracket_table;
use tokenrisk_market::registry;
use tokenrisk_market::supply_presets::for_asset;

/// The preset parameter the panel edits: the share of new supply sold.
const SELL_THROUGH: &str = "sell_through";

/// The forced selling in `asset`'s market when the shock moves it by `shock`, on the fetched
/// book thinned by `haircut` and the fetched open interest; nothing for an asset with no
/// perpetual.
fn market_deleveraging(
    markets: Markets,
    asset: &str,
    shock: f64,
    haircut: f64,
    positioning: Positioning,
) -> Result<Deleveraging, String> {
    let Some(symbol) = registry::get(asset).and_then(|a| a.binance_futures) else {
        return Ok(Deleveraging::none(
            asset,
            shock,
            "no perpetual futures: none modelled".into(),
        ));
    };
    let bracket = bracket_table(symbol)
        .ok_or_else(|| format!("no maintenance brackets recorded for {symbol}"))?
        .brackets()[0];
    let open_interest = markets
        .open_interest
        .with(|o| open_interest_of(o.as_deref(), asset))?;
    markets.books.with(|books| {
        let book = book_of(books.as_deref(), asset)?;
        deleverage(
            asset,
            book,
            shock,
            open_interest,
            bracket,
            haircut,
            positioning,
        )
    })
}

/// New supply of `asset` sold within `horizon` days from its last close in `dataset`, its
/// preset edited as `tokenomics` says.
fn token_supply(
    dataset: &Dataset,
    markets: Markets,
    asset: &str,
    horizon: usize,
    tokenomics: &[TokenomicsEdits],
) -> Result<Option<SupplyPressure>, String> {
    let edits: &[ParamEdit] = tokenomics
        .iter()
        .find(|t| t.asset == asset)
        .map_or(&[], |t| &t.edits);
    let series = dataset
        .get(asset)
        .ok_or_else(|| format!("no prices for {asset}"))?;
    let last = *series.prices.times().last().ok_or("no closes")?;
    supply_pressure(
        series,
        Date::from_unix(last),
        horizon,
        markets
            .valuations
            .with(|v| valuation_of(v.as_deref(), asset).cloned())
            .as_ref(),
        edits,
    )
}

/// The move `asset`'s entry in `list` (per asset, a result or why there is none) adds, read by
/// `added`; `missing` while the list is not there.
fn move_of<T>(
    list: Option<&[(String, Result<T, String>)]>,
    asset: &str,
    added: impl Fn(&T) -> f64,
    missing: &str,
) -> Result<f64, String> {
    match list.into_iter().flatten().find(|(a, _)| a == asset) {
        Some((_, Ok(t))) => Ok(added(t)),
        Some((_, Err(why))) => Err(why.clone()),
        None => Err(missing.to_owned()),
    }
}

/// The combined stress, its legs' switches and the liquidity haircut.
#[component]
pub(super) fn LegsPanel(
    dataset: Memo<Dataset>,
    shocked: Memo<Result<StressView, String>>,
    scenario: Memo<Scenario>,
    book: Memo<Book>,
    markets: Markets,
    set: Callback<Scenario>,
) -> impl IntoView {
    let problem = RwSignal::new(None::<String>);
    let change = move |f: &dyn Fn(&mut Scenario)| checked_change(scenario, set, problem, f);
    let haircut = Memo::new(move |_| scenario.with(|s| s.liquidity_haircut));
    let positioning = Memo::new(move |_| scenario.with(|s| s.positioning));
    let tokenomics = Memo::new(move |_| scenario.with(|s| s.tokenomics.clone()));
    // Each held asset's cascade under its shocked move, run again only when a move, the
    // haircut or a market changes (not when a leg is switched).
    let cascades = Memo::new(move |_| {
        let haircut = haircut.get();
        let positioning = positioning.get();
        shocked.with(|s| {
            let s = s.as_ref().ok()?;
            book.with(|b| {
                let assets = b.assets();
                Some(
                    assets
                        .iter()
                        .map(|asset| {
                            let shock = b
                                .rows
                                .iter()
                                .zip(&s.rows)
                                .find(|(r, _)| r.holding.asset == *asset)
                                .map_or(0.0, |(_, row)| row.price_move);
                            let d =
                                market_deleveraging(markets, asset, shock, haircut, positioning);
                            ((*asset).to_owned(), d)
                        })
                        .collect::<Vec<_>>(),
                )
            })
        })
    });
    let horizon = Memo::new(move |_| usize::from(scenario.with(|s| s.simulation.horizon_days)));
    // Each held token's new supply within the horizon, once CoinGecko has answered (or not).
    let supplies = Memo::new(move |_| {
        let horizon = horizon.get();
        markets.valuations.with(Option::is_some).then_some(())?;
        let tokenomics = tokenomics.get();
        dataset.with(|d| {
            book.with(|b| {
                Some(
                    b.assets()
                        .into_iter()
                        .map(|a| {
                            (
                                a.to_owned(),
                                token_supply(d, markets, a, horizon, &tokenomics),
                            )
                        })
                        .collect::<Vec<_>>(),
                )
            })
        })
    });
    let combined = Memo::new(move |_| {
        let legs = scenario.with(|s| s.legs);
        let fetched = markets.books.get();
        cascades.with(|cascades| {
            book.with(|b| {
                let per_row: Vec<Result<&_, String>> = b
                    .rows
                    .iter()
                    .map(|r| book_of(fetched.as_deref(), &r.holding.asset))
                    .collect();
                let supplies = supplies.get();
                let moves: Vec<(Result<f64, String>, Result<f64, String>)> = b
                    .rows
                    .iter()
                    .map(|r| {
                        let a = &r.holding.asset;
                        (
                            move_of(
                                cascades.as_deref(),
                                a,
                                |d| d.added,
                                "the market shock is not there yet",
                            ),
                            move_of(
                                supplies.as_deref(),
                                a,
                                |p| p.as_ref().map_or(0.0, |p| p.added),
                                "the tokens' supply is on its way",
                            ),
                        )
                    })
                    .collect();
                let rows: Vec<RowMarket<'_>> = per_row
                    .iter()
                    .zip(&moves)
                    .map(|(book, (forced, supply))| RowMarket {
                        book: book.as_ref().copied().map_err(String::as_str),
                        forced: forced.as_ref().copied().map_err(String::as_str),
                        supply: supply.as_ref().copied().map_err(String::as_str),
                    })
                    .collect();
                shocked.with(|s| {
                    s.as_ref()
                        .map(|s| combine(b, s, &rows, haircut.get(), legs))
                        .map_err(Clone::clone)
                })
            })
        })
    });
    let switch = move |id: &'static str,
                       label: &'static str,
                       get: fn(&Legs) -> bool,
                       put: fn(&mut Legs, bool)| {
        view! {
            <label class="control checkbox" for=id>
                <input type="checkbox" id=id prop:checked=move || scenario.with(|s| get(&s.legs))
                    on:change:target=move |ev| {
                        let on = ev.target().checked();
                        change(&|s: &mut Scenario| put(&mut s.legs, on));
                    }/>
                {label}
            </label>
        }
    };
    let mixes = move || {
        let chosen = positioning.get().leverage_mix;
        LeverageMixPreset::ALL
            .iter()
            .enumerate()
            .map(|(i, m)| view! { <option value=i.to_string() selected=*m == chosen>{mix_name(*m)}</option> })
            .collect_view()
    };
    // A share-sold field for each held token with a tokenomics preset.
    let sold_fields = move || {
        book.with(|b| {
            b.assets()
                .into_iter()
                .filter_map(|a| Some((a.to_owned(), for_asset(a)?)))
                .collect::<Vec<_>>()
        })
        .into_iter()
        .map(|(asset, preset)| {
            let default = preset.defaults().get(preset, SELL_THROUGH);
            let id = format!("sold-{asset}");
            let label = format!("{asset}: share of new supply sold, %");
            let shown = {
                let asset = asset.clone();
                move || {
                    let v = tokenomics.with(|t| edited(t, &asset, SELL_THROUGH)).unwrap_or(default);
                    format!("{}", (v * 1e4).round() / 100.0)
                }
            };
            view! {
                <div class="control">
                    <label for=id.clone()>{label}</label>
                    <input id=id type="number" step="any" inputmode="decimal" prop:value=shown
                        on:change:target=move |ev| {
                            let v = ev.target().value().trim().parse::<f64>().unwrap_or(f64::NAN) / 100.0;
                            let value = (v != default).then_some(v);
                            let asset = asset.clone();
                            change(&move |s: &mut Scenario| {
                                s.tokenomics = with_edit(&s.tokenomics, &asset, SELL_THROUGH, value);
                            });
                        }/>
                </div>
            }
        })
        .collect_view()
    };
    view! {
        <section class="panel" aria-labelledby="legs-heading">
            <h2 id="legs-heading">"Combined stress"</h2>
            <p class="explain">"The market shock above; then the forced selling it sets off: in each held asset's perpetual market the move crosses leveraged positions' liquidation prices and their orders walk the asset's live book, moving the price further (the liquidity page's cascade); then getting out of every holding at once through its asset's live order book with the haircut's share of the depth removed (crashes thin books: Kaiko measured BTC's 1 % depth halved within two hours in August 2023; the facts file, §8), costed as the fill's slippage from the mid on the value after the moves. Each leg counts from where the legs before it left the holdings. New supply: what each held token's tokenomics preset assumes is sold within the Monte Carlo's horizon, and the fall that selling causes by the square-root law of market impact."</p>
            <div class="controls">
                {switch("leg-market", "Market shock", |l| l.market, |l, on| l.market = on)}
                {switch("leg-deleveraging", "Forced selling in each market", |l| l.deleveraging, |l, on| l.deleveraging = on)}
                {switch("leg-supply", "New supply sold within the horizon", |l| l.supply, |l, on| l.supply = on)}
                {switch("leg-liquidity", "Exit through thinned books", |l| l.liquidity, |l, on| l.liquidity = on)}
                <NumberField id="liquidity-haircut" label="Depth removed, %"
                    value=Signal::derive(move || scenario.with(|s| s.liquidity_haircut))
                    on_set=Callback::new(move |v| change(&|s: &mut Scenario| s.liquidity_haircut = v))/>
                <NumberField id="long-share" label="Open interest long, %"
                    value=Signal::derive(move || positioning.get().long_share)
                    on_set=Callback::new(move |v| change(&|s: &mut Scenario| s.positioning.long_share = v))/>
                <div class="control">
                    <label for="leverage-mix">"Leverage mix"</label>
                    <select id="leverage-mix" on:change:target=move |ev| {
                        let chosen = ev.target().value().parse::<usize>().ok().and_then(|i| LeverageMixPreset::ALL.get(i).copied());
                        if let Some(m) = chosen {
                            change(&|s: &mut Scenario| s.positioning.leverage_mix = m);
                        }
                    }>{mixes}</select>
                </div>
                {sold_fields}
            </div>
            {move || problem.get().map(|p| view! { <p class="notice" role="alert" id="legs-problem">{p}</p> })}
            {move || match combined.get() {
                Err(e) => view! { <p class="notice" id="legs-none">{format!("No combined stress: {e}.")}</p> }.into_any(),
                Ok(c) => {
                    let equity = book.with(|b| b.equity);
                    let legs = c.legs.iter().map(|l| {
                        let value = l.change.as_ref().map(|v| v.to_string()).unwrap_or_default();
                        view! {
                            <tr data-key=l.key data-value=value>
                                <th scope="row" data-label="Leg">{l.label}</th>
                                <td data-label="Counted">{if l.on { "on" } else { "off" }}</td>
                                <td class="num" data-label="Change on equity">{leg_text(&l.change, equity)}</td>
                            </tr>
                        }
                    }).collect_view();
                    let exits = c.exits.iter().map(|e| labelled_row(&EXIT_HEADERS, exit_cells(e))).collect_view();
                    let markets = cascades.get().unwrap_or_default().iter().map(|(asset, d)| {
                        let value = d.as_ref().map(|d| d.added.to_string()).unwrap_or_default();
                        let shock = d.as_ref().map(|d| d.shock.to_string()).unwrap_or_default();
                        view! { <tr data-key=asset.clone() data-value=value data-shock=shock>{labelled_cells(&DELEVERAGING_HEADERS, deleveraging_cells(d, asset))}</tr> }
                    }).collect_view();
                    let assumed = assumptions(haircut.get(), positioning.get()).into_iter().map(|a| view! { <li>{a}</li> }).collect_view();
                    let tokens = supplies.get().unwrap_or_default().iter().map(|(asset, p)| {
                        let value = match p { Ok(p) => p.as_ref().map_or(0.0, |p| p.added).to_string(), Err(_) => String::new() };
                        view! { <tr data-key=asset.clone() data-value=value>{labelled_cells(&SUPPLY_HEADERS, supply_cells(p, asset))}</tr> }
                    }).collect_view();
                    let supply_assumed = supply_assumptions(horizon.get()).into_iter().map(|a| view! { <li>{a}</li> }).collect_view();
                    view! {
                        <p class="headline" id="combined-total" data-value=c.total.to_string()>
                            {format!("The legs counted change equity by {} ({})", percent(c.change, 1), price(c.total))}
                        </p>
                        <table class="metric-table stacked" id="legs-table">
                            <caption>"Each leg's part of the change"</caption>
                            <thead><tr><th scope="col">"Leg"</th><th scope="col">"Counted"</th><th scope="col">"Change on equity"</th></tr></thead>
                            <tbody>{legs}</tbody>
                        </table>
                        <div class="table-scroll">
                            <table class="metric-table stacked" id="deleveraging-table">
                                <caption>"Forced selling in each held asset's market"</caption>
                                <thead>{header_row(&DELEVERAGING_HEADERS)}</thead>
                                <tbody>{markets}</tbody>
                            </table>
                        </div>
                        <ul class="assumptions" id="deleveraging-assumptions">{assumed}</ul>
                        <div class="table-scroll">
                            <table class="metric-table stacked" id="supply-table">
                                <caption>{format!("New supply of each held token sold within {} days", horizon.get())}</caption>
                                <thead>{header_row(&SUPPLY_HEADERS)}</thead>
                                <tbody>{tokens}</tbody>
                            </table>
                        </div>
                        <ul class="assumptions" id="supply-assumptions">{supply_assumed}</ul>
                        <div class="table-scroll">
                            <table class="metric-table stacked" id="exits-table">
                                <caption>"The exit of each holding after the moves counted"</caption>
                                <thead>{header_row(&EXIT_HEADERS)}</thead>
                                <tbody>{exits}</tbody>
                            </table>
                        </div>
                    }.into_any()
                }
            }}
        </section>
    }
}
