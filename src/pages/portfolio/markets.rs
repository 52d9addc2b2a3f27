//! The live markets of the held assets, fetched once for the whole page: each asset's order
//! book, its perpetual's open interest and CoinGecko's valuation (its supply), and how a panel
//! reads one of them (or why it cannot). The combined stress and the sizing panel read the
//! same answers.

use super::model::Book;
use crate::live::market_now::{self, VenueBook};
use crate::live::remote::Remote;
use crate::live::service::DataService;
use crate::live::use_remote::use_remote;
use leptos::prelude::*;
use std::future::Future;
use std::rc::Rc;
use tokenrisk_core::order_book::OrderBook;
use tokenrisk_market::registry::{self, Asset};
use tokenrisk_market::sources::binance_futures::OpenInterest;
use tokenrisk_market::sources::coingecko::CoinMarket;

/// One answer per held asset, `None` until every asset has one.
pub type PerAsset<T> = Signal<Option<Vec<(String, Remote<T>)>>>;

/// The held assets' live markets: each kind of answer arrives on its own, so a slow or failing
/// source (retried with backoff) holds up only what reads it.
#[derive(Debug, Clone, Copy)]
pub struct Markets {
    /// Order books (Binance spot, else Coinbase).
    pub books: PerAsset<VenueBook>,
    /// Open interest of each Binance USD-M perpetual, in contracts.
    pub open_interest: PerAsset<OpenInterest>,
    /// CoinGecko's market figures (total and circulating supply).
    pub valuations: PerAsset<CoinMarket>,
}

/// `fetch` for each of `assets`, one after the other (the data service spaces them, shares
/// requests in flight and asks CoinGecko once for every coin).
fn use_per_asset<T, Fut>(
    assets: Memo<Vec<String>>,
    fetch: fn(Rc<DataService>, &'static Asset) -> Fut,
) -> PerAsset<T>
where
    T: Send + Sync + 'static,
    Fut: Future<Output = Remote<T>> + 'static,
{
    use_remote(
        move || Some(assets.get()),
        move |s, ids: Vec<String>| async move {
            let mut out = Vec::with_capacity(ids.len());
            for id in ids {
                let answer = match registry::get(&id) {
                    Some(a) => fetch(Rc::clone(&s), a).await,
                    None => Remote::Loading,
                };
                out.push((id, answer));
            }
            out
        },
    )
}

/// Every held asset's book, open interest and valuation.
pub fn use_markets(book: Memo<Book>) -> Markets {
    let assets = Memo::new(move |_| {
        book.with(|b| {
            b.assets()
                .into_iter()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
    });
    Markets {
        books: use_per_asset(assets, |s, a| async move { market_now::book(&s, a).await }),
        open_interest: use_per_asset(assets, |s, a| async move {
            market_now::open_interest(&s, a).await
        }),
        valuations: use_per_asset(
            assets,
            |s, a| async move { market_now::valuation(&s, a).await },
        ),
    }
}

/// `asset`'s answer among `fetched`, or why it is not there yet.
fn answer_of<'a, T>(
    fetched: Option<&'a [(String, Remote<T>)]>,
    asset: &str,
) -> Result<&'a Remote<T>, String> {
    fetched
        .ok_or("the markets are on their way")?
        .iter()
        .find(|(id, _)| id == asset)
        .map(|(_, r)| r)
        .ok_or_else(|| format!("no market for {asset}"))
}

/// `asset`'s order book among `fetched`, or why there is none.
pub fn book_of<'a>(
    fetched: Option<&'a [(String, Remote<VenueBook>)]>,
    asset: &str,
) -> Result<&'a OrderBook, String> {
    match answer_of(fetched, asset)? {
        Remote::Ready(f) => Ok(&f.value.book),
        Remote::Unavailable(why) => Err(format!("no order book: {why}")),
        Remote::Loading => Err("its order book is on its way".into()),
    }
}

/// `asset`'s open interest in contracts among `fetched`, or why there is none.
pub fn open_interest_of(
    fetched: Option<&[(String, Remote<OpenInterest>)]>,
    asset: &str,
) -> Result<f64, String> {
    match answer_of(fetched, asset)? {
        Remote::Ready(f) => Ok(f.value.open_interest),
        Remote::Unavailable(why) => Err(format!("no open interest: {why}")),
        Remote::Loading => Err("its open interest is on its way".into()),
    }
}

/// CoinGecko's figures for `asset` among `fetched`, when they came.
pub fn valuation_of<'a>(
    fetched: Option<&'a [(String, Remote<CoinMarket>)]>,
    asset: &str,
) -> Option<&'a CoinMarket> {
    answer_of(fetched, asset).ok()?.ready().map(|f| &f.value)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::live::remote::{fetched_now, Unavailable};
    use crate::pages::portfolio::tests::ladder;

    #[test]
    fn a_panel_reads_a_market_or_why_it_cannot() {
        let books = [
            (
                "TAO".to_owned(),
                fetched_now(VenueBook {
                    book: ladder(250.0),
                    venue: "Binance".into(),
                    pair: "TAOUSDT".into(),
                }),
            ),
            (
                "NVDA".to_owned(),
                Remote::Unavailable(Unavailable::NotListed {
                    asset: "NVDA".into(),
                    venue: "Binance",
                }),
            ),
        ];
        let open_interest = [
            (
                "TAO".to_owned(),
                fetched_now(OpenInterest {
                    symbol: "TAOUSDT".into(),
                    open_interest: 12_000.0,
                    time_ms: 0,
                }),
            ),
            ("NVDA".to_owned(), Remote::Loading),
        ];
        let valuations: [(String, Remote<CoinMarket>); 1] = [("TAO".to_owned(), Remote::Loading)];
        assert_eq!(book_of(Some(&books), "TAO"), Ok(&ladder(250.0)));
        assert_eq!(open_interest_of(Some(&open_interest), "TAO"), Ok(12_000.0));
        assert!(book_of(Some(&books), "NVDA")
            .expect_err("not listed")
            .starts_with("no order book: "));
        assert!(open_interest_of(Some(&open_interest), "NVDA")
            .expect_err("loading")
            .contains("on its way"));
        assert_eq!(valuation_of(Some(&valuations), "TAO"), None);
        assert!(book_of(None, "TAO")
            .expect_err("not yet")
            .contains("on their way"));
        assert!(book_of(Some(&books), "BTC")
            .expect_err("not held")
            .contains("BTC"));
    }
}
