//! The tokenomics page's supply: the preset's schedule from the start supply (the link's
//! fields, else CoinGecko's live record, else the preset's sourced anchor run forward), its
//! figures (inflation, new supply, dilution, the staking yield after inflation, the FDV
//! overhang) and its charts (supply stacked by where it comes from, net inflation).
//!
//! Conventions: one step a day, 365 days a year (the core's `tokenomics`); "a year" is the
//! schedule's first 365 days (fewer when the horizon is shorter); dilution is of a holder's
//! share of the **total** supply.

use crate::figures::{Figure, FigureTable};
use crate::format::{compact, percent, price};
use crate::link::tokenomics::TokenomicsLink;
use tokenrisk_charts::{ChartData, Scale, SeriesStyle, StackedAreaData, ValueFormat};
use tokenrisk_core::time::Date;
use tokenrisk_core::tokenomics::{
    schedule_by_component, sellable_within, supply_events, Component, SupplyDay, SupplyEvent,
};
use tokenrisk_market::sources::coingecko::CoinMarket;
use tokenrisk_market::supply_presets::{
    start_supply, Confidence, GivenSupply, Preset, Start, Values,
};

/// A relative step in the daily new supply that counts as an event (5 %).
pub const EVENT_STEP: f64 = 0.05;

/// A preset run from a start supply.
#[derive(Debug, Clone)]
pub struct SupplyView {
    /// The token's preset.
    pub preset: &'static Preset,
    /// Its parameters with the link's edits.
    pub values: Values,
    /// The supply it starts from, and where that comes from.
    pub start: Start,
    /// The first day.
    pub start_date: Date,
    /// The schedule, one entry a day.
    pub days: Vec<SupplyDay>,
    /// The components the preset builds, in the schedule's order.
    pub components: Vec<Component>,
    /// Each component's new supply a day (`by_component[i][d]`).
    pub by_component: Vec<Vec<f64>>,
    /// The steps in the daily new supply ([`EVENT_STEP`]).
    pub events: Vec<SupplyEvent>,
}

/// A component's name on the page.
pub fn component_label(component: &Component) -> &'static str {
    match component {
        Component::HalvingEmission { .. } => "Block emission",
        Component::SupplyInflation { .. } => "Protocol inflation",
        Component::DecliningReward { .. } => "Voting and node rewards",
        Component::YearlyEmission { .. } => "Yearly emission",
        Component::Vesting { .. } => "Vesting unlocks",
        Component::Buyback { burn: true, .. } => "Buyback and burn",
        Component::Buyback { burn: false, .. } => "Buyback to a treasury",
    }
}

/// The supply the user or CoinGecko gives for the start date, with its source and confidence:
/// the link's total (and circulating) supply first, else CoinGecko's live total and
/// circulating supply (circulating capped at the total).
pub fn given_supply(
    link: &TokenomicsLink,
    live: Option<&CoinMarket>,
) -> Option<(GivenSupply, String, Confidence)> {
    if let Some(total) = link.total {
        let given = GivenSupply {
            total,
            circulating: link.circulating,
            issuance: None,
        };
        let source = match link.circulating {
            Some(_) => "the supply entered on this page (in the link)",
            None => "the total supply entered on this page (in the link), all taken as circulating",
        };
        return Some((given, source.to_owned(), Confidence::High));
    }
    Some((
        GivenSupply::from_coin_market(live?)?,
        "CoinGecko's total and circulating supply (/coins/markets), live".to_owned(),
        Confidence::Medium,
    ))
}

/// The link's preset run for its horizon from `today`.
///
/// # Errors
/// A sentence for the page: an edit the preset refuses, no start supply (NEAR and ICP have
/// no sourced one, so without CoinGecko they need the fields), a value the schedule refuses.
pub fn supply_view(
    link: &TokenomicsLink,
    today: Date,
    live: Option<&CoinMarket>,
) -> Result<SupplyView, String> {
    let preset = link.preset();
    let values = preset.values(&link.edits).map_err(|e| e.to_string())?;
    let given = given_supply(link, live);
    let mut start = start_supply(preset, &values, today, given.as_ref().map(|g| g.0))
        .map_err(|e| e.to_string())?;
    if let Some((_, source, confidence)) = given {
        start.source = source;
        start.confidence = confidence;
    }
    let components = preset.components(&values, &start);
    let (days, by_component) = schedule_by_component(today, start.supply, &components, link.days)
        .map_err(|e| e.to_string())?;
    Ok(SupplyView {
        preset,
        values,
        start,
        start_date: today,
        events: supply_events(&days, EVENT_STEP),
        days,
        components,
        by_component,
    })
}

impl PartialEq for SupplyView {
    /// The same preset (by key; a preset holds its builder, which does not compare), values,
    /// start and schedule.
    fn eq(&self, other: &Self) -> bool {
        self.preset.key == other.preset.key
            && self.values == other.values
            && self.start == other.start
            && self.start_date == other.start_date
            && self.days == other.days
            && self.components == other.components
            && self.by_component == other.by_component
            && self.events == other.events
    }
}

impl SupplyView {
    /// The first `n` days (all when the horizon is shorter).
    fn first(&self, n: usize) -> &[SupplyDay] {
        &self.days[..n.min(self.days.len())]
    }

    /// Total supply at the end of the schedule's first year (its last day when shorter).
    fn total_after_year(&self) -> Option<f64> {
        self.first(365).last().map(|d| d.total)
    }

    /// The cap the supply never passes: the preset's maximum supply, where it has one.
    pub fn cap(&self) -> Option<f64> {
        self.preset.max_supply
    }
}

/// The schedule's figures at `price` (USD a token: CoinGecko's, else the last close), with the
/// user's nominal staking yield (percent a year) where given.
pub fn supply_figures(
    view: &SupplyView,
    token_price: Option<f64>,
    staking_yield_pct: Option<f64>,
) -> FigureTable {
    let s = view.start.supply;
    let year = view.first(365);
    let year_days = year.len();
    let new_supply: f64 = year.iter().map(|d| d.emission + d.unlocked).sum();
    let sold: f64 = year.iter().map(|d| d.sold).sum();
    let bought: f64 = year.iter().map(|d| d.bought).sum();
    let unbonding = view.values.get(view.preset, "unbonding_days");
    let sellable_week = view
        .days
        .first()
        .map(|d| sellable_within(d, unbonding, 7.0));
    let growth = view.total_after_year().map(|t| t / s.total - 1.0);
    let dilution = view.total_after_year().map(|t| 1.0 - s.total / t);
    let real_yield = staking_yield_pct
        .zip(growth)
        .map(|(y, g)| (1.0 + y / 100.0) / (1.0 + g) - 1.0);
    let overhang = view.cap().unwrap_or(s.total) - s.circulating;
    let tokens_and_usd = move |tokens: f64| match token_price {
        Some(p) => format!("{} ({} USD)", compact(tokens), compact(tokens * p)),
        None => compact(tokens),
    };
    let year_label = if year_days >= 365 {
        "the next 365 days".to_owned()
    } else {
        format!("the next {year_days} days")
    };
    let figures = vec![
        Figure::new(
            "start_total",
            format!("Total supply on {}", view.start_date),
            Some(s.total),
            compact,
            "Tokens in existence on the start date: see where it comes from below the table.",
        ),
        Figure::new(
            "start_circulating",
            "Circulating supply",
            Some(s.circulating),
            compact,
            "Tokens not locked in vesting or a non-circulating treasury.",
        ),
        Figure::new(
            "inflation_now",
            "Net inflation now, annualised",
            view.days.first().map(|d| d.net_inflation_annualised),
            |v| percent(v, 2),
            "(emission − burn) on the first day ÷ total supply at its start × 365.",
        ),
        Figure::new(
            "new_supply_year",
            format!("New supply over {year_label}"),
            Some(new_supply),
            tokens_and_usd,
            "Σ (emission + unlocked) a day; USD at today's price.",
        ),
        Figure::new(
            "new_supply_share",
            "… as a share of circulating supply",
            (s.circulating > 0.0).then(|| new_supply / s.circulating),
            |v| percent(v, 2),
            "New supply ÷ circulating supply on the start date.",
        ),
        Figure::new(
            "assumed_sold_year",
            format!("Assumed sold over {year_label}"),
            Some(sold),
            tokens_and_usd,
            "Σ new supply × each component's sell-through, an assumption (the parameters below).",
        ),
        Figure::new(
            "bought_back_year",
            format!("Bought back over {year_label}"),
            Some(bought),
            tokens_and_usd,
            "Σ tokens bought on the market a day (RENDER's burn from job revenue); nets against the selling assumed.",
        ),
        Figure::new(
            "sellable_week",
            format!("Circulating supply that can be sold within 7 days (unbonding {unbonding} days)"),
            sellable_week,
            compact,
            "Liquid supply, plus the staked share when its unbonding period is 7 days or less: every staker leaving at once.",
        ),
        Figure::new(
            "supply_growth_year",
            format!("Total supply growth over {year_label}"),
            growth,
            |v| percent(v, 2),
            "T_end ÷ T_start − 1, net of burns.",
        ),
        Figure::new(
            "dilution_year",
            "Dilution of a holder who does not stake",
            dilution,
            |v| percent(v, 2),
            "1 − T_start ÷ T_end: the share of the network a fixed holding loses.",
        ),
        Figure::new(
            "real_staking_yield",
            "Staking yield after inflation",
            real_yield,
            |v| percent(v, 2),
            "(1 + your nominal yield) ÷ (1 + supply growth) − 1 (≈ nominal − inflation); enter your yield above.",
        ),
        Figure::new(
            "fdv_overhang",
            match view.cap() {
                Some(_) => "Overhang: maximum supply not circulating",
                None => "Overhang: total supply not circulating (no maximum)",
            },
            Some(overhang.max(0.0)),
            tokens_and_usd,
            "(maximum or total supply − circulating) tokens; FDV − market cap in USD.",
        ),
        Figure::new(
            "price",
            "Price used",
            token_price,
            price,
            "CoinGecko's current price, else the last bundled close.",
        ),
    ];
    FigureTable {
        caption: format!(
            "{} supply from {} over {} days",
            view.preset.asset,
            view.start_date,
            view.days.len()
        ),
        figures,
    }
}

/// The supply stacked by where it comes from: the start supply less what is burnt, then each
/// minting component's cumulative new supply (vesting moves tokens from locked to
/// circulating, so it shows in the circulating line, not as a band, and a buyback's burn is in
/// the burns); circulating supply, the
/// liquid supply where some is staked, and the cap as lines; halvings marked.
pub fn supply_chart(view: &SupplyView) -> StackedAreaData {
    let times: Vec<i64> = view.days.iter().map(|d| d.date.to_unix()).collect();
    let mut burnt = 0.0;
    let base: Vec<f64> = view
        .days
        .iter()
        .map(|d| {
            burnt += d.burn;
            view.start.supply.total - burnt
        })
        .collect();
    let mut layers = vec![(format!("Supply on {} less burns", view.start_date), base)];
    for (component, flows) in view.components.iter().zip(&view.by_component) {
        // Unlocks and buybacks mint nothing: they show in the circulating line and the burns.
        if matches!(
            component,
            Component::Vesting { .. } | Component::Buyback { .. }
        ) {
            continue;
        }
        let cumulative: Vec<f64> = flows
            .iter()
            .scan(0.0, |sum, x| {
                *sum += x;
                Some(*sum)
            })
            .collect();
        layers.push((component_label(component).to_owned(), cumulative));
    }
    let mut lines = vec![(
        "Circulating".to_owned(),
        view.days.iter().map(|d| d.circulating).collect(),
    )];
    if view.start.supply.staked_share > 0.0 {
        lines.push((
            "Liquid (not staked)".to_owned(),
            view.days.iter().map(|d| d.liquid).collect(),
        ));
    }
    if let Some(cap) = view.cap() {
        lines.push(("Maximum supply".to_owned(), vec![cap; times.len()]));
    }
    let markers = view
        .events
        .iter()
        .filter(|e| e.halving)
        .map(|e| ("Halving".to_owned(), e.date.to_unix()))
        .collect();
    StackedAreaData {
        label: format!("{} total supply", view.preset.asset),
        times,
        layers,
        lines,
        markers,
        format: ValueFormat::Compact,
    }
}

/// Net inflation a day, annualised, as a line.
pub fn inflation_chart(view: &SupplyView) -> ChartData {
    ChartData {
        label: format!("{} net inflation, annualised", view.preset.asset),
        times: view.days.iter().map(|d| d.date.to_unix()).collect(),
        values: view
            .days
            .iter()
            .map(|d| d.net_inflation_annualised)
            .collect(),
        format: ValueFormat::Percent,
        style: SeriesStyle::Line,
        window: None,
        scale: Scale::Linear,
    }
}

/// Where the start supply comes from, in a sentence with its confidence.
pub fn start_caption(view: &SupplyView) -> String {
    format!(
        "Start supply on {}: {} (confidence: {}).",
        view.start_date,
        view.start.source,
        view.start.confidence.label()
    )
}
