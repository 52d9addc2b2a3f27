//! Bybit's v5 public market data: the order book (`GET /v5/market/orderbook`) into the core's
//! venue-neutral [`OrderBook`], and a reader of a saved book in any of the shapes the project
//! knows (Binance's depth response, Coinbase's level-2 book, Bybit's envelope).
//!
//! Bybit sends no CORS headers, so a browser page cannot read its answers (the app does not ask
//! it); the command reads saved answers and could fetch it. The shape, from Bybit's v5
//! documentation (<https://bybit-exchange.github.io/docs/v5/market/orderbook>):
//! `{"retCode":0,"retMsg":"OK","result":{"s":"BTCUSDT","b":[["price","size"],…],
//! "a":[…],"ts":…,"u":…,"seq":…,"cts":…},"retExtInfo":{},"time":…}`, bids best (highest)
//! first, asks lowest first; a refused request has a non-zero `retCode` and says why in
//! `retMsg`.

use super::json::{self, top_object};
use super::{book, ParseError};
use serde_json::{Map, Value};
use tokenrisk_core::order_book::OrderBook;

/// The most levels a side Bybit returns for linear and inverse contracts (spot: 200).
pub const MAX_LINEAR_LEVELS: u32 = 500;

/// `/v5/market/orderbook` of a `category` (`spot`, `linear`, `inverse`) symbol, `limit` levels
/// a side.
pub fn orderbook_url(base: &str, category: &str, symbol: &str, limit: u32) -> String {
    format!("{base}/v5/market/orderbook?category={category}&symbol={symbol}&limit={limit}")
}

/// Parses a `/v5/market/orderbook` answer: the `result`'s `b` (bids) and `a` (asks) levels,
/// sorted best first whatever order they came in.
///
/// # Errors
/// [`ParseError::Malformed`] for a refused request (its `retCode` and `retMsg`), a missing
/// `result`, `b` or `a`, or a level without a positive price and a quantity of 0 or more.
pub fn parse_orderbook(body: &str) -> Result<OrderBook, ParseError> {
    let value = json::parse(body)?;
    from_envelope(top_object(&value)?)
}

fn from_envelope(o: &Map<String, Value>) -> Result<OrderBook, ParseError> {
    let code = o
        .get("retCode")
        .and_then(Value::as_i64)
        .ok_or_else(|| ParseError::Malformed("no retCode".to_owned()))?;
    if code != 0 {
        let message = o.get("retMsg").and_then(Value::as_str).unwrap_or("");
        return Err(ParseError::Malformed(format!(
            "Bybit refused the request: retCode {code} {message}"
        )));
    }
    let result = o
        .get("result")
        .and_then(Value::as_object)
        .ok_or_else(|| ParseError::Malformed("no result object".to_owned()))?;
    let mut sides = Map::new();
    for (from, to) in [("b", "bids"), ("a", "asks")] {
        let levels = result
            .get(from)
            .ok_or_else(|| ParseError::Malformed(format!("no {from} array in result")))?;
        sides.insert(to.to_owned(), levels.clone());
    }
    book::from_object(&sides)
}

/// A saved order book in Bybit's envelope (an object with `retCode`) or in the `bids`/`asks`
/// shape Binance's depth response and Coinbase's level-2 book share.
///
/// # Errors
/// [`ParseError`] when the body is neither, or its levels are malformed.
pub fn parse_any_book(body: &str) -> Result<OrderBook, ParseError> {
    let value = json::parse(body)?;
    let o = top_object(&value)?;
    if o.contains_key("retCode") {
        from_envelope(o)
    } else {
        book::from_object(o)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bybit's documented example answer (v5 orderbook page), with a second level a side added
    /// out of order.
    const DOCUMENTED: &str = r#"{"retCode":0,"retMsg":"OK","result":{"s":"BTCUSDT","b":[["62710.2","5.52"],["62710.5","0.5"]],"a":[["62710.3","0.01"],["62709.9","1"]],"ts":1709199771584,"u":243781,"seq":3887177875,"cts":1709199771580},"retExtInfo":{},"time":1709199771643}"#;

    #[test]
    fn the_documented_answer_is_a_book_best_first() {
        let b = parse_orderbook(DOCUMENTED).expect("valid");
        assert_eq!(b.bids, vec![(62_710.5, 0.5), (62_710.2, 5.52)]);
        assert_eq!(b.asks, vec![(62_709.9, 1.0), (62_710.3, 0.01)]);
        assert_eq!(parse_any_book(DOCUMENTED).expect("valid"), b);
        assert_eq!(
            orderbook_url(
                "https://api.bybit.com",
                "linear",
                "TAOUSDT",
                MAX_LINEAR_LEVELS
            ),
            "https://api.bybit.com/v5/market/orderbook?category=linear&symbol=TAOUSDT&limit=500"
        );
    }

    #[test]
    fn the_other_shapes_are_read_too() {
        let binance = r#"{"lastUpdateId":1,"bids":[["99","2"]],"asks":[["101","3"]]}"#;
        let coinbase = r#"{"sequence":1,"bids":[["99","2","4"]],"asks":[["101","3","1"]]}"#;
        for body in [binance, coinbase] {
            let b = parse_any_book(body).expect("valid");
            assert_eq!((b.bids[0], b.asks[0]), ((99.0, 2.0), (101.0, 3.0)));
        }
    }

    #[test]
    fn refusals_and_broken_answers_are_errors_that_say_why() {
        let refused = r#"{"retCode":10001,"retMsg":"params error: symbol invalid","result":{},"retExtInfo":{},"time":1}"#;
        let e = parse_orderbook(refused).expect_err("refused").to_string();
        assert!(e.contains("10001") && e.contains("symbol invalid"), "{e}");
        for body in [
            "",
            "[]",
            "{}",
            r#"{"retCode":0}"#,
            r#"{"retCode":0,"result":{"b":[]}}"#,
            r#"{"retCode":0,"result":{"b":[["x","1"]],"a":[]}}"#,
            r#"{"retCode":0,"result":{"b":[["-1","1"]],"a":[]}}"#,
            r#"{"retCode":"0","result":{"b":[],"a":[]}}"#,
        ] {
            assert!(parse_orderbook(body).is_err(), "{body}");
            assert!(parse_any_book(body).is_err(), "{body}");
        }
    }
}
