//! The portfolio and stress page: holdings (long or short, spot or leveraged, with entry and
//! stop prices) valued at the bundled closes; their daily risk and where it comes from; the
//! market shock (the 2026-02-05/06 sell-off by default) through each holding's loadings; the
//! worst windows of history on today's holdings; and a Monte Carlo run in pieces so the page
//! keeps answering, with progress and a cancel button. The whole scenario lives in the link's
//! fragment (`#s=…`, never sent to a server) and in this browser's storage.

use crate::app_state::AppState;
use crate::components::chart::{ChartCanvas, ChartSpec};
use crate::components::skeleton::{self, Skeleton};
use crate::components::table_rows::{header_row, labelled_row};
use crate::data::Dataset;
use crate::figures::figure_table;
use crate::format::{percent, price};
use crate::link::use_scenario_link;
use crate::site_data::SiteData;
use leptos::prelude::*;
use tokenrisk_core::scenario::{to_fragment, Headline, Scenario, Shocks};
use tokenrisk_core::time::Date;

pub mod deleveraging_model;
pub mod headline_model;
pub mod history;
pub mod legs_model;
mod legs_panel;
pub mod maintenance;
pub mod markets;
pub mod model;
pub mod risk_model;
pub mod scenario_file;
pub mod simulation_model;
mod simulation_panel;
pub mod sizing_model;
mod sizing_panel;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod sizing_tests;
pub mod stress_model;
pub mod supply_model;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
mod weights_form;
pub mod weights_model;

use headline_model::{compare, same_analysis, today};
use history::{history, History};
use legs_panel::LegsPanel;
use model::{add, book, edit, remove, Book, Field};
use risk_model::{risk, window_cells, worst, RiskView, RISK_HEADERS, WINDOW_HEADERS};
use scenario_file::ScenarioFile;
use simulation_panel::SimulationPanel;
use sizing_panel::SizingPanel;
use stress_model::{stress_cells, StressModel, StressView, STRESS_HEADERS};
use weights_form::WeightsForm;

/// Waits for the site's data (holdings are valued at its closes), then shows the page.
#[component]
pub fn PortfolioPage() -> impl IntoView {
    let site = SiteData::use_site_data();
    let state = AppState::use_or_new();
    view! {
        <h1 class="page-title">"Portfolio & stress"</h1>
        <Suspense fallback=|| view! { <Skeleton heights=skeleton::PORTFOLIO_PAGE/> }>
            {move || site.loaded(&state).map(|loaded| {
                let base = loaded.dataset;
                let dataset = Memo::new(move |_| state.dataset(&base));
                view! {
                    {loaded.problem.map(|p| view! { <p class="notice panel" role="status">{p}</p> })}
                    <PortfolioView dataset=dataset/>
                }
            })}
        </Suspense>
    }
}

/// The panels over the link's scenario.
#[component]
fn PortfolioView(dataset: Memo<Dataset>) -> impl IntoView {
    let handle = use_scenario_link();
    let link = handle.link;
    let scenario = Memo::new(move |_| link.with(|l| l.scenario.clone()));
    let book = Memo::new(move |_| dataset.with(|d| scenario.with(|s| book(d, s))));
    // Aligned and fitted once per portfolio; a shock or a simulation setting reuses them.
    let history = Memo::new(move |_| dataset.with(|d| book.with(|b| history(d, b))));
    let fitted = Memo::new(move |_| dataset.with(|d| book.with(|b| StressModel::fit(d, b))));
    let shocked = Memo::new(move |_| {
        let shocks = scenario.with(|s| s.shocks);
        fitted.with(|f| book.with(|b| f.as_ref()?.apply(b, shocks.into())))
    });
    // The held assets' live books and open interest, asked once for every panel.
    let markets = markets::use_markets(book);
    // The risk panel's figures, whose VaR and ES the headline carries too.
    let risk_view = Memo::new(move |_| history.with(|h| book.with(|b| risk(h.as_ref()?, b))));
    // The last Monte Carlo's VaR, with the scenario it ran on (for the link's headline).
    let simulated = RwSignal::new(None::<(Scenario, f64)>);
    // Today's headline numbers, written into the link when it is copied.
    let headline = Memo::new(move |_| {
        let simulated_var = simulated.with(|run| {
            run.as_ref()
                .filter(|(ran, _)| scenario.with(|s| same_analysis(ran, s)))
                .map(|(_, var)| *var)
        });
        risk_view.with(|r| book.with(|b| shocked.with(|v| today(r, b, v, simulated_var))))
    });
    // An edit makes the sender's numbers someone else's: they leave the link.
    let set = Callback::new(move |mut s: Scenario| {
        s.headline = None;
        handle.set.run(s);
    });
    let notice = move || {
        link.with(|l| l.notice.clone())
            .map(|n| view! { <p class="notice panel" role="alert" id="scenario-notice">{n}</p> })
    };
    view! {
        {notice}
        <SenderPanel scenario=scenario book=book headline=headline/>
        <Holdings dataset=dataset scenario=scenario book=book set=set headline=headline share=handle.set/>
        <RiskPanel view_of=risk_view/>
        <StressPanel shocked=shocked scenario=scenario set=set/>
        <LegsPanel dataset=dataset shocked=shocked scenario=scenario book=book markets=markets set=set/>
        <WindowsPanel history=history book=book/>
        <SimulationPanel history=history scenario=scenario book=book set=set simulated=simulated/>
        <SizingPanel history=history scenario=scenario book=book markets=markets set=set/>
    }
}

/// The last close the holdings are valued at.
fn as_of(book: &Book) -> Option<Date> {
    book.rows.iter().map(|r| r.price_date).max()
}

/// The holdings table: each field editable, a row added or removed, the link copied.
#[component]
fn Holdings(
    dataset: Memo<Dataset>,
    scenario: Memo<Scenario>,
    book: Memo<Book>,
    set: Callback<Scenario>,
    headline: Memo<Result<Headline, String>>,
    share: Callback<Scenario>,
) -> impl IntoView {
    let problem = RwSignal::new(None::<String>);
    let apply = move |next: Result<Scenario, String>| match next {
        Ok(s) => {
            problem.set(None);
            set.run(s);
        }
        Err(e) => problem.set(Some(e)),
    };
    let field = move |index: usize, field: Field, value: String| {
        let at = book.with_untracked(as_of);
        apply(scenario.with_untracked(|s| edit(s, index, field, &value, at)));
    };
    let ids = Memo::new(move |_| {
        dataset.with(|d| d.ids().into_iter().map(str::to_owned).collect::<Vec<_>>())
    });
    let options = move |selected: String| {
        ids.get()
            .into_iter()
            .map(|id| {
                let is = id == selected;
                view! { <option value=id.clone() selected=is>{id.clone()}</option> }
            })
            .collect_view()
    };
    let rows = move || {
        scenario.with(|s| s.holdings.clone()).into_iter().enumerate().map(|(i, h)| {
            let valued = book.with(|b| b.rows.iter().find(|r| r.index == i).cloned());
            let opt = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
            let asset = h.asset.clone();
            view! {
                <tr data-holding=i>
                    <td data-label="Asset">
                        <select aria-label=format!("Asset of holding {}", i + 1)
                            on:change:target=move |ev| field(i, Field::Asset, ev.target().value())>
                            {options(asset.clone())}
                        </select>
                    </td>
                    <td data-label="Side">
                        <select aria-label=format!("Side of holding {}", i + 1)
                            on:change:target=move |ev| field(i, Field::Side, ev.target().value())>
                            <option value="long" selected=!h.short>"long"</option>
                            <option value="short" selected=h.short>"short"</option>
                        </select>
                    </td>
                    <td data-label="Quantity"><input type="number" step="any" inputmode="decimal" class="quantity"
                        aria-label=format!("Quantity of holding {}", i + 1)
                        prop:value=h.quantity.to_string()
                        on:change:target=move |ev| field(i, Field::Quantity, ev.target().value())/></td>
                    <td data-label="Entry price"><input type="number" step="any" inputmode="decimal"
                        aria-label=format!("Entry price of holding {}", i + 1) placeholder="none"
                        prop:value=opt(h.entry_price)
                        on:change:target=move |ev| field(i, Field::EntryPrice, ev.target().value())/></td>
                    <td data-label="Leverage"><input type="number" step="any" inputmode="decimal"
                        aria-label=format!("Leverage of holding {}", i + 1) placeholder="spot"
                        prop:value=opt(h.leverage)
                        on:change:target=move |ev| field(i, Field::Leverage, ev.target().value())/></td>
                    <td data-label="Stop"><input type="number" step="any" inputmode="decimal"
                        aria-label=format!("Stop price of holding {}", i + 1) placeholder="none"
                        prop:value=opt(h.stop)
                        on:change:target=move |ev| field(i, Field::Stop, ev.target().value())/></td>
                    <td class="num" data-label="Last close">{valued.as_ref().map(|v| price(v.price))}</td>
                    <td class="num" data-label="Exposure">{valued.as_ref().map(|v| price(v.exposure))}</td>
                    <td class="num" data-label="Equity">{valued.as_ref().map(|v| price(v.equity))}</td>
                    <td class="num" data-label="P&L since entry">{valued.as_ref().and_then(|v| v.pnl).map(price)}</td>
                    <td><button type="button" aria-label=format!("Remove holding {}", i + 1)
                        on:click=move |_| apply(Ok(scenario.with_untracked(|s| remove(s, i))))>"Remove"</button></td>
                </tr>
            }
        }).collect_view()
    };
    let new_asset = RwSignal::new("TAO".to_owned());
    let copied = RwSignal::new(None::<String>);
    let copy = move |_| {
        // The link carries today's headline numbers and data date, for a receiver to compare.
        let mut shared = scenario.get_untracked();
        shared.headline = headline.get_untracked().ok();
        shared.as_of = book.with_untracked(as_of).map(|d| d.days());
        share.run(shared.clone());
        let location = window().location();
        let href = format!(
            "{}{}{}{}",
            location.origin().unwrap_or_default(),
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default(),
            to_fragment(&shared)
        );
        let promise = window().navigator().clipboard().write_text(&href);
        leptos::task::spawn_local(async move {
            let done = wasm_bindgen_futures::JsFuture::from(promise).await;
            copied.try_set(Some(match done {
                Ok(_) => {
                    "Link copied: it opens this portfolio, its shock and its simulation elsewhere."
                        .to_owned()
                }
                Err(_) => format!("The browser refused the clipboard; copy this link: {href}"),
            }));
        });
    };
    let totals = move || {
        book.with(|b| {
            format!(
                "Equity {} · gross exposure {} · {} holding(s) valued at the last closes{}",
                price(b.equity),
                price(b.gross),
                b.rows.len(),
                as_of(b).map_or(String::new(), |d| format!(" (up to {d})"))
            )
        })
    };
    let left_out = move || {
        book.with(|b| b.left_out.clone())
            .into_iter()
            .map(|l| view! { <li>{l}</li> })
            .collect_view()
    };
    view! {
        <section class="panel" aria-labelledby="holdings-heading">
            <h2 id="holdings-heading">"Holdings"</h2>
            <p class="explain">"Kept in this page's link (after #, which browsers never send to a server) and in this browser. Spot holdings put their whole value in; leveraged ones their margin, exposure ÷ leverage, opened at the last close. Prices are the bundled daily closes."</p>
            <div class="table-scroll">
            <table class="metric-table stacked" id="holdings-table">
                <caption>{totals}</caption>
                <thead><tr><th>"Asset"</th><th>"Side"</th><th>"Quantity"</th><th>"Entry price"</th><th>"Leverage"</th><th>"Stop"</th><th>"Last close"</th><th>"Exposure"</th><th>"Equity"</th><th>"P&L"</th><th></th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            </div>
            <ul class="notes" id="left-out">{left_out}</ul>
            {move || problem.get().map(|p| view! { <p class="notice" role="alert" id="holding-problem">{p}</p> })}
            <div class="controls">
                <div class="control">
                    <label for="new-asset">"Add a holding of"</label>
                    <select id="new-asset" on:change:target=move |ev| new_asset.set(ev.target().value())>
                        {move || options(new_asset.get())}
                    </select>
                </div>
                <button type="button" id="add-holding"
                    on:click=move |_| apply(scenario.with_untracked(|s| add(s, &new_asset.get_untracked())))>"Add"</button>
                <button type="button" id="copy-link" on:click=copy>"Copy link"</button>
            </div>
            {move || copied.get().map(|c| view! { <p class="notice" role="status" id="copy-status">{c}</p> })}
            <WeightsForm scenario=scenario book=book set=set/>
            <ScenarioFile scenario=scenario set=share/>
        </section>
    }
}

/// The sender's headline numbers beside today's, when the link carries them.
#[component]
fn SenderPanel(
    scenario: Memo<Scenario>,
    book: Memo<Book>,
    headline: Memo<Result<Headline, String>>,
) -> impl IntoView {
    move || {
        let sender = scenario.with(|s| s.headline.map(|h| (h, s.as_of_date())))?;
        let today = headline.get().ok();
        let c = compare(&sender.0, today.as_ref(), sender.1, book.with(as_of));
        let dates = |d: Option<Date>| d.map_or("an unknown date".to_owned(), |d| d.to_string());
        let status = if c.moved_on() {
            format!(
                "The data has moved on since this link was made: the sender's numbers are from data up to {}, today's from data up to {}.",
                dates(c.sender_date),
                dates(c.today_date)
            )
        } else {
            format!(
                "Same data as the sender's (up to {}): today's numbers should equal theirs.",
                dates(c.today_date)
            )
        };
        let rows = c
            .rows
            .iter()
            .map(|r| {
                let raw = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
                view! {
                    <tr data-key=r.key data-sender=raw(r.sender) data-today=raw(r.today)>
                        <th scope="row">{r.label}</th>
                        <td class="num" data-label="Sender's">{r.texts[0].clone()}</td>
                        <td class="num" data-label="Today's">{r.texts[1].clone()}</td>
                    </tr>
                }
            })
            .collect_view();
        Some(view! {
            <section class="panel" aria-labelledby="sender-heading">
                <h2 id="sender-heading">"The sender's numbers"</h2>
                <p class="notice" role="status" id="sender-status" data-moved-on=c.moved_on().to_string()>{status}</p>
                <table class="metric-table stacked" id="sender-table">
                    <caption>"Carried in the link when it was copied, beside today's on this browser's data. An edit here removes them from the link (they would no longer be the sender's)."</caption>
                    <thead><tr><th scope="col">"Number"</th><th scope="col">"Sender's"</th><th scope="col">"Today's"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </section>
        })
    }
}

/// The portfolio's daily risk, each holding's share of it, and the correlations.
#[component]
fn RiskPanel(view_of: Memo<Result<RiskView, String>>) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="risk-heading">
            <h2 id="risk-heading">"Returns and risk, day by day"</h2>
            {move || match view_of.get() {
                Err(e) => view! { <p class="notice" id="risk-problem">{format!("No risk figures: {e}.")}</p> }.into_any(),
                Ok(v) => {
                    let rows = v.rows.into_iter().map(|r| labelled_row(&RISK_HEADERS, r)).collect_view();
                    let heat = v.correlations.map(|c| view! {
                        <figure class="heat-map-panel">
                            <figcaption>{format!("How the holdings move together: correlations of daily returns, {}", v.span.describe())}</figcaption>
                            <ChartCanvas id="portfolio-correlations" label="Correlations of the holdings' daily returns" data=ChartSpec::new(c)/>
                        </figure>
                    });
                    view! {
                        {figure_table("portfolio-risk", v.figures)}
                        <table class="metric-table stacked" id="contributions-table">
                            <caption>"Where the risk comes from (shares add up to 100 %; a negative share offsets the rest)"</caption>
                            <thead>{header_row(&RISK_HEADERS)}</thead>
                            <tbody>{rows}</tbody>
                        </table>
                        {heat}
                    }.into_any()
                }
            }}
        </section>
    }
}

/// Puts the scenario changed by `change` in the link if it keeps the scenario's rules, else
/// says in `problem` why it was not applied (the link keeps the last good scenario).
pub(super) fn checked_change(
    scenario: Memo<Scenario>,
    set: Callback<Scenario>,
    problem: RwSignal<Option<String>>,
    change: &dyn Fn(&mut Scenario),
) {
    let mut next = scenario.get_untracked();
    change(&mut next);
    match next.validate() {
        Ok(()) => {
            problem.set(None);
            set.run(next);
        }
        Err(e) => problem.set(Some(format!("Not applied: {e}."))),
    }
}

/// A number field over one of the scenario's numbers, shown times `scale` (100, the default,
/// for a percentage; 1 for a plain number) to two decimals.
#[component]
pub(super) fn NumberField(
    id: &'static str,
    label: &'static str,
    value: Signal<f64>,
    on_set: Callback<f64>,
    #[prop(default = 100.0)] scale: f64,
) -> impl IntoView {
    view! {
        <div class="control">
            <label for=id>{label}</label>
            <input id=id type="number" step="any" inputmode="decimal"
                prop:value=move || format!("{}", (value.get() * scale * 100.0).round() / 100.0)
                on:change:target=move |ev| {
                    // Not a number (or emptied) is NaN, which the scenario's rules refuse with
                    // a message naming the setting.
                    let v = ev.target().value().trim().parse::<f64>().unwrap_or(f64::NAN);
                    on_set.run(v / scale);
                }/>
        </div>
    }
}

/// The market shock through each holding's loadings.
#[component]
fn StressPanel(
    shocked: Memo<Result<StressView, String>>,
    scenario: Memo<Scenario>,
    set: Callback<Scenario>,
) -> impl IntoView {
    let problem = RwSignal::new(None::<String>);
    let set_shocks = move |change: &dyn Fn(&mut Shocks)| {
        checked_change(scenario, set, problem, &|s: &mut Scenario| {
            change(&mut s.shocks)
        });
    };
    let shocks = Memo::new(move |_| scenario.with(|s| s.shocks));
    // The scenario's default shock is the sell-off (`SELL_OFF_2026_02`).
    let preset = move |_| set_shocks(&|x: &mut Shocks| *x = Shocks::default());
    view! {
        <section class="panel" aria-labelledby="stress-heading">
            <h2 id="stress-heading">"Market shock"</h2>
            <p class="explain">"Each holding moves by β_BTC·BTC + β_eq·equities + β_u·(sector − what BTC and the equities imply), its loadings from a regression of daily returns; ± one standard error of the loadings. Daily loadings applied to a multi-day move: a linear approximation. The exit through thinned books follows in the combined stress below."</p>
            <div class="controls">
                <NumberField id="shock-btc" label="BTC, %" value=Signal::derive(move || shocks.get().btc)
                    on_set=Callback::new(move |v| set_shocks(&|x: &mut Shocks| x.btc = v))/>
                <NumberField id="shock-equities" label="AI equities, %" value=Signal::derive(move || shocks.get().ai_equities)
                    on_set=Callback::new(move |v| set_shocks(&|x: &mut Shocks| x.ai_equities = v))/>
                <NumberField id="shock-sector" label="AI-token sector, %" value=Signal::derive(move || shocks.get().ai_sector)
                    on_set=Callback::new(move |v| set_shocks(&|x: &mut Shocks| x.ai_sector = v))/>
                <button type="button" id="sell-off-preset" on:click=preset>"The 2026-02-05/06 sell-off"</button>
            </div>
            <p class="explain">"Sell-off preset: BTC −14 % close to close (−18 % high to low), the equities' basket −12.2 % (NVDA −10 %, AMD −18.5 %, MSFT −8 % over the week), the AI-token sector −40 % (CoinGecko's category on the Friday); sources in the project's facts file, §7."</p>
            {move || problem.get().map(|p| view! { <p class="notice" role="alert" id="shock-problem">{p}</p> })}
            {move || match shocked.get() {
                Err(e) => view! { <p class="notice" id="stress-problem">{format!("No shock figures: {e}.")}</p> }.into_any(),
                Ok(v) => {
                    let rows = v.rows.iter().map(|r| labelled_row(&STRESS_HEADERS, stress_cells(r))).collect_view();
                    view! {
                        <p class="headline" id="stress-total" data-value=v.change.to_string()>
                            {format!("Under the shock, the equity changes by {} ({})", percent(v.change, 1), price(v.pnl))}
                        </p>
                        <table class="metric-table stacked" id="stress-table">
                            <caption>{format!(
                                "Loadings on BTC, the equities ({}, equally weighted) and the sector's surprise ({}, equally weighted), {}; the sector's surprise in this shock: {}",
                                v.basket.join(", "), v.sector.join(", "), v.span.describe(), percent(v.sector_surprise, 1)
                            )}</caption>
                            <thead>{header_row(&STRESS_HEADERS)}</thead>
                            <tbody>{rows}</tbody>
                        </table>
                    }.into_any()
                }
            }}
        </section>
    }
}

/// The worst windows of history, replayed on today's holdings.
#[component]
fn WindowsPanel(history: Memo<Result<History, String>>, book: Memo<Book>) -> impl IntoView {
    let windows = Memo::new(move |_| history.with(|h| book.with(|b| worst(h.as_ref()?, b))));
    view! {
        <section class="panel" aria-labelledby="windows-heading">
            <h2 id="windows-heading">"The worst weeks of history, on today's holdings"</h2>
            {move || match windows.get() {
                Err(e) => view! { <p class="notice" id="windows-problem">{format!("No history: {e}.")}</p> }.into_any(),
                Ok(w) => {
                    let rows = w.iter().map(|r| labelled_row(&WINDOW_HEADERS, window_cells(r))).collect_view();
                    view! {
                        <table class="metric-table stacked" id="windows-table">
                            <caption>{format!("The {} worst non-overlapping windows of {} common trading days: today's holdings bought at the first close and held", w.len(), risk_model::WINDOW_ROWS)}</caption>
                            <thead>{header_row(&WINDOW_HEADERS)}</thead>
                            <tbody>{rows}</tbody>
                        </table>
                    }.into_any()
                }
            }}
        </section>
    }
}
