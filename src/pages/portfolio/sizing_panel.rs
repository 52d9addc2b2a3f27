//! The portfolio page's position sizing panel: the holding sized and the rules' and limits'
//! settings (in the link's scenario), the live order book of its asset for the exit limit,
//! and what `sizing_model` makes of them.

use super::history::History;
use super::markets::{book_of, Markets};
use super::model::Book;
use super::sizing_model::{sized_holding, sizing, LeverageCheck, SizingView};
use super::{checked_change, NumberField};
use crate::format::{percent, price};
use leptos::prelude::*;
use tokenrisk_core::scenario::{Scenario, Sizing};

/// Column headers of the sizing table.
const HEADERS: [&str; 5] = [
    "Rule or limit",
    "Size",
    "Of equity",
    "Binds",
    "How, or why none",
];

/// How large the chosen holding should be, which rule or limit binds, and its leverage check.
#[component]
pub(super) fn SizingPanel(
    history: Memo<Result<History, String>>,
    scenario: Memo<Scenario>,
    book: Memo<Book>,
    markets: Markets,
    set: Callback<Scenario>,
) -> impl IntoView {
    let problem = RwSignal::new(None::<String>);
    let set_sizing = move |change: &dyn Fn(&mut Sizing)| {
        checked_change(scenario, set, problem, &|s: &mut Scenario| {
            change(&mut s.sizing)
        });
    };
    let settings = Memo::new(move |_| scenario.with(|s| s.sizing.clone()));
    // The sized holding's asset, whose order book the exit limit reads.
    let asset = Memo::new(move |_| {
        book.with(|b| {
            settings.with(|s| sized_holding(b, s).map(|i| b.rows[i].holding.asset.clone()))
        })
    });
    let view_model = Memo::new(move |_| {
        let haircut = scenario.with(|s| s.liquidity_haircut);
        let fetched = markets.books.get();
        let asset = asset.get().unwrap_or_default();
        let live = book_of(fetched.as_deref(), &asset);
        history.with(|h| {
            book.with(|b| {
                settings.with(|s| sizing(h.as_ref().map_err(Clone::clone)?, b, s, haircut, live))
            })
        })
    });
    let choices = move || {
        book.with(|b| {
            let chosen = asset.get();
            let mut seen: Vec<String> = Vec::new();
            b.rows
                .iter()
                .filter(|r| {
                    let new = !seen.contains(&r.holding.asset);
                    seen.push(r.holding.asset.clone());
                    new
                })
                .map(|r| {
                    let a = r.holding.asset.clone();
                    let selected = chosen.as_deref() == Some(a.as_str());
                    view! { <option value=a.clone() selected=selected>{r.name()}</option> }
                })
                .collect_view()
        })
    };
    let field = move |id: &'static str,
                      label: &'static str,
                      scale: f64,
                      get: fn(&Sizing) -> f64,
                      put: fn(&mut Sizing, f64)| {
        view! {
            <NumberField id=id label=label scale=scale
                value=Signal::derive(move || settings.with(get))
                on_set=Callback::new(move |v| set_sizing(&|s: &mut Sizing| put(s, v)))/>
        }
    };
    view! {
        <section class="panel" aria-labelledby="sizing-heading">
            <h2 id="sizing-heading">"Position sizing"</h2>
            <p class="explain">"How large one holding should be, for this portfolio's equity, the other holdings as they are: three sizing rules and two limits, each a ceiling by its own logic; the suggestion is the smallest, and the table says which binds and why. Sizes are position values (exposure) at the last close; a leveraged position puts up the size ÷ its leverage as margin."</p>
            <div class="controls">
                <div class="control">
                    <label for="sizing-asset">"Holding"</label>
                    <select id="sizing-asset" on:change:target=move |ev| {
                        let a = ev.target().value();
                        set_sizing(&|s: &mut Sizing| s.asset = a.clone());
                    }>{choices}</select>
                </div>
                {field("sizing-risk", "Risk per trade, % of equity", 100.0, |s| s.risk_per_trade, |s, v| s.risk_per_trade = v)}
                {field("sizing-target", "Volatility target, % a year", 100.0, |s| s.volatility_target, |s, v| s.volatility_target = v)}
                {field("sizing-kelly", "Kelly fraction", 1.0, |s| s.kelly_fraction, |s, v| s.kelly_fraction = v)}
                {field("sizing-slippage", "Exit slippage limit, bp", 1.0, |s| s.slippage_limit_bps, |s, v| s.slippage_limit_bps = v)}
                {field("sizing-es", "ES cap, % of equity", 100.0, |s| s.es_cap, |s, v| s.es_cap = v)}
            </div>
            {move || problem.get().map(|p| view! { <p class="notice" role="alert" id="sizing-problem">{p}</p> })}
            {move || match view_model.get() {
                Err(e) => view! { <p class="notice" id="sizing-none">{format!("No sizing: {e}.")}</p> }.into_any(),
                Ok(v) => sizing_view(v).into_any(),
            }}
        </section>
    }
}

/// The suggestion, the table of rules and limits, and the leverage check.
fn sizing_view(v: SizingView) -> impl IntoView {
    let share = |x: f64| percent(x / v.equity, 1);
    let units = |x: f64| format!("{:.4} {}", x / v.price, v.asset);
    let suggestion = match (v.suggestion(), v.binding.and_then(|i| v.rows.get(i))) {
        (Some(size), Some(row)) => format!(
            "Suggested size of {}: {} ({}, {} of equity). Set by “{}”: {}. Now: {}{}.",
            v.name,
            price(size),
            units(size),
            share(size),
            row.label,
            row.binds_because,
            price(v.current),
            if size > 0.0 {
                format!(", {:.1}× the suggestion", v.current / size)
            } else {
                String::new()
            }
        ),
        _ => "No rule or limit gives a size (see why in the table).".to_owned(),
    };
    let rows = v
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let binds = v.binding == Some(i);
            let (size, of_equity, how) = match &r.value {
                Ok(x) => (
                    format!("{} ({})", price(*x), units(*x)),
                    share(*x),
                    r.how.clone(),
                ),
                Err(why) => ("—".to_owned(), "—".to_owned(), why.clone()),
            };
            let data_value = r.value.as_ref().map(|x| x.to_string()).unwrap_or_default();
            view! {
                <tr data-key=r.key class:binds=binds>
                    <th scope="row" data-label=HEADERS[0]>{r.label}</th>
                    <td class="num" data-label=HEADERS[1] data-value=data_value>{size}</td>
                    <td class="num" data-label=HEADERS[2]>{of_equity}</td>
                    <td data-label=HEADERS[3]>{if binds { "binds" } else { "" }}</td>
                    <td class="explain" data-label=HEADERS[4]>{how}</td>
                </tr>
            }
        })
        .collect_view();
    let leverage = v.leverage.clone().map(|check| match check {
        Err(e) => {
            view! { <p class="explain" id="leverage-check">{format!("Leverage check: {e}.")}</p> }
                .into_any()
        }
        Ok(c) => leverage_view(&v, &c).into_any(),
    });
    view! {
        <p class="headline" id="sizing-suggestion" data-value=v.suggestion().map(|x| x.to_string()).unwrap_or_default()>{suggestion}</p>
        <div class="table-scroll">
            <table class="metric-table stacked" id="sizing-table">
                <caption>{format!("Sizing {} for equity of {}, from the holdings' history {}", v.name, price(v.equity), v.span.describe())}</caption>
                <thead><tr>{HEADERS.iter().map(|h| view! { <th scope="col">{*h}</th> }).collect_view()}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <p class="explain">"Kelly's caveat: the growth-optimal fraction assumes the mean return is known. Estimated from a few years of daily closes it is not (its standard error is about the volatility ÷ √years, often larger than the mean), and betting the full fraction on an overestimate loses money; a quarter or a half of it is the usual practice, and it is not a forecast."</p>
        {leverage}
    }
}

/// How far a leveraged holding is from liquidation, in its asset's daily moves.
fn leverage_view(v: &SizingView, c: &LeverageCheck) -> impl IntoView {
    view! {
        <p class="explain" id="leverage-check" data-value=c.distance.to_string()>{format!(
            "Leverage check for {}: liquidated after an adverse move of {} (at {}; maintenance margin: {}), which is {:.1}× its one-day 95 % VaR ({}) and {:.1}× its 99 % VaR ({}). Over the history, {} of days moved that far against it in one day (the worst day: {}). The Monte Carlo's table gives the chance of liquidation within its horizon.",
            v.name,
            percent(c.distance, 1),
            price(c.price),
            c.maintenance,
            c.distance / c.var95,
            percent(c.var95, 1),
            c.distance / c.var99,
            percent(c.var99, 1),
            percent(c.days_beyond, 2),
            percent(c.worst_day, 1)
        )}</p>
    }
}
