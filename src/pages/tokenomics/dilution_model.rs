//! The price beside the dilution-adjusted price over the last year of daily closes: what a
//! holder's share of the network did, not just the price. The total supply over that year is
//! reconstructed from the start supply by the preset's own rules
//! ([`tokenrisk_core::tokenomics::backcast_totals`]); the adjusted price is
//! `p_t · T₀ / T_t` ([`tokenrisk_core::tokenomics::dilution_adjusted`]).

use super::model::SupplyView;
use crate::format::percent;
use tokenrisk_charts::{ComparisonData, Scale, ValueFormat};
use tokenrisk_core::time::Date;
use tokenrisk_core::tokenomics::{backcast_totals, dilution_adjusted, MAX_DAYS};
use tokenrisk_core::PriceSeries;
use tokenrisk_market::supply_presets::Start;

/// Closes the chart covers: a year.
pub const WINDOW_DAYS: usize = 365;

/// The chart and its caption.
#[derive(Debug, Clone, PartialEq)]
pub struct Dilution {
    /// The price and the dilution-adjusted price, indexed to 100 at the first close.
    pub chart: ComparisonData,
    /// Price return, dilution-adjusted return and supply growth over the window.
    pub caption: String,
    /// `(price return, dilution-adjusted return)` over the window.
    pub returns: (f64, f64),
}

/// The last [`WINDOW_DAYS`] closes of `prices` against the supply run back from the view's
/// start supply to their first day.
///
/// # Errors
/// A sentence for the page: fewer than two closes, closes after the start date, a window of
/// more than 20 years, or a supply the reconstruction cannot reach.
pub fn dilution(view: &SupplyView, prices: &PriceSeries) -> Result<Dilution, String> {
    let times = prices.times();
    let from = times.len().saturating_sub(WINDOW_DAYS);
    let (times, closes) = (&times[from..], &prices.values()[from..]);
    if times.len() < 2 {
        return Err("fewer than two daily closes to compare".to_owned());
    }
    let first = Date::from_unix(times[0]);
    let span = view.start_date.days() - first.days();
    let span = usize::try_from(span)
        .ok()
        .filter(|s| (1..=MAX_DAYS).contains(s))
        .ok_or_else(|| {
            format!(
                "the closes start on {first}, not within 20 years before the supply's start date {}",
                view.start_date
            )
        })?;
    let totals = backcast_totals(first, span, view.start.supply.total, |x| {
        let start = Start {
            issuance: x,
            ..view.start.clone()
        };
        view.preset.components(&view.values, &start)
    })
    .map_err(|e| {
        format!(
            "the supply before {} cannot be reconstructed: {e}",
            view.start_date
        )
    })?;
    // The close of day t pairs with the total at the end of day t (`totals[t − first]`).
    let at: Vec<f64> = times
        .iter()
        .map(|t| {
            let i = (Date::from_unix(*t).days() - first.days()) as usize;
            totals.get(i).copied().unwrap_or(view.start.supply.total)
        })
        .collect();
    let adjusted = dilution_adjusted(closes, &at).ok_or("no supply on the first day")?;
    let n = closes.len() - 1;
    let returns = (closes[n] / closes[0] - 1.0, adjusted[n] / adjusted[0] - 1.0);
    let asset = view.preset.asset;
    Ok(Dilution {
        caption: format!(
            "From {} to {}: the price {}, a constant share of the network {}; total supply {} (reconstructed from the start supply by this page's parameters).",
            first,
            Date::from_unix(times[n]),
            percent(returns.0, 1),
            percent(returns.1, 1),
            percent(at[n] / at[0] - 1.0, 2),
        ),
        chart: ComparisonData {
            times: times.to_vec(),
            lines: vec![
                (format!("{asset} price"), closes.to_vec(), false),
                (
                    format!("{asset} dilution-adjusted (share of total supply)"),
                    adjusted,
                    true,
                ),
            ],
            format: ValueFormat::Price,
            window: None,
            scale: Scale::Indexed,
        },
        returns,
    })
}
