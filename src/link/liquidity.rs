//! The liquidity page's link: the token, the book walked (`book=spot|perp|file`), the position to
//! exit, the leveraged position whose liquidation price the page computes and the cascade's
//! scenario
//! (`?token=TAO&size=500&side=long&lev=20&shock=-15&oi=80000000&long=80&mix=vendor&cut=crash&entries=profile`)
//! with a mix of the user's own (`mixc=3:50,10:30,25:20`) and a book refilled after each round
//! (`refill=20`), and the open interest the replay of 2026-02-05/06 starts from
//! (`roi=3000000000`), and a contract's maintenance brackets as edited
//! (`brk=BTCUSDT,50000:125:0.4,…`, [`super::brackets`]), typed and parsed once. A bad value takes its default with a [`Notice`];
//! what a link writes reads back (round-trip tested).

use super::brackets::EditedBrackets;
use super::params::{Notice, RawQuery, TokenLink, TOKEN};
use super::values::{choice, key_of, number, present};
use tokenrisk_core::cascade::{LeverageMix, LeverageMixPreset};
use tokenrisk_core::depth_stress::HaircutPreset;
use tokenrisk_core::leverage::Side;

/// Query key of the position to exit, in tokens.
pub const SIZE: &str = "size";
/// Query key of the cascade's shock, in percent.
pub const SHOCK: &str = "shock";
/// Query key of the open interest, in USD.
pub const OPEN_INTEREST: &str = "oi";
/// Query key of the open interest the replay of 2026-02-05/06 starts from, in USD.
pub const REPLAY_OPEN_INTEREST: &str = "roi";
/// Query key of the long share of open interest, in percent.
pub const LONG: &str = "long";
/// Query key of the leverage mix.
pub const MIX: &str = "mix";
/// Query key of a leverage mix of the user's own (`leverage:share` pairs, comma-separated),
/// used instead of the preset.
pub const CUSTOM_MIX: &str = "mixc";
/// Query key of the share of the book posted again after each round, in percent.
pub const REFILL: &str = "refill";
/// Query key of the book the exit and the cascade walk: the spot pair's or the perpetual's.
pub const BOOK: &str = "book";
/// Query key of the depth haircut.
pub const CUT: &str = "cut";
/// Query key of where the cascade's positions were entered.
pub const ENTRIES: &str = "entries";
/// Query key of the leveraged position's side.
pub const SIDE: &str = "side";
/// Query key of the leveraged position's entry price, USDT.
pub const ENTRY: &str = "entry";
/// Query key of the leveraged position's leverage.
pub const LEVERAGE: &str = "lev";
/// Query key of the margin backing the leveraged position, USDT.
pub const MARGIN: &str = "margin";
/// Query key of the margin mode.
pub const MODE: &str = "mode";
/// Query key of the maintenance margin of a cross account's other positions, USDT.
pub const OTHERS_MAINTENANCE: &str = "mm";
/// Query key of the unrealised PnL of a cross account's other positions, USDT.
pub const OTHERS_PNL: &str = "upnl";

/// Query key of a contract's maintenance brackets as edited (the contract, then
/// `cap:leverage:rate %` per bracket).
pub const BRACKETS: &str = "brk";

/// Every key of the page's link, in the order its query writes them.
pub const KEYS: [&str; 20] = [
    TOKEN,
    BOOK,
    SIZE,
    SIDE,
    ENTRY,
    LEVERAGE,
    MARGIN,
    MODE,
    OTHERS_MAINTENANCE,
    OTHERS_PNL,
    BRACKETS,
    SHOCK,
    OPEN_INTEREST,
    LONG,
    MIX,
    CUSTOM_MIX,
    CUT,
    REFILL,
    ENTRIES,
    REPLAY_OPEN_INTEREST,
];

/// The shock when the link names none: a 10 % fall.
pub const DEFAULT_SHOCK_PCT: f64 = -10.0;
/// The long share when the link names none: the middle of the 0.6–0.85 seen in crashes
/// (`shared/design/facts-2026.md` §9.3).
pub const DEFAULT_LONG_PCT: f64 = 72.5;
/// The leverage when the link names neither a leverage nor a margin.
pub const DEFAULT_LEVERAGE: f64 = 10.0;
/// The highest leverage the link accepts (Binance's highest bracket maximum); the contract's
/// own brackets then decide what the position may use.
pub const MAX_LEVERAGE: f64 = 125.0;

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

/// Where the cascade's positions were entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entries {
    /// Spread over the last week's volume profile (hourly bars).
    VolumeProfile,
    /// All at the start price.
    StartPrice,
}

/// The entry models by their link keys.
pub const ENTRY_MODELS: [(&str, Entries); 2] = [
    ("profile", Entries::VolumeProfile),
    ("start", Entries::StartPrice),
];

/// Which order book the page walks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookVenue {
    /// Binance's spot pair (Coinbase's where Binance refuses).
    Spot,
    /// Binance's USDⓈ-M perpetual, where leveraged positions are liquidated.
    Perpetual,
    /// A recorded book from a file the user chose (kept in this browser, not in the link).
    File,
}

/// The books by their link keys.
pub const BOOKS: [(&str, BookVenue); 3] = [
    ("spot", BookVenue::Spot),
    ("perp", BookVenue::Perpetual),
    ("file", BookVenue::File),
];

/// The position's sides by their link keys.
pub const SIDES: [(&str, Side); 2] = [("long", Side::Long), ("short", Side::Short)];

/// How the leveraged position is margined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarginMode {
    /// Only the margin given to the position can be lost.
    Isolated,
    /// The whole account backs the position.
    Cross,
}

/// The margin modes by their link keys.
pub const MODES: [(&str, MarginMode); 2] = [
    ("isolated", MarginMode::Isolated),
    ("cross", MarginMode::Cross),
];

/// The raw values of the page's keys ([`KEYS`]; blank counts as absent).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawLiquidity {
    values: [Option<String>; KEYS.len()],
}

impl RawLiquidity {
    /// The raw query from `(key, value)` pairs; keys not in [`KEYS`] are ignored.
    pub fn from_pairs<K: AsRef<str>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        let mut raw = Self::default();
        for (key, value) in pairs {
            if let Some(i) = KEYS.iter().position(|k| *k == key.as_ref()) {
                raw.values[i] = Some(value.into());
            }
        }
        raw
    }

    /// The raw value of `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        let i = KEYS.iter().position(|k| *k == key)?;
        self.values[i].as_deref()
    }
}

/// The leveraged position whose liquidation price the page computes (its size is the page's
/// position size).
#[derive(Debug, Clone, PartialEq)]
pub struct PositionLink {
    /// Long or short.
    pub side: Side,
    /// Entry price; `None`: the mid now.
    pub entry: Option<f64>,
    /// Leverage: the isolated margin is the entry notional over it (used when `margin` is
    /// `None`).
    pub leverage: f64,
    /// The margin backing the position, USDT (isolated margin or cross wallet); `None`: the
    /// initial margin at `leverage`.
    pub margin: Option<f64>,
    /// Isolated or cross.
    pub mode: MarginMode,
    /// Cross only: maintenance margin of the account's other positions; `None`: 0.
    pub others_maintenance: Option<f64>,
    /// Cross only: unrealised PnL of the account's other positions; `None`: 0.
    pub others_pnl: Option<f64>,
}

impl Default for PositionLink {
    /// What a link without the position's keys gives: a long from the mid at
    /// [`DEFAULT_LEVERAGE`], isolated, no other positions.
    fn default() -> Self {
        Self {
            side: SIDES[0].1,
            entry: None,
            leverage: DEFAULT_LEVERAGE,
            margin: None,
            mode: MODES[0].1,
            others_maintenance: None,
            others_pnl: None,
        }
    }
}

/// What the liquidity page's link selects.
#[derive(Debug, Clone, PartialEq)]
pub struct LiquidityLink {
    /// Asset id, one of those with a book.
    pub token: String,
    /// The book the exit and the cascade walk.
    pub book: BookVenue,
    /// Tokens to exit (and the leveraged position's size); `None`: 100,000 USD worth at the
    /// mid.
    pub size: Option<f64>,
    /// The leveraged position.
    pub position: PositionLink,
    /// A contract's brackets as edited; `None`: the snapshot's.
    pub brackets: Option<EditedBrackets>,
    /// The cascade's shock in percent, within ±90 and not 0.
    pub shock_pct: f64,
    /// Open interest in USD; `None`: Binance's, live.
    pub open_interest: Option<f64>,
    /// Long share of open interest in percent, 0 to 100.
    pub long_pct: f64,
    /// Leverage mix preset.
    pub mix: LeverageMixPreset,
    /// A mix of the user's own, used instead of the preset: `(leverage, share in percent)`.
    pub custom_mix: Option<Vec<(f64, f64)>>,
    /// Share of the stressed book posted again after each round of the cascade, in percent.
    pub refill_pct: f64,
    /// Depth haircut of the cascade's book (`None`: as it is).
    pub cut: Option<HaircutPreset>,
    /// Where the cascade's positions were entered.
    pub entries: Entries,
    /// Open interest in USD the replay of 2026-02-05/06 starts from; `None`: Binance's last
    /// recorded before it.
    pub replay_open_interest: Option<f64>,
    /// What the page must tell the user about the link.
    pub notices: Vec<Notice>,
}

/// Most pairs a custom mix may hold.
pub const MAX_MIX_PAIRS: usize = 12;

/// A custom mix from `leverage:share` pairs (`3:50, 10:30`); `None` unless every pair parses
/// with a leverage from 1 to [`MAX_LEVERAGE`] and a finite share ≥ 0, some share is above 0,
/// and there are 1 to [`MAX_MIX_PAIRS`] pairs.
pub fn parse_mix(text: &str) -> Option<Vec<(f64, f64)>> {
    let pairs: Vec<(f64, f64)> = text
        .split(',')
        .map(|pair| {
            let (leverage, share) = pair.split_once(':')?;
            let leverage: f64 = leverage.trim().trim_end_matches(['x', '×']).parse().ok()?;
            let share: f64 = share.trim().trim_end_matches('%').parse().ok()?;
            ((1.0..=MAX_LEVERAGE).contains(&leverage) && share.is_finite() && share >= 0.0)
                .then_some((leverage, share))
        })
        .collect::<Option<_>>()?;
    ((1..=MAX_MIX_PAIRS).contains(&pairs.len()) && pairs.iter().any(|p| p.1 > 0.0)).then_some(pairs)
}

/// The link's text of a custom mix (what [`parse_mix`] reads back).
pub fn write_mix(pairs: &[(f64, f64)]) -> String {
    pairs
        .iter()
        .map(|(l, s)| format!("{l}:{s}"))
        .collect::<Vec<_>>()
        .join(",")
}

impl LiquidityLink {
    /// The leverage mix the cascade, the map and the replay use: the custom one when the link
    /// has it, else the preset's.
    pub fn leverage_mix(&self) -> LeverageMix {
        match &self.custom_mix {
            Some(pairs) => LeverageMix {
                buckets: pairs.clone(),
            },
            None => self.mix.mix(),
        }
    }

    /// Resolves the query values; never fails (defaults with notices for bad values). `tokens`
    /// are the ids with a book.
    pub fn parse(raw: &RawLiquidity, tokens: &[&str]) -> Self {
        let token_link = TokenLink::parse(
            &RawQuery {
                token: raw.get(TOKEN).map(str::to_owned),
                ..RawQuery::default()
            },
            tokens,
        );
        let mut notices = token_link.notices;
        let n = &mut notices;
        let size = number(
            raw.get(SIZE),
            "position size",
            "a number of tokens above 0",
            |v| v > 0.0,
            None,
            n,
        );
        let position = PositionLink {
            side: choice(raw.get(SIDE), "side", "long or short", &SIDES, n),
            entry: number(
                raw.get(ENTRY),
                "entry price",
                "USDT above 0",
                |v| v > 0.0,
                None,
                n,
            ),
            leverage: number(
                raw.get(LEVERAGE),
                "leverage",
                "above 0 and at most 125",
                |v| v > 0.0 && v <= MAX_LEVERAGE,
                Some(DEFAULT_LEVERAGE),
                n,
            )
            .unwrap_or(DEFAULT_LEVERAGE),
            margin: number(
                raw.get(MARGIN),
                "margin",
                "USDT above 0",
                |v| v > 0.0,
                None,
                n,
            ),
            mode: choice(raw.get(MODE), "margin mode", "isolated or cross", &MODES, n),
            others_maintenance: number(
                raw.get(OTHERS_MAINTENANCE),
                "other positions' maintenance margin",
                "USDT, 0 or more",
                |v| v >= 0.0,
                None,
                n,
            ),
            others_pnl: number(
                raw.get(OTHERS_PNL),
                "other positions' unrealised PnL",
                "USDT",
                |_| true,
                None,
                n,
            ),
        };
        let brackets = present(raw.get(BRACKETS)).and_then(|text| {
            EditedBrackets::parse(text)
                .map_err(|e| {
                    n.push(Notice::BadBrackets {
                        requested: text.to_owned(),
                        reason: e.to_string(),
                    });
                })
                .ok()
        });
        let shock_pct = number(
            raw.get(SHOCK),
            "shock",
            "a percentage between -90 and 90, not 0",
            |v| (-90.0..=90.0).contains(&v) && v != 0.0,
            Some(DEFAULT_SHOCK_PCT),
            n,
        )
        .unwrap_or(DEFAULT_SHOCK_PCT);
        let open_interest = number(
            raw.get(OPEN_INTEREST),
            "open interest",
            "USD above 0",
            |v| v > 0.0,
            None,
            n,
        );
        let long_pct = number(
            raw.get(LONG),
            "long share",
            "a percentage from 0 to 100",
            |v| (0.0..=100.0).contains(&v),
            Some(DEFAULT_LONG_PCT),
            n,
        )
        .unwrap_or(DEFAULT_LONG_PCT);
        let mix = choice(
            raw.get(MIX),
            "leverage mix",
            "retail, hyperliquid or vendor",
            &MIXES,
            n,
        );
        let custom_mix = present(raw.get(CUSTOM_MIX)).and_then(|text| {
            let parsed = parse_mix(text);
            if parsed.is_none() {
                n.push(Notice::BadValue {
                    what: "custom leverage mix",
                    requested: text.to_owned(),
                    expected: "leverage:share pairs such as 3:50,10:30,25:20 (leverage 1 to 125, shares not negative, not all 0, at most 12 pairs)",
                    shown: "the preset".to_owned(),
                });
            }
            parsed
        });
        let refill_pct = number(
            raw.get(REFILL),
            "book refill",
            "a percentage from 0 to 100",
            |v| (0.0..=100.0).contains(&v),
            Some(0.0),
            n,
        )
        .unwrap_or(0.0);
        let cut = choice(
            raw.get(CUT),
            "depth haircut",
            "none, stressed, crash or flash",
            &CUTS,
            n,
        );
        let entries = choice(
            raw.get(ENTRIES),
            "entry prices",
            "profile or start",
            &ENTRY_MODELS,
            n,
        );
        let replay_open_interest = number(
            raw.get(REPLAY_OPEN_INTEREST),
            "replay's open interest",
            "USD above 0",
            |v| v > 0.0,
            None,
            n,
        );
        let book = choice(raw.get(BOOK), "order book", "spot, perp or file", &BOOKS, n);
        Self {
            token: token_link.token,
            book,
            size,
            position,
            brackets,
            shock_pct,
            open_interest,
            long_pct,
            mix,
            custom_mix,
            refill_pct,
            cut,
            entries,
            replay_open_interest,
            notices,
        }
    }

    /// The query this selection writes: `(key, value)` pairs in [`KEYS`] order, an empty value
    /// for an absent optional one.
    pub fn query(&self) -> [(&'static str, String); KEYS.len()] {
        let optional = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
        let p = &self.position;
        [
            (TOKEN, self.token.clone()),
            (BOOK, key_of(&BOOKS, self.book).to_owned()),
            (SIZE, optional(self.size)),
            (SIDE, key_of(&SIDES, p.side).to_owned()),
            (ENTRY, optional(p.entry)),
            (LEVERAGE, p.leverage.to_string()),
            (MARGIN, optional(p.margin)),
            (MODE, key_of(&MODES, p.mode).to_owned()),
            (OTHERS_MAINTENANCE, optional(p.others_maintenance)),
            (OTHERS_PNL, optional(p.others_pnl)),
            (
                BRACKETS,
                self.brackets
                    .as_ref()
                    .map(EditedBrackets::write)
                    .unwrap_or_default(),
            ),
            (SHOCK, self.shock_pct.to_string()),
            (OPEN_INTEREST, optional(self.open_interest)),
            (LONG, self.long_pct.to_string()),
            (MIX, key_of(&MIXES, self.mix).to_owned()),
            (
                CUSTOM_MIX,
                self.custom_mix
                    .as_deref()
                    .map(write_mix)
                    .unwrap_or_default(),
            ),
            (CUT, key_of(&CUTS, self.cut).to_owned()),
            (REFILL, self.refill_pct.to_string()),
            (ENTRIES, key_of(&ENTRY_MODELS, self.entries).to_owned()),
            (REPLAY_OPEN_INTEREST, optional(self.replay_open_interest)),
        ]
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const TOKENS: [&str; 3] = ["TAO", "NEAR", "ICP"];

    fn raw(pairs: &[(&str, &str)]) -> RawLiquidity {
        RawLiquidity::from_pairs(pairs.iter().copied())
    }

    #[test]
    fn defaults_and_bad_values_with_notices() {
        let none = LiquidityLink::parse(&RawLiquidity::default(), &TOKENS);
        assert_eq!(none.token, "TAO");
        assert_eq!((none.size, none.open_interest), (None, None));
        assert_eq!((none.shock_pct, none.long_pct), (-10.0, 72.5));
        assert_eq!(none.mix, LeverageMixPreset::ExchangeRetail);
        assert_eq!(none.cut, None);
        assert_eq!(none.entries, Entries::VolumeProfile);
        assert_eq!(
            none.position,
            PositionLink {
                side: Side::Long,
                entry: None,
                leverage: 10.0,
                margin: None,
                mode: MarginMode::Isolated,
                others_maintenance: None,
                others_pnl: None,
            }
        );
        assert_eq!(none.position, PositionLink::default());
        assert!(none.notices.is_empty());
        let good = LiquidityLink::parse(
            &raw(&[
                ("token", "near"),
                ("book", "PERP"),
                ("size", "2500"),
                ("shock", "-18"),
                ("oi", "8e7"),
                ("long", "82"),
                ("mix", "vendor"),
                ("cut", "flash"),
                ("side", "Short"),
                ("entry", "412.5"),
                ("lev", "20"),
                ("margin", "900"),
                ("mode", "cross"),
                ("mm", "35"),
                ("upnl", "-120.5"),
                ("entries", "start"),
                ("roi", "3.2e9"),
                ("mixc", "3x:50, 10:30,25:20%"),
                ("refill", "25"),
                ("brk", "nearusdt,10000:50:1.2,100000:25:2"),
            ]),
            &TOKENS,
        );
        assert_eq!(good.token, "NEAR");
        assert_eq!(
            (none.book, good.book),
            (BookVenue::Spot, BookVenue::Perpetual)
        );
        assert_eq!((good.size, good.open_interest), (Some(2500.0), Some(8e7)));
        assert_eq!((good.shock_pct, good.long_pct), (-18.0, 82.0));
        assert_eq!(good.mix, LeverageMixPreset::HeatmapVendor);
        assert_eq!(good.cut, Some(HaircutPreset::FlashCrash));
        assert_eq!(good.entries, Entries::StartPrice);
        assert_eq!(good.replay_open_interest, Some(3.2e9));
        assert_eq!(
            good.custom_mix,
            Some(vec![(3.0, 50.0), (10.0, 30.0), (25.0, 20.0)])
        );
        assert_eq!(
            good.leverage_mix().buckets,
            vec![(3.0, 50.0), (10.0, 30.0), (25.0, 20.0)]
        );
        assert_eq!(good.refill_pct, 25.0);
        let edited = good.brackets.as_ref().expect("edited brackets");
        assert_eq!(edited.symbol(), "NEARUSDT");
        assert_eq!(edited.table().brackets()[1].maintenance_rate, 0.02);
        assert_eq!(none.brackets, None);
        assert_eq!(none.leverage_mix(), LeverageMixPreset::ExchangeRetail.mix());
        assert_eq!((none.custom_mix.clone(), none.refill_pct), (None, 0.0));
        assert_eq!(
            good.position,
            PositionLink {
                side: Side::Short,
                entry: Some(412.5),
                leverage: 20.0,
                margin: Some(900.0),
                mode: MarginMode::Cross,
                others_maintenance: Some(35.0),
                others_pnl: Some(-120.5),
            }
        );
        assert!(good.notices.is_empty());
        let bad = LiquidityLink::parse(
            &raw(&[
                ("size", "-3"),
                ("book", "dark pool"),
                ("shock", "0"),
                ("oi", "NaN"),
                ("long", "120"),
                ("mix", "moon"),
                ("cut", "<b>"),
                ("side", "sideways"),
                ("entry", "0"),
                ("lev", "500"),
                ("margin", "-1"),
                ("mode", "portfolio"),
                ("mm", "-5"),
                ("upnl", "inf"),
                ("entries", "yesterday"),
                ("roi", "-1"),
                ("mixc", "200:50"),
                ("refill", "150"),
                ("brk", "NEARUSDT,10000:50:1.2,100000:25:0.5"),
            ]),
            &TOKENS,
        );
        assert_eq!(bad.notices.len(), 19);
        assert_eq!(bad.brackets, None);
        assert_eq!(bad.book, BookVenue::Spot);
        assert_eq!((bad.custom_mix.clone(), bad.refill_pct), (None, 0.0));
        assert_eq!(bad.replay_open_interest, None);
        assert_eq!(bad.position, none.position);
        assert_eq!((bad.size, bad.open_interest), (None, None));
        assert_eq!((bad.shock_pct, bad.long_pct), (-10.0, 72.5));
        let texts: Vec<String> = bad.notices.iter().map(ToString::to_string).collect();
        let named = |needle: &str, default: &str| {
            texts
                .iter()
                .any(|t| t.contains(needle) && t.contains(default))
        };
        assert!(named("shock “0”", "using -10"), "{texts:?}");
        assert!(named("“moon”", "using retail"), "{texts:?}");
        assert!(named("leverage “500”", "using 10 instead"), "{texts:?}");
        assert!(named("side “sideways”", "using long"), "{texts:?}");
        assert!(
            named("bracket 2's maintenance rate 0.005", "using the snapshot's"),
            "{texts:?}"
        );
    }

    fn position() -> impl Strategy<Value = PositionLink> {
        (
            proptest::sample::select(SIDES.to_vec()),
            proptest::option::of(1e-6..1e7f64),
            prop_oneof![0.01..=MAX_LEVERAGE, Just(MAX_LEVERAGE)],
            proptest::option::of(1e-3..1e9f64),
            proptest::sample::select(MODES.to_vec()),
            proptest::option::of(0.0..1e9f64),
            proptest::option::of(-1e9..1e9f64),
        )
            .prop_map(
                |(side, entry, leverage, margin, mode, mm, pnl)| PositionLink {
                    side: side.1,
                    entry,
                    leverage,
                    margin,
                    mode: mode.1,
                    others_maintenance: mm,
                    others_pnl: pnl,
                },
            )
    }

    proptest! {
        #[test]
        fn what_a_link_writes_reads_back(
            token in proptest::sample::select(TOKENS.to_vec()),
            book in proptest::sample::select(BOOKS.to_vec()),
            size in proptest::option::of(1e-6..1e9f64),
            position in position(),
            shock in prop_oneof![-90.0..-0.01f64, 0.01..90.0f64],
            oi in proptest::option::of(1.0..1e12f64),
            long in 0.0..=100.0f64,
            mix in proptest::sample::select(MIXES.to_vec()),
            cut in proptest::sample::select(CUTS.to_vec()),
            entries in proptest::sample::select(ENTRY_MODELS.to_vec()),
            roi in proptest::option::of(1.0..1e12f64),
            custom in proptest::option::of(proptest::collection::vec((1.0..=MAX_LEVERAGE, 0.0..100.0f64), 1..=MAX_MIX_PAIRS)),
            refill in 0.0..=100.0f64,
            brackets in proptest::option::of(proptest::sample::select(tokenrisk_market::brackets::symbols().collect::<Vec<_>>())),
        ) {
            let custom = custom.filter(|c| c.iter().any(|p| p.1 > 0.0));
            let link = LiquidityLink {
                token: token.to_owned(),
                book: book.1,
                size,
                position,
                brackets: brackets.map(|symbol| {
                    let table = tokenrisk_market::brackets::bracket_table(symbol).expect("snapshot");
                    EditedBrackets::from_table(symbol, &table).expect("valid")
                }),
                shock_pct: shock,
                open_interest: oi,
                long_pct: long,
                mix: mix.1,
                cut: cut.1,
                entries: entries.1,
                replay_open_interest: roi,
                custom_mix: custom,
                refill_pct: refill,
                notices: Vec::new(),
            };
            let query = link.query();
            let pairs: Vec<(&str, &str)> = query.iter().map(|(k, v)| (*k, v.as_str())).collect();
            prop_assert_eq!(LiquidityLink::parse(&raw(&pairs), &TOKENS), link);
        }

        #[test]
        fn any_text_opens_the_page(values in proptest::collection::vec(".{0,30}", KEYS.len())) {
            let pairs: Vec<(&str, &str)> = KEYS.iter().copied().zip(values.iter().map(String::as_str)).collect();
            let link = LiquidityLink::parse(&raw(&pairs), &TOKENS);
            prop_assert!(link.shock_pct != 0.0 && link.shock_pct.abs() <= 90.0);
            prop_assert!((0.0..=100.0).contains(&link.long_pct));
            prop_assert!((0.0..=100.0).contains(&link.refill_pct));
            if let Some(mix) = &link.custom_mix {
                prop_assert!(mix.iter().all(|(l, s)| (1.0..=MAX_LEVERAGE).contains(l) && *s >= 0.0));
            }
            prop_assert!(link.size.is_none_or(|s| s > 0.0 && s.is_finite()));
            let p = &link.position;
            prop_assert!(p.leverage > 0.0 && p.leverage <= MAX_LEVERAGE);
            prop_assert!(p.entry.is_none_or(|e| e > 0.0 && e.is_finite()));
            prop_assert!(p.margin.is_none_or(|m| m > 0.0 && m.is_finite()));
            prop_assert!(p.others_maintenance.is_none_or(|m| m >= 0.0 && m.is_finite()));
            prop_assert!(p.others_pnl.is_none_or(f64::is_finite));
            prop_assert!(link.notices.len() <= KEYS.len());
        }
    }
}
