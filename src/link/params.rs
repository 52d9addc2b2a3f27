//! Everything the URL's query carries, typed and parsed once: the token view's token, range
//! and scale, and the sector table's sort. Reading a link never fails: a missing value takes
//! its default, an unknown one takes its default with a [`Notice`] the page shows, so a bad
//! link still opens a useful page. Writing a value gives the text [`parse`](TokenLink::parse)
//! reads back (round-trip tested).
//!
//! The URL fragment (after `#`) is kept for scenarios with holdings, encoded by the core's
//! versioned codec: browsers never send it to a server.

use super::values::present;
use std::fmt;
use tokenrisk_charts::Scale;
use tokenrisk_core::range::Range;

/// Query key of the token shown.
pub const TOKEN: &str = "token";
/// Query key of the history range.
pub const RANGE: &str = "range";
/// Query key of the price chart's scale.
pub const SCALE: &str = "scale";
/// Query key of the sector table's sort column.
pub const SORT: &str = "sort";

/// The token a view shows when the link names none: TAO when there is data for it.
pub const DEFAULT_TOKEN: &str = "TAO";

/// What a page tells the user about a link value it could not use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The link names a token there is no data for; the default is shown instead.
    UnknownToken {
        /// What the link asked for.
        requested: String,
        /// What is shown.
        shown: String,
    },
    /// The link names an unknown range; the default is shown instead.
    UnknownRange {
        /// What the link asked for.
        requested: String,
        /// What is shown.
        shown: Range,
    },
    /// The link names an unknown chart scale; the linear scale is shown instead.
    UnknownScale {
        /// What the link asked for.
        requested: String,
    },
    /// The link gives a value the page cannot use; its default is used instead.
    BadValue {
        /// What the value is ("shock", "leverage mix", …).
        what: &'static str,
        /// What the link asked for.
        requested: String,
        /// What the value must be.
        expected: &'static str,
        /// What is used instead.
        shown: String,
    },
    /// The link's edited maintenance brackets do not make a valid table; the snapshot's are
    /// used instead.
    BadBrackets {
        /// What the link asked for.
        requested: String,
        /// The first rule broken.
        reason: String,
    },
    /// The link names an unknown sort column; the default column is used instead.
    UnknownSort {
        /// What the link asked for.
        requested: String,
        /// What is used.
        shown: String,
    },
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // Without any series there is nothing to show instead.
            Self::UnknownToken { requested, shown } if shown.is_empty() => {
                write!(f, "No data for token “{requested}”.")
            }
            Self::UnknownToken { requested, shown } => {
                write!(
                    f,
                    "No data for token “{requested}”; showing {shown} instead."
                )
            }
            Self::UnknownRange { requested, shown } => write!(
                f,
                "Unknown range “{requested}” (use 7d, 30d, 90d, ytd, 1y, all or FROM..TO dates); showing {shown} instead."
            ),
            Self::UnknownScale { requested } => write!(
                f,
                "Unknown scale “{requested}” (use linear, log, percent or indexed); showing linear instead."
            ),
            Self::BadValue {
                what,
                requested,
                expected,
                shown,
            } => write!(
                f,
                "Cannot use {what} “{requested}” (use {expected}); using {shown} instead."
            ),
            Self::BadBrackets { requested, reason } => write!(
                f,
                "Cannot use the maintenance brackets “{requested}” ({reason}); using the snapshot's instead."
            ),
            Self::UnknownSort { requested, shown } => write!(
                f,
                "Unknown sort column “{requested}”; sorting by {shown} instead."
            ),
        }
    }
}

/// The raw query values a link gives, before parsing (`None`: absent; blank counts as absent).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawQuery {
    /// `token`.
    pub token: Option<String>,
    /// `range`.
    pub range: Option<String>,
    /// `scale`.
    pub scale: Option<String>,
}

/// What the token view's link selects, resolved against the assets there is data for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenLink {
    /// Asset id, one of the available ones (empty when nothing is available).
    pub token: String,
    /// History range.
    pub range: Range,
    /// The price chart's scale.
    pub scale: Scale,
    /// What the page must tell the user about the link.
    pub notices: Vec<Notice>,
}

impl TokenLink {
    /// Resolves the query values against the available asset ids. Never fails: unknown values
    /// fall back to defaults ([`DEFAULT_TOKEN`] or the first available; [`Range::Year1`];
    /// [`Scale::Linear`]) with a notice. Token ids match without regard to case.
    pub fn parse(query: &RawQuery, available: &[&str]) -> Self {
        let fallback = available
            .iter()
            .find(|id| **id == DEFAULT_TOKEN)
            .or_else(|| available.first())
            .map_or_else(String::new, |id| (*id).to_owned());
        let mut notices = Vec::new();
        let token = match present(query.token.as_deref()) {
            None => fallback,
            Some(t) => match available.iter().find(|id| id.eq_ignore_ascii_case(t)) {
                Some(id) => (*id).to_owned(),
                None => {
                    notices.push(Notice::UnknownToken {
                        requested: t.to_owned(),
                        shown: fallback.clone(),
                    });
                    fallback
                }
            },
        };
        let range = match present(query.range.as_deref()) {
            None => Range::default(),
            Some(r) => r.parse().unwrap_or_else(|_| {
                notices.push(Notice::UnknownRange {
                    requested: r.to_owned(),
                    shown: Range::default(),
                });
                Range::default()
            }),
        };
        let scale = match present(query.scale.as_deref()) {
            None => Scale::default(),
            Some(s) => Scale::from_key(s).unwrap_or_else(|| {
                notices.push(Notice::UnknownScale {
                    requested: s.to_owned(),
                });
                Scale::default()
            }),
        };
        Self {
            token,
            range,
            scale,
            notices,
        }
    }

    /// The query this selection writes: `(key, value)` pairs in link order.
    pub fn query(&self) -> [(&'static str, String); 3] {
        [
            (TOKEN, self.token.clone()),
            (RANGE, self.range.to_string()),
            (SCALE, self.scale.key().to_owned()),
        ]
    }
}

/// The sector table's sort column from the link: one of `known`, else `default` (with a notice
/// when the link named something else).
pub fn parse_sort(value: Option<&str>, known: &[&str], default: &str) -> (String, Option<Notice>) {
    match present(value) {
        None => (default.to_owned(), None),
        Some(v) if known.contains(&v) => (v.to_owned(), None),
        Some(v) => (
            default.to_owned(),
            Some(Notice::UnknownSort {
                requested: v.to_owned(),
                shown: default.to_owned(),
            }),
        ),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn raw(token: Option<&str>, range: Option<&str>, scale: Option<&str>) -> RawQuery {
        RawQuery {
            token: token.map(str::to_owned),
            range: range.map(str::to_owned),
            scale: scale.map(str::to_owned),
        }
    }

    #[test]
    fn unknown_values_fall_back_with_notices() {
        let available = ["BTC", "TAO", "NEAR"];
        let ok = TokenLink::parse(&raw(Some("near"), Some("90d"), Some("log")), &available);
        assert_eq!(
            (ok.token.as_str(), ok.range, ok.scale, ok.notices.len()),
            ("NEAR", Range::Days90, Scale::Log, 0)
        );
        let none = TokenLink::parse(&RawQuery::default(), &available);
        assert_eq!(
            (none.token.as_str(), none.range, none.scale),
            ("TAO", Range::Year1, Scale::Linear)
        );
        let blank = TokenLink::parse(&raw(Some(" "), Some(""), Some("")), &available);
        assert_eq!((blank.token.as_str(), blank.notices.len()), ("TAO", 0));
        let bad = TokenLink::parse(&raw(Some("DOGE"), Some("2w"), Some("cubic")), &available);
        assert_eq!(bad.token, "TAO");
        assert_eq!(bad.notices.len(), 3);
        assert!(bad.notices[0].to_string().contains("DOGE"));
        assert!(bad.notices[1].to_string().contains("2w"));
        assert!(bad.notices[2].to_string().contains("cubic"));
        let no_tao = TokenLink::parse(&raw(Some("x"), None, None), &["BTC"]);
        assert_eq!(no_tao.token, "BTC");
        let empty = TokenLink::parse(&raw(Some("TAO"), None, None), &[]);
        assert_eq!(empty.token, "");
        assert_eq!(
            empty
                .notices
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            ["No data for token “TAO”."],
            "nothing to show instead: no \"showing  instead\""
        );
    }

    #[test]
    fn sort_falls_back_with_a_notice() {
        let known = ["name", "market_cap"];
        assert_eq!(
            parse_sort(Some("name"), &known, "market_cap"),
            ("name".into(), None)
        );
        assert_eq!(
            parse_sort(None, &known, "market_cap"),
            ("market_cap".into(), None)
        );
        let (sort, notice) = parse_sort(Some("<script>"), &known, "market_cap");
        assert_eq!(sort, "market_cap");
        assert!(notice.is_some_and(|n| n.to_string().contains("<script>")));
    }

    fn any_range() -> impl Strategy<Value = Range> {
        prop_oneof![
            proptest::sample::select(Range::PRESETS.to_vec()),
            // Days from 1900 to 9999 (the dates the parser accepts), as spans of at least one day.
            (-25_567i64..2_912_896, 1i64..20_000).prop_map(|(from, len)| Range::Custom {
                from: from * 86_400,
                to: (from + len) * 86_400,
            }),
        ]
    }

    proptest! {
        #[test]
        fn what_a_link_writes_reads_back(
            token in proptest::sample::select(vec!["BTC", "TAO", "NEAR"]),
            range in any_range(),
            scale in proptest::sample::select(Scale::ALL.to_vec()),
        ) {
            let link = TokenLink { token: token.to_owned(), range, scale, notices: Vec::new() };
            let [(_, t), (_, r), (_, s)] = link.query();
            let back = TokenLink::parse(&raw(Some(&t), Some(&r), Some(&s)), &["BTC", "TAO", "NEAR"]);
            prop_assert_eq!(back, link);
        }

        #[test]
        fn any_text_opens_a_page(token in ".{0,40}", range in ".{0,40}", scale in ".{0,20}") {
            let link = TokenLink::parse(&raw(Some(&token), Some(&range), Some(&scale)), &["BTC", "TAO"]);
            prop_assert!(link.token == "TAO" || link.token == "BTC");
            prop_assert!(link.notices.len() <= 3);
        }
    }
}
