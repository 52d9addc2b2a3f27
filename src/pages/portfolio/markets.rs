//! The live markets of the held assets, fetched once for the whole page: each asset's order
//! book and its perpetual's open interest, and how a panel reads one of them (or why it
//! cannot). The combined stress and the sizing panel read the same answers.

use super::model::Book;
use crate::live::market_now::{self, VenueBook};
use crate::live::remote::Remote;
use crate::live::use_remote::use_remote;
use leptos::prelude::*;
use tokenrisk_core::order_book::OrderBook;
use tokenrisk_market::registry;
use tokenrisk_market::sources::binance_futures::OpenInterest;

/// One held asset's live market.
#[derive(Debug, Clone, PartialEq)]
pub struct Market {
    /// Asset id.
    pub asset: String,
    /// Its order book (Binance spot, else Coinbase).
    pub book: Remote<VenueBook>,
    /// Open interest of its Binance USD-M perpetual, in contracts.
    pub open_interest: Remote<OpenInterest>,
}

/// The held assets' markets, `None` until every one has answered.
pub type Markets = Signal<Option<Vec<Market>>>;

/// Every held asset's book and open interest, asked one after the other (the data service
/// spaces them and shares what another panel already asked for).
pub fn use_markets(book: Memo<Book>) -> Markets {
    let assets = Memo::new(move |_| {
        book.with(|b| {
            b.assets()
                .into_iter()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
    });
    use_remote(
        move || Some(assets.get()),
        |s, ids: Vec<String>| async move {
            let mut out = Vec::with_capacity(ids.len());
            for id in ids {
                let (book, open_interest) = match registry::get(&id) {
                    Some(a) => (
                        market_now::book(&s, a).await,
                        market_now::open_interest(&s, a).await,
                    ),
                    None => (Remote::Loading, Remote::Loading),
                };
                out.push(Market {
                    asset: id,
                    book,
                    open_interest,
                });
            }
            out
        },
    )
}

/// `asset`'s market among `fetched`, or why it is not there yet.
fn market_of<'a>(fetched: Option<&'a [Market]>, asset: &str) -> Result<&'a Market, String> {
    fetched
        .ok_or("the markets are on their way")?
        .iter()
        .find(|m| m.asset == asset)
        .ok_or_else(|| format!("no market for {asset}"))
}

/// `asset`'s order book among `fetched`, or why there is none.
pub fn book_of<'a>(fetched: Option<&'a [Market]>, asset: &str) -> Result<&'a OrderBook, String> {
    match &market_of(fetched, asset)?.book {
        Remote::Ready(f) => Ok(&f.value.book),
        Remote::Unavailable(why) => Err(format!("no order book: {why}")),
        Remote::Loading => Err("its order book is on its way".into()),
    }
}

/// `asset`'s open interest in contracts among `fetched`, or why there is none.
pub fn open_interest_of(fetched: Option<&[Market]>, asset: &str) -> Result<f64, String> {
    match &market_of(fetched, asset)?.open_interest {
        Remote::Ready(f) => Ok(f.value.open_interest),
        Remote::Unavailable(why) => Err(format!("no open interest: {why}")),
        Remote::Loading => Err("its open interest is on its way".into()),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::live::remote::{Fetched, Unavailable};
    use crate::pages::portfolio::tests::ladder;

    fn fetched<T>(value: T) -> Remote<T> {
        Remote::Ready(Fetched {
            value,
            fetched_at_ms: 0.0,
            live: true,
            failure: None,
            url: String::new(),
        })
    }

    #[test]
    fn a_panel_reads_a_market_or_why_it_cannot() {
        let ready = Market {
            asset: "TAO".into(),
            book: fetched(VenueBook {
                book: ladder(250.0),
                venue: "Binance".into(),
                pair: "TAOUSDT".into(),
            }),
            open_interest: fetched(OpenInterest {
                symbol: "TAOUSDT".into(),
                open_interest: 12_000.0,
                time_ms: 0,
            }),
        };
        let gone = Market {
            asset: "NVDA".into(),
            book: Remote::Unavailable(Unavailable::NotListed {
                asset: "NVDA".into(),
                venue: "Binance",
            }),
            open_interest: Remote::Loading,
        };
        let both = [ready, gone];
        assert_eq!(book_of(Some(&both), "TAO"), Ok(&ladder(250.0)));
        assert_eq!(open_interest_of(Some(&both), "TAO"), Ok(12_000.0));
        assert!(book_of(Some(&both), "NVDA")
            .expect_err("not listed")
            .starts_with("no order book: "));
        assert!(open_interest_of(Some(&both), "NVDA")
            .expect_err("loading")
            .contains("on its way"));
        assert!(book_of(None, "TAO")
            .expect_err("not yet")
            .contains("on their way"));
        assert!(book_of(Some(&both), "BTC")
            .expect_err("not held")
            .contains("BTC"));
    }
}
