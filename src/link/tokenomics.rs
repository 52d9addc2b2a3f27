//! The tokenomics page's link: the token, the horizon, every supply parameter edited from its
//! preset's value, the start supply when the user gives it, the user's nominal staking yield
//! and the share of daily volume new supply may take
//! (`?token=NEAR&days=1826&sp=rate_now:0.03,sell_through:0.5&total=1300000000&circ=1250000000&yield=9&part=10`),
//! typed and parsed once. A bad value takes its default with a [`Notice`]; what a link writes
//! reads back (round-trip tested).

use super::params::{Notice, RawQuery, TokenLink, TOKEN};
use super::values::{number, present};
use tokenrisk_market::supply_presets::{self, Preset};

/// Query key of the horizon, in days.
pub const DAYS: &str = "days";
/// Query key of the edited supply parameters (`key:value`, comma-separated).
pub const PARAMS: &str = "sp";
/// Query key of the total supply on the start date.
pub const TOTAL: &str = "total";
/// Query key of the circulating supply on the start date.
pub const CIRCULATING: &str = "circ";
/// Query key of the user's nominal staking yield, percent a year.
pub const STAKING_YIELD: &str = "yield";
/// Query key of the share of average daily volume new supply may take, percent.
pub const PARTICIPATION: &str = "part";

/// Every key of the page's link, in the order its query writes them.
pub const KEYS: [&str; 7] = [
    TOKEN,
    DAYS,
    PARAMS,
    TOTAL,
    CIRCULATING,
    STAKING_YIELD,
    PARTICIPATION,
];

/// The tokens with a supply preset.
pub const TOKENS: [&str; 5] = ["TAO", "NEAR", "ICP", "RENDER", "FET"];

/// The horizon when the link names none: five years (past TAO's second halving).
pub const DEFAULT_DAYS: usize = 1_826;
/// The share of daily volume when the link names none: 10 %, the participation the liquidity
/// page's exit uses.
pub const DEFAULT_PARTICIPATION_PCT: f64 = 10.0;

/// What the tokenomics page's link selects.
#[derive(Debug, Clone, PartialEq)]
pub struct TokenomicsLink {
    /// Asset id, one of [`TOKENS`].
    pub token: String,
    /// Days the schedule runs, 30 to 7,305.
    pub days: usize,
    /// Parameters changed from the preset, `(key, value)`, in the preset's order.
    pub edits: Vec<(String, f64)>,
    /// Total supply on the start date; `None`: CoinGecko's, else the preset's anchor.
    pub total: Option<f64>,
    /// Circulating supply on the start date (with `total` only); `None`: the total.
    pub circulating: Option<f64>,
    /// The user's nominal staking yield, percent a year; `None`: not given.
    pub staking_yield_pct: Option<f64>,
    /// Share of the average daily volume new supply may take, percent, above 0 and at most 100.
    pub participation_pct: f64,
    /// What the page must tell the user about the link.
    pub notices: Vec<Notice>,
}

impl TokenomicsLink {
    /// The token's preset.
    pub fn preset(&self) -> &'static Preset {
        supply_presets::for_asset(&self.token)
            .or_else(|| supply_presets::for_asset(TOKENS[0]))
            .expect("every token of TOKENS has a preset")
    }

    /// Resolves `(key, value)` pairs of the query; never fails (defaults with notices for bad
    /// values).
    pub fn parse(pairs: &[(&str, &str)]) -> Self {
        let get = |key: &str| pairs.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
        let token_link = TokenLink::parse(
            &RawQuery {
                token: get(TOKEN).map(str::to_owned),
                ..RawQuery::default()
            },
            &TOKENS,
        );
        let mut notices = token_link.notices;
        let n = &mut notices;
        let days = number(
            get(DAYS),
            "horizon",
            "a whole number of days from 30 to 7305",
            |v| v.fract() == 0.0 && (30.0..=7_305.0).contains(&v),
            Some(DEFAULT_DAYS as f64),
            n,
        )
        .map_or(DEFAULT_DAYS, |v| v as usize);
        let preset = supply_presets::for_asset(&token_link.token)
            .expect("every token of TOKENS has a preset");
        let edits = present(get(PARAMS)).map_or_else(Vec::new, |text| edits(preset, text, n));
        let total = number(
            get(TOTAL),
            "total supply",
            "a number of tokens above 0",
            |v| v > 0.0,
            None,
            n,
        );
        let circulating = number(
            get(CIRCULATING),
            "circulating supply",
            "a number of tokens above 0, at most the total supply, with a total supply",
            |v| v > 0.0 && total.is_some_and(|t| v <= t),
            None,
            n,
        );
        let staking_yield_pct = number(
            get(STAKING_YIELD),
            "staking yield",
            "a percentage a year from 0 to 1000",
            |v| (0.0..=1_000.0).contains(&v),
            None,
            n,
        );
        let participation_pct = number(
            get(PARTICIPATION),
            "share of daily volume",
            "a percentage above 0 and at most 100",
            |v| v > 0.0 && v <= 100.0,
            Some(DEFAULT_PARTICIPATION_PCT),
            n,
        )
        .unwrap_or(DEFAULT_PARTICIPATION_PCT);
        Self {
            token: token_link.token,
            days,
            edits,
            total,
            circulating,
            staking_yield_pct,
            participation_pct,
            notices,
        }
    }

    /// The query this selection writes: `(key, value)` pairs in [`KEYS`] order, an empty value
    /// for an absent optional one.
    pub fn query(&self) -> [(&'static str, String); KEYS.len()] {
        let optional = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
        [
            (TOKEN, self.token.clone()),
            (DAYS, self.days.to_string()),
            (PARAMS, write_edits(&self.edits)),
            (TOTAL, optional(self.total)),
            (CIRCULATING, optional(self.circulating)),
            (STAKING_YIELD, optional(self.staking_yield_pct)),
            (PARTICIPATION, self.participation_pct.to_string()),
        ]
    }

    /// The `sp` value with the parameter `key` set to `value` (`None`: back to the preset's).
    pub fn edited(&self, key: &str, value: Option<f64>) -> String {
        let preset = self.preset();
        let mut edits: Vec<(String, f64)> = self
            .edits
            .iter()
            .filter(|(k, _)| k != key)
            .cloned()
            .collect();
        if let Some(v) = value.filter(|v| v.is_finite()) {
            edits.push((key.to_owned(), v));
        }
        write_edits(&in_preset_order(preset, edits))
    }
}

/// Most edits an `sp` value may hold.
const MAX_EDITS: usize = 32;

/// The edits of `text` (`key:value,…`) that name a parameter of `preset` with a finite value,
/// in the preset's order (the last of a repeated key wins); a notice for each that does not.
fn edits(preset: &Preset, text: &str, notices: &mut Vec<Notice>) -> Vec<(String, f64)> {
    let mut found: Vec<(String, f64)> = Vec::new();
    for pair in text
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .take(MAX_EDITS)
    {
        let parsed = pair.split_once(':').and_then(|(key, value)| {
            let (_, param) = preset.param(key).ok()?;
            let value = value.trim().parse::<f64>().ok().filter(|v| v.is_finite())?;
            Some((param.key.to_owned(), value))
        });
        match parsed {
            Some((key, value)) => {
                found.retain(|(k, _)| *k != key);
                found.push((key, value));
            }
            None => notices.push(Notice::BadValue {
                what: "supply parameter",
                requested: pair.to_owned(),
                expected: "key:value with a key of this token's parameters (the table lists them) and a number",
                shown: "the preset's value".to_owned(),
            }),
        }
    }
    in_preset_order(preset, found)
}

fn in_preset_order(preset: &Preset, mut edits: Vec<(String, f64)>) -> Vec<(String, f64)> {
    edits.sort_by_key(|(key, _)| preset.param(key).map_or(usize::MAX, |(i, _)| i));
    edits
}

fn write_edits(edits: &[(String, f64)]) -> String {
    edits
        .iter()
        .map(|(k, v)| format!("{k}:{v}"))
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn defaults_and_bad_values_with_notices() {
        let none = TokenomicsLink::parse(&[]);
        assert_eq!((none.token.as_str(), none.days), ("TAO", DEFAULT_DAYS));
        assert!(none.edits.is_empty() && none.notices.is_empty());
        assert_eq!(
            (none.total, none.circulating, none.staking_yield_pct),
            (None, None, None)
        );
        assert_eq!(none.participation_pct, 10.0);
        let bad = TokenomicsLink::parse(&[
            (TOKEN, "NEAR"),
            (DAYS, "9000"),
            (PARAMS, "sell_through:0.5,warp:3,staked_share:NaN"),
            (CIRCULATING, "5"),
            (PARTICIPATION, "0"),
        ]);
        assert_eq!((bad.token.as_str(), bad.days), ("NEAR", DEFAULT_DAYS));
        assert_eq!(bad.edits, [("sell_through".to_owned(), 0.5)]);
        assert_eq!(bad.circulating, None, "circulating needs a total");
        assert_eq!(bad.participation_pct, 10.0);
        let said: Vec<String> = bad.notices.iter().map(ToString::to_string).collect();
        assert_eq!(said.len(), 5, "{said:?}");
        assert!(said.iter().any(|s| s.contains("warp:3")), "{said:?}");
    }

    #[test]
    fn an_edit_is_written_in_the_presets_order_and_reset_by_none() {
        let link = TokenomicsLink::parse(&[(TOKEN, "NEAR"), (PARAMS, "sell_through:0.5")]);
        let first = link.preset().params[0].key;
        let with = link.edited(first, Some(0.03));
        assert_eq!(with, format!("{first}:0.03,sell_through:0.5"));
        assert_eq!(link.edited("sell_through", None), "");
    }

    proptest! {
        #[test]
        fn what_a_link_writes_reads_back(
            token in proptest::sample::select(TOKENS.to_vec()),
            days in 30usize..=7_305,
            picks in proptest::collection::vec((0usize..64, -1e9..1e9f64), 0..6),
            total in proptest::option::of(1.0..1e12f64),
            share in 0.01..=1.0f64,
            with_circulating in any::<bool>(),
            staking in proptest::option::of(0.0..=1_000.0f64),
            part in 0.01..=100.0f64,
        ) {
            let preset = supply_presets::for_asset(token).expect("preset");
            let mut edits: Vec<(String, f64)> = Vec::new();
            for (i, v) in picks {
                let key = preset.params[i % preset.params.len()].key.to_owned();
                edits.retain(|(k, _)| *k != key);
                edits.push((key, v));
            }
            let link = TokenomicsLink {
                token: token.to_owned(),
                days,
                edits: in_preset_order(preset, edits),
                total,
                circulating: total.filter(|_| with_circulating).map(|t| t * share),
                staking_yield_pct: staking,
                participation_pct: part,
                notices: Vec::new(),
            };
            let query = link.query();
            let pairs: Vec<(&str, &str)> = query.iter().map(|(k, v)| (*k, v.as_str())).collect();
            prop_assert_eq!(TokenomicsLink::parse(&pairs), link);
        }

        #[test]
        fn any_text_opens_the_page(values in proptest::collection::vec(".{0,40}", KEYS.len())) {
            let pairs: Vec<(&str, &str)> = KEYS.iter().copied().zip(values.iter().map(String::as_str)).collect();
            let link = TokenomicsLink::parse(&pairs);
            prop_assert!((30..=7_305).contains(&link.days));
            prop_assert!(link.edits.iter().all(|(k, v)| v.is_finite() && link.preset().param(k).is_ok()));
            prop_assert!(link.participation_pct > 0.0 && link.participation_pct <= 100.0);
            prop_assert!(link.circulating.is_none_or(|c| link.total.is_some_and(|t| c <= t)));
        }
    }
}
