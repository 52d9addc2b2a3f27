//! The supply leg of the combined stress: the new supply of each held token that its
//! tokenomics preset assumes is sold within the horizon, and the fall that selling causes,
//! by the square-root law of market impact (`tokenrisk_core::illiquidity::square_root_impact`).
//!
//! Conventions: the horizon is the Monte Carlo's (the scenario's `simulation.horizon_days`),
//! from the holdings' last close; the schedule is the token's preset (the tokenomics page's:
//! emission, unlocks, burns, staking and each component's assumed sell-through, at its
//! default values but for the scenario's edits, `Scenario::tokenomics`), from CoinGecko's total and circulating supply when there is an answer, else
//! the preset's sourced anchor run forward; the net selling is `max(sold − bought, 0)` over the
//! window, valued at the last close. The fall is `I = y · σ · √(Q / ADV)` with `y` =
//! [`IMPACT_Y`], `σ` the standard deviation (ddof 1) of the last [`VOLATILITY_DAYS`] daily
//! simple returns, `Q` the net selling and `ADV` the mean daily traded value of the last
//! [`ADV_DAYS`] days in the data, both in USD: the peak impact when the selling ends, an order
//! of magnitude (the law is measured for orders up to a few days' volume).

use crate::data::AssetSeries;
use crate::format::{compact, percent};
use tokenrisk_core::illiquidity::square_root_impact;
use tokenrisk_core::returns::simple_returns;
use tokenrisk_core::scenario::ParamEdit;
use tokenrisk_core::stats::sample_std;
use tokenrisk_core::time::Date;
use tokenrisk_core::tokenomics::supply_window;
use tokenrisk_market::sources::coingecko::CoinMarket;
use tokenrisk_market::supply_presets::{for_asset, start_supply, GivenSupply};

/// The square-root law's constant: of order one (Tóth et al. 2011).
pub const IMPACT_Y: f64 = 1.0;
/// Daily returns the volatility is measured on.
pub const VOLATILITY_DAYS: usize = 90;
/// Days of traded value the average daily volume is the mean of (the tokenomics page's).
pub const ADV_DAYS: usize = 30;

/// What new supply does to one token within the horizon.
#[derive(Debug, Clone, PartialEq)]
pub struct SupplyPressure {
    /// Asset id.
    pub asset: String,
    /// Days of the window.
    pub days: usize,
    /// Tokens assumed sold, net of buybacks.
    pub net_sold: f64,
    /// … in USD at the last close.
    pub net_sold_usd: f64,
    /// Mean daily traded value, USD.
    pub adv_usd: f64,
    /// Daily volatility, a fraction.
    pub daily_volatility: f64,
    /// The move it causes: `−I`.
    pub added: f64,
    /// Where the start supply comes from.
    pub start_source: String,
}

/// The mean daily traded value in USD of the last [`ADV_DAYS`] days of `series`' volume (a
/// volume counted in the asset's units or in shares is valued at the last close).
fn adv_usd(series: &AssetSeries, close: f64) -> Result<f64, String> {
    let volume = series
        .volume
        .as_ref()
        .ok_or_else(|| format!("no daily volume for {} in the data", series.id))?;
    let last = &volume.values[volume.values.len().saturating_sub(ADV_DAYS)..];
    if last.len() < ADV_DAYS {
        return Err(format!(
            "{} days of volume for {} in the data; {ADV_DAYS} are needed",
            last.len(),
            series.id
        ));
    }
    let mean = last.iter().sum::<f64>() / last.len() as f64;
    let in_units = volume.unit == series.id || volume.unit == "shares";
    let usd = if in_units { mean * close } else { mean };
    (usd.is_finite() && usd > 0.0)
        .then_some(usd)
        .ok_or_else(|| {
            format!(
                "no traded volume for {} in the last {ADV_DAYS} days",
                series.id
            )
        })
}

/// The supply leg of `series`' token over `horizon` days from `today` (its last close), its
/// preset's parameters set as `edits` says, from CoinGecko's supply `live` when there is one;
/// `Ok(None)` for an asset with no tokenomics preset.
///
/// # Errors
/// A sentence when an edit names a parameter the preset lacks, the preset cannot start (no
/// supply for NEAR or ICP without CoinGecko) or refuses a value, or the data has too few
/// closes or no volume.
pub fn supply_pressure(
    series: &AssetSeries,
    today: Date,
    horizon: usize,
    live: Option<&CoinMarket>,
    edits: &[ParamEdit],
) -> Result<Option<SupplyPressure>, String> {
    let Some(preset) = for_asset(&series.id) else {
        return Ok(None);
    };
    let pairs: Vec<(String, f64)> = edits.iter().map(|e| (e.key.clone(), e.value)).collect();
    let values = preset.values(&pairs).map_err(|e| e.to_string())?;
    let given = live.and_then(GivenSupply::from_coin_market);
    let start = start_supply(preset, &values, today, given).map_err(|e| e.to_string())?;
    let start_source = if given.is_some() {
        "CoinGecko's total and circulating supply, live".to_owned()
    } else {
        start.source.clone()
    };
    let days = preset
        .run(&values, today, &start, horizon)
        .map_err(|e| e.to_string())?;
    let window = supply_window(&days, 0, horizon).ok_or("an empty supply window")?;
    let closes = series.prices.values();
    let close = *closes.last().ok_or("no closes")?;
    let recent = &closes[closes.len().saturating_sub(VOLATILITY_DAYS + 1)..];
    if recent.len() < VOLATILITY_DAYS + 1 {
        return Err(format!(
            "{} closes of {} in the data; {} are needed for its daily volatility",
            recent.len(),
            series.id,
            VOLATILITY_DAYS + 1
        ));
    }
    let sigma = sample_std(&simple_returns(recent)).map_err(|e| e.to_string())?;
    let adv = adv_usd(series, close)?;
    let net_sold = window.net_sold();
    let impact = square_root_impact(net_sold * close, adv, sigma, IMPACT_Y)
        .ok_or("the supply or the volume is not a number")?;
    Ok(Some(SupplyPressure {
        asset: series.id.clone(),
        days: window.days,
        net_sold,
        net_sold_usd: net_sold * close,
        adv_usd: adv,
        daily_volatility: sigma,
        added: -impact,
        start_source,
    }))
}

/// Column headers of [`supply_cells`].
pub const SUPPLY_HEADERS: [&str; 5] = [
    "Token",
    "Sold within the horizon",
    "Against a day's volume",
    "Daily volatility",
    "Fall it causes",
];

/// A token's cells: its pressure, no preset, or why there is no number.
pub fn supply_cells(p: &Result<Option<SupplyPressure>, String>, asset: &str) -> [String; 5] {
    let dash = || "—".to_owned();
    match p {
        Err(why) => [asset.to_owned(), why.clone(), dash(), dash(), dash()],
        Ok(None) => [
            asset.to_owned(),
            "no tokenomics preset: none modelled".into(),
            dash(),
            dash(),
            "0.00%".into(),
        ],
        Ok(Some(p)) => [
            p.asset.clone(),
            format!(
                "{} tokens ({} USD) over {} days",
                compact(p.net_sold),
                compact(p.net_sold_usd),
                p.days
            ),
            format!(
                "{:.2}× ({} USD a day)",
                p.net_sold_usd / p.adv_usd,
                compact(p.adv_usd)
            ),
            percent(p.daily_volatility, 2),
            percent(p.added, 2),
        ],
    }
}

/// What the leg rests on, one sentence each.
pub fn supply_assumptions(horizon: usize) -> Vec<String> {
    vec![
        format!("New supply over the Monte Carlo's horizon, {horizon} days from the last close: each token's tokenomics preset (emission, unlocks, burns, staking, and the share of each sold: every new token by default, the worst case; set a token's share here, kept in the link), from CoinGecko's supply when it answers, else the preset's sourced start; the tokenomics page shows every parameter and its source."),
        format!("The fall is the square-root law of market impact, y · σ · √(sold ÷ a day's volume) with y = {IMPACT_Y} (Tóth et al. 2011; Bouchaud et al. 2018), σ the standard deviation of the last {VOLATILITY_DAYS} daily returns and a day's volume the mean traded value of the last {ADV_DAYS} days in the data: the peak when the selling ends, an order of magnitude."),
    ]
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::pages::portfolio::tests::dataset;

    #[test]
    fn taos_new_supply_sold_within_the_horizon_and_its_fall() {
        let d = dataset();
        let tao = d.get("TAO").expect("TAO");
        let today = Date::from_unix(*tao.prices.times().last().expect("a close"));
        let p = supply_pressure(tao, today, 90, None, &[])
            .expect("TAO has a sourced start")
            .expect("and a preset");
        // The same window straight from the preset.
        let preset = for_asset("TAO").expect("preset");
        let values = preset.defaults();
        let start = start_supply(preset, &values, today, None).expect("anchor");
        let days = preset.run(&values, today, &start, 90).expect("runs");
        let window = supply_window(&days, 0, 90).expect("a window");
        assert_eq!((p.days, p.net_sold), (90, window.net_sold()));
        assert!(p.net_sold > 0.0, "TAO's emission is partly sold");
        // σ of the last 90 returns and the mean of the last 30 volumes, computed here.
        let closes = tao.prices.values();
        let r: Vec<f64> = closes[closes.len() - 91..]
            .windows(2)
            .map(|w| w[1] / w[0] - 1.0)
            .collect();
        let mean = r.iter().sum::<f64>() / 90.0;
        let sigma = (r.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / 89.0).sqrt();
        assert!((p.daily_volatility - sigma).abs() < 1e-12);
        let v = &tao.volume.as_ref().expect("volume").values;
        let adv = v[v.len() - 30..].iter().sum::<f64>() / 30.0;
        assert!((p.adv_usd - adv).abs() < 1e-9 * adv);
        let close = closes[closes.len() - 1];
        let fall = sigma * (p.net_sold * close / adv).sqrt();
        assert!((p.added + fall).abs() < 1e-12, "{} vs {}", p.added, -fall);
        // A longer horizon sells more and falls further.
        let year = supply_pressure(tao, today, 365, None, &[])
            .expect("runs")
            .expect("preset");
        assert!(year.net_sold > p.net_sold && year.added < p.added);
        // Half the new supply sold: half the tokens, a fall √2 smaller.
        let half = [ParamEdit {
            key: "sell_through".into(),
            value: 0.5,
        }];
        let h = supply_pressure(tao, today, 90, None, &half)
            .expect("runs")
            .expect("preset");
        assert!((h.net_sold - p.net_sold / 2.0).abs() < 1e-9 * p.net_sold);
        assert!((h.added - p.added / 2f64.sqrt()).abs() < 1e-12);
        // A key the preset lacks is named.
        let typo = [ParamEdit {
            key: "sell_thru".into(),
            value: 0.5,
        }];
        let why = supply_pressure(tao, today, 90, None, &typo).expect_err("unknown key");
        assert!(why.contains("sell_thru"), "{why}");
    }

    #[test]
    fn no_preset_no_volume_or_no_start_says_so() {
        let d = dataset();
        let btc = d.get("BTC").expect("BTC");
        let today = Date::from_unix(*btc.prices.times().last().expect("a close"));
        assert_eq!(supply_pressure(btc, today, 90, None, &[]), Ok(None));
        assert_eq!(supply_cells(&Ok(None), "BTC")[4], "0.00%");
        // NEAR has no sourced start supply: without CoinGecko it cannot start.
        let near = d.get("NEAR").expect("NEAR");
        let why = supply_pressure(near, today, 90, None, &[]).expect_err("no start");
        assert!(!why.is_empty());
        assert_eq!(supply_cells(&Err(why.clone()), "NEAR")[1], why);
        // Without volume in the data, the row says so.
        let mut bare = d.get("TAO").expect("TAO").clone();
        bare.volume = None;
        let why = supply_pressure(&bare, today, 90, None, &[]).expect_err("no volume");
        assert!(why.contains("no daily volume"), "{why}");
    }
}
