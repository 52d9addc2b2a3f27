//! The liquidity page's link: the token, the position to exit and the cascade's scenario
//! (`?token=TAO&size=500&shock=-15&oi=80000000&long=80&mix=vendor&cut=crash`), typed and
//! parsed once. A bad value takes its default with a [`Notice`]; what a link writes reads back
//! (round-trip tested).

use super::params::{Notice, RawQuery, TokenLink, TOKEN};
use tokenrisk_core::cascade::LeverageMixPreset;
use tokenrisk_core::depth_stress::HaircutPreset;

/// Query key of the position to exit, in tokens.
pub const SIZE: &str = "size";
/// Query key of the cascade's shock, in percent.
pub const SHOCK: &str = "shock";
/// Query key of the open interest, in USD.
pub const OPEN_INTEREST: &str = "oi";
/// Query key of the long share of open interest, in percent.
pub const LONG: &str = "long";
/// Query key of the leverage mix.
pub const MIX: &str = "mix";
/// Query key of the depth haircut.
pub const CUT: &str = "cut";

/// The shock when the link names none: a 10 % fall.
pub const DEFAULT_SHOCK_PCT: f64 = -10.0;
/// The long share when the link names none: the middle of the 0.6–0.85 seen in crashes
/// (`shared/design/facts-2026.md` §9.3).
pub const DEFAULT_LONG_PCT: f64 = 72.5;

/// The leverage mixes by their link keys.
pub const MIXES: [(&str, LeverageMixPreset); 3] = [
    ("retail", LeverageMixPreset::ExchangeRetail),
    ("hyperliquid", LeverageMixPreset::HyperliquidObserved),
    ("vendor", LeverageMixPreset::HeatmapVendor),
];

/// The depth haircuts by their link keys (`none`: the book as it is).
pub const CUTS: [(&str, Option<HaircutPreset>); 4] = [
    ("none", None),
    ("stressed", Some(HaircutPreset::StressedRegime)),
    ("crash", Some(HaircutPreset::CrashHour)),
    ("flash", Some(HaircutPreset::FlashCrash)),
];

/// The raw values of the page's own keys (`None`: absent; blank counts as absent).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawLiquidity {
    /// `token`.
    pub token: Option<String>,
    /// `size`.
    pub size: Option<String>,
    /// `shock`.
    pub shock: Option<String>,
    /// `oi`.
    pub open_interest: Option<String>,
    /// `long`.
    pub long: Option<String>,
    /// `mix`.
    pub mix: Option<String>,
    /// `cut`.
    pub cut: Option<String>,
}

/// What the liquidity page's link selects.
#[derive(Debug, Clone, PartialEq)]
pub struct LiquidityLink {
    /// Asset id, one of those with a book.
    pub token: String,
    /// Tokens to exit; `None`: 100,000 USD worth at the mid.
    pub size: Option<f64>,
    /// The cascade's shock in percent, within ±90 and not 0.
    pub shock_pct: f64,
    /// Open interest in USD; `None`: Binance's, live.
    pub open_interest: Option<f64>,
    /// Long share of open interest in percent, 0 to 100.
    pub long_pct: f64,
    /// Leverage mix.
    pub mix: LeverageMixPreset,
    /// Depth haircut of the cascade's book (`None`: as it is).
    pub cut: Option<HaircutPreset>,
    /// What the page must tell the user about the link.
    pub notices: Vec<Notice>,
}

fn present(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// The number in `value` when it parses, is finite and passes `ok`; else `default` with a
/// notice naming `what` and `expected`.
fn number(
    value: Option<&str>,
    what: &'static str,
    expected: &'static str,
    ok: impl Fn(f64) -> bool,
    default: Option<f64>,
    notices: &mut Vec<Notice>,
) -> Option<f64> {
    let text = present(value)?;
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() && ok(v) => Some(v),
        _ => {
            notices.push(Notice::BadValue {
                what,
                requested: text.to_owned(),
                expected,
                shown: default.map_or_else(|| "the default".to_owned(), |d| d.to_string()),
            });
            default
        }
    }
}

fn choice<T: Copy>(
    value: Option<&str>,
    what: &'static str,
    expected: &'static str,
    known: &[(&'static str, T)],
    notices: &mut Vec<Notice>,
) -> T {
    let default = known[0];
    match present(value) {
        None => default.1,
        Some(v) => known
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(v))
            .map_or_else(
                || {
                    notices.push(Notice::BadValue {
                        what,
                        requested: v.to_owned(),
                        expected,
                        shown: default.0.to_owned(),
                    });
                    default.1
                },
                |(_, t)| *t,
            ),
    }
}

fn key_of<T: PartialEq + Copy>(known: &[(&'static str, T)], value: T) -> &'static str {
    known
        .iter()
        .find(|(_, t)| *t == value)
        .map_or(known[0].0, |(key, _)| key)
}

impl LiquidityLink {
    /// Resolves the query values; never fails (defaults with notices for bad values). `tokens`
    /// are the ids with a book.
    pub fn parse(raw: &RawLiquidity, tokens: &[&str]) -> Self {
        let token_link = TokenLink::parse(
            &RawQuery {
                token: raw.token.clone(),
                ..RawQuery::default()
            },
            tokens,
        );
        let mut notices = token_link.notices;
        let size = number(
            raw.size.as_deref(),
            "position size",
            "a number of tokens above 0",
            |v| v > 0.0,
            None,
            &mut notices,
        );
        let shock_pct = number(
            raw.shock.as_deref(),
            "shock",
            "a percentage between -90 and 90, not 0",
            |v| (-90.0..=90.0).contains(&v) && v != 0.0,
            Some(DEFAULT_SHOCK_PCT),
            &mut notices,
        )
        .unwrap_or(DEFAULT_SHOCK_PCT);
        let open_interest = number(
            raw.open_interest.as_deref(),
            "open interest",
            "USD above 0",
            |v| v > 0.0,
            None,
            &mut notices,
        );
        let long_pct = number(
            raw.long.as_deref(),
            "long share",
            "a percentage from 0 to 100",
            |v| (0.0..=100.0).contains(&v),
            Some(DEFAULT_LONG_PCT),
            &mut notices,
        )
        .unwrap_or(DEFAULT_LONG_PCT);
        let mix = choice(
            raw.mix.as_deref(),
            "leverage mix",
            "retail, hyperliquid or vendor",
            &MIXES,
            &mut notices,
        );
        let cut = choice(
            raw.cut.as_deref(),
            "depth haircut",
            "none, stressed, crash or flash",
            &CUTS,
            &mut notices,
        );
        Self {
            token: token_link.token,
            size,
            shock_pct,
            open_interest,
            long_pct,
            mix,
            cut,
            notices,
        }
    }

    /// The query this selection writes: `(key, value)` pairs, an empty value for an absent
    /// optional one.
    pub fn query(&self) -> [(&'static str, String); 7] {
        let optional = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
        [
            (TOKEN, self.token.clone()),
            (SIZE, optional(self.size)),
            (SHOCK, self.shock_pct.to_string()),
            (OPEN_INTEREST, optional(self.open_interest)),
            (LONG, self.long_pct.to_string()),
            (MIX, key_of(&MIXES, self.mix).to_owned()),
            (CUT, key_of(&CUTS, self.cut).to_owned()),
        ]
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const TOKENS: [&str; 3] = ["TAO", "NEAR", "ICP"];

    fn raw(pairs: &[(&str, &str)]) -> RawLiquidity {
        let get = |key: &str| {
            pairs
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| (*v).to_owned())
        };
        RawLiquidity {
            token: get(TOKEN),
            size: get(SIZE),
            shock: get(SHOCK),
            open_interest: get(OPEN_INTEREST),
            long: get(LONG),
            mix: get(MIX),
            cut: get(CUT),
        }
    }

    #[test]
    fn defaults_and_bad_values_with_notices() {
        let none = LiquidityLink::parse(&RawLiquidity::default(), &TOKENS);
        assert_eq!(none.token, "TAO");
        assert_eq!((none.size, none.open_interest), (None, None));
        assert_eq!((none.shock_pct, none.long_pct), (-10.0, 72.5));
        assert_eq!(none.mix, LeverageMixPreset::ExchangeRetail);
        assert_eq!(none.cut, None);
        assert!(none.notices.is_empty());
        let good = LiquidityLink::parse(
            &raw(&[
                ("token", "near"),
                ("size", "2500"),
                ("shock", "-18"),
                ("oi", "8e7"),
                ("long", "82"),
                ("mix", "vendor"),
                ("cut", "flash"),
            ]),
            &TOKENS,
        );
        assert_eq!(good.token, "NEAR");
        assert_eq!((good.size, good.open_interest), (Some(2500.0), Some(8e7)));
        assert_eq!((good.shock_pct, good.long_pct), (-18.0, 82.0));
        assert_eq!(good.mix, LeverageMixPreset::HeatmapVendor);
        assert_eq!(good.cut, Some(HaircutPreset::FlashCrash));
        assert!(good.notices.is_empty());
        let bad = LiquidityLink::parse(
            &raw(&[
                ("size", "-3"),
                ("shock", "0"),
                ("oi", "NaN"),
                ("long", "120"),
                ("mix", "moon"),
                ("cut", "<b>"),
            ]),
            &TOKENS,
        );
        assert_eq!(bad.notices.len(), 6);
        assert_eq!((bad.size, bad.open_interest), (None, None));
        assert_eq!((bad.shock_pct, bad.long_pct), (-10.0, 72.5));
        let texts: Vec<String> = bad.notices.iter().map(ToString::to_string).collect();
        assert!(
            texts[1].contains("“0”") && texts[1].contains("-10"),
            "{texts:?}"
        );
        assert!(
            texts[4].contains("moon") && texts[4].contains("retail"),
            "{texts:?}"
        );
    }

    proptest! {
        #[test]
        fn what_a_link_writes_reads_back(
            token in proptest::sample::select(TOKENS.to_vec()),
            size in proptest::option::of(1e-6..1e9f64),
            shock in prop_oneof![-90.0..-0.01f64, 0.01..90.0f64],
            oi in proptest::option::of(1.0..1e12f64),
            long in 0.0..=100.0f64,
            mix in proptest::sample::select(MIXES.to_vec()),
            cut in proptest::sample::select(CUTS.to_vec()),
        ) {
            let link = LiquidityLink {
                token: token.to_owned(),
                size,
                shock_pct: shock,
                open_interest: oi,
                long_pct: long,
                mix: mix.1,
                cut: cut.1,
                notices: Vec::new(),
            };
            let query = link.query();
            let pairs: Vec<(&str, &str)> = query.iter().map(|(k, v)| (*k, v.as_str())).collect();
            prop_assert_eq!(LiquidityLink::parse(&raw(&pairs), &TOKENS), link);
        }

        #[test]
        fn any_text_opens_the_page(size in ".{0,30}", shock in ".{0,30}", oi in ".{0,30}", long in ".{0,30}", mix in ".{0,20}", cut in ".{0,20}") {
            let link = LiquidityLink::parse(&raw(&[("size", &size), ("shock", &shock), ("oi", &oi), ("long", &long), ("mix", &mix), ("cut", &cut)]), &TOKENS);
            prop_assert!(link.shock_pct != 0.0 && link.shock_pct.abs() <= 90.0);
            prop_assert!((0.0..=100.0).contains(&link.long_pct));
            prop_assert!(link.size.is_none_or(|s| s > 0.0 && s.is_finite()));
            prop_assert!(link.notices.len() <= 6);
        }
    }
}
