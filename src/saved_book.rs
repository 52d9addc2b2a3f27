//! A recorded order book chosen from a file for the liquidity page (`book=file`): Binance's
//! depth answer, Coinbase's level-2 book or Bybit's v5 order book, read by the market crate's
//! `parse_any_book`. It is kept in this browser's local storage, so a reload walks the same
//! book; it never leaves the browser. This is also how a Bybit book reaches the page: Bybit
//! sends no CORS headers, so the page cannot ask it, but a saved answer can be chosen.

use crate::live::market_now::VenueBook;
use crate::live::remote::{Fetched, Remote, Unavailable};
use serde::{Deserialize, Serialize};
use tokenrisk_core::order_book::OrderBook;
use tokenrisk_market::sources::bybit::parse_any_book;

/// The storage key (bump the version if the format changes).
const KEY: &str = "token-risk-lab.v1.book";

/// The largest book file the page reads (a 5,000-level Binance answer is about 200 KB).
pub const MAX_BOOK_BYTES: f64 = 2_097_152.0;

/// One chosen book as kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedBook {
    /// File name, e.g. `bybit_TAOUSDT.json`.
    pub name: String,
    /// When it was chosen, Unix milliseconds.
    pub chosen_at_ms: f64,
    /// The file's text.
    pub text: String,
}

impl SavedBook {
    /// The book the file holds, validated (two sides, not crossed, positive prices).
    ///
    /// # Errors
    /// Why the file is not a usable book, naming the file.
    pub fn book(&self) -> Result<OrderBook, String> {
        let book = parse_any_book(&self.text).map_err(|e| format!("{}: {e}", self.name))?;
        book.validate()
            .map_err(|e| format!("{}: not a usable book: {e}", self.name))?;
        Ok(book)
    }

    /// The page's book from this file: ready (never "live": it is a recording), or why not.
    pub fn remote(&self) -> Remote<VenueBook> {
        match self.book() {
            Ok(book) => Remote::Ready(Fetched {
                value: VenueBook {
                    book,
                    venue: format!("your file {}", self.name),
                    pair: String::new(),
                },
                fetched_at_ms: self.chosen_at_ms,
                live: false,
                failure: None,
                url: format!("file {}", self.name),
            }),
            Err(reason) => Remote::Unavailable(Unavailable::Local(reason)),
        }
    }
}

/// Reads kept text: a book, or why it could not be read.
///
/// # Errors
/// A sentence saying the kept book was unreadable (another format, garbage).
pub fn decode(text: &str) -> Result<SavedBook, String> {
    serde_json::from_str(text).map_err(|e| {
        format!(
            "The kept order book could not be read ({e}) and was cleared; choose the file again."
        )
    })
}

use crate::storage::local as storage;

/// The kept book: `None` when there is none, an error (and the entry cleared) when it is
/// unreadable.
pub fn restore() -> Option<Result<SavedBook, String>> {
    let storage = storage()?;
    let text = storage.get_item(KEY).ok().flatten()?;
    let kept = decode(&text);
    if kept.is_err() {
        let _ = storage.remove_item(KEY);
    }
    Some(kept)
}

/// Keeps `book`, replacing the one kept.
///
/// # Errors
/// A message when the browser has no storage or it is full (the book is still used for this
/// visit).
pub fn remember(book: &SavedBook) -> Result<(), String> {
    let text = serde_json::to_string(book).map_err(|e| e.to_string())?;
    storage()
        .ok_or("this browser keeps no local storage")?
        .set_item(KEY, &text)
        .map_err(|_| "this browser's storage is full".to_owned())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn saved(text: &str) -> SavedBook {
        SavedBook {
            name: "book.json".to_owned(),
            chosen_at_ms: 1.7e12,
            text: text.to_owned(),
        }
    }

    #[test]
    fn each_venues_shape_is_a_ready_book() {
        for text in [
            r#"{"lastUpdateId":1,"bids":[["99","2"]],"asks":[["101","3"]]}"#,
            r#"{"bids":[["99","2",1]],"asks":[["101","3",1]],"sequence":5}"#,
            r#"{"retCode":0,"retMsg":"OK","result":{"s":"TAOUSDT","b":[["99","2"]],"a":[["101","3"]],"ts":1,"u":1}}"#,
        ] {
            let Remote::Ready(f) = saved(text).remote() else {
                panic!("{text}");
            };
            assert_eq!(f.value.book.bids[0].0, 99.0, "{text}");
            assert_eq!(f.value.venue, "your file book.json");
            assert!(!f.live);
            assert_eq!(f.fetched_at_ms, 1.7e12);
        }
    }

    #[test]
    fn unusable_files_are_reasons_naming_the_file() {
        for (text, reason) in [
            ("not json", "book.json: malformed"),
            (
                r#"{"lastUpdateId":1,"bids":[],"asks":[]}"#,
                "book.json: not a usable book",
            ),
            (
                r#"{"lastUpdateId":1,"bids":[["102","2"]],"asks":[["101","3"]]}"#,
                "book.json: not a usable book",
            ),
            (
                r#"{"retCode":10001,"retMsg":"params error"}"#,
                "Bybit refused",
            ),
        ] {
            let Remote::Unavailable(why) = saved(text).remote() else {
                panic!("{text} is not a book");
            };
            assert!(why.to_string().contains(reason), "{text}: {why}");
        }
    }

    #[test]
    fn kept_text_reads_back_or_says_it_was_cleared() {
        let book = saved(r#"{"bids":[],"asks":[]}"#);
        let text = serde_json::to_string(&book).expect("serialises");
        assert_eq!(decode(&text), Ok(book));
        for garbage in ["", "[]", r#"{"name":3}"#, "\u{0}"] {
            let e = decode(garbage).expect_err(garbage);
            assert!(e.contains("was cleared; choose the file again"), "{e}");
        }
    }
}
