//! The five presets. Each value's source is the `source` of its [`Param`]; the section numbers
//! are those of `shared/design/facts-2026.md`, which names the commits and pages read.

use super::{Anchor, Confidence, Param, Preset, Unit};
use tokenrisk_core::time::Date;
use tokenrisk_core::tokenomics::Component;

/// The presets, in the registry's order of the AI tokens.
pub static PRESETS: [Preset; 5] = [TAO, NEAR, ICP, RENDER, FET];

fn date(iso: &str) -> Date {
    Date::parse_iso(iso).expect("a preset's dates are ISO")
}

const SELL_THROUGH: Param = Param {
    key: "sell_through",
    label: "Share of new supply assumed sold",
    unit: Unit::Share,
    default: 1.0,
    source: "An assumption, not a fact: 1 (every new token sold) is the worst case; set your own",
    confidence: Confidence::Assumption,
};

const STAKED_SHARE: Param = Param {
    key: "staked_share",
    label: "Share of circulating supply staked",
    unit: Unit::Share,
    default: 0.0,
    source:
        "Not in the sourced facts: 0 counts every circulating token as liquid; set the share staked",
    confidence: Confidence::Assumption,
};

const UNBONDING_DAYS: Param = Param {
    key: "unbonding_days",
    label: "Days from unstaking to tokens that can be sold",
    unit: Unit::Days,
    default: 0.0,
    source: "Not in the sourced facts: 0 lets staked tokens reach the market at once; set the chain's unbonding period",
    confidence: Confidence::Assumption,
};

const TAO: Preset = Preset {
    key: "tao",
    asset: "TAO",
    params: &[
        Param {
            key: "base_per_day",
            label: "Emission a day below half the cap",
            unit: Unit::TokensPerDay,
            default: 7_200.0,
            source: "subtensor block_emission.rs: DefaultBlockEmission 1 TAO a block, 7,200 blocks a day (§1.1)",
            confidence: Confidence::High,
        },
        Param {
            key: "cap",
            label: "Issuance cap",
            unit: Unit::Tokens,
            default: 21_000_000.0,
            source: "subtensor lib.rs TotalSupply, 21 M TAO (§1.1)",
            confidence: Confidence::High,
        },
        Param {
            key: "recycled_per_day",
            label: "Recycled a day (lowers issuance, delays halvings)",
            unit: Unit::TokensPerDay,
            default: 0.0,
            source: "subtensor coinbase/tao.rs recycle_tao lowers TotalIssuance; about 0–400 TAO a day (§1.4); 0 gives the earliest halvings",
            confidence: Confidence::Low,
        },
        Param {
            key: "burned_per_day",
            label: "Burnt a day (leaves supply, stays in issuance)",
            unit: Unit::TokensPerDay,
            default: 0.0,
            source: "subtensor coinbase/tao.rs burn_tao leaves TotalIssuance unchanged (§1.1); the amount is not sourced",
            confidence: Confidence::Low,
        },
        SELL_THROUGH,
        STAKED_SHARE,
        UNBONDING_DAYS,
    ],
    anchor: Some(Anchor {
        date: "2025-12-15",
        total: 10_500_000.0,
        locked: None,
        source: "Issuance 10.5 M TAO at the first halving (block 7,103,976), by the halving rule (§1.2); burnt TAO not subtracted, none locked",
        confidence: Confidence::High,
    }),
    max_supply: Some(21_000_000.0),
    notes: &[
        "Halvings follow issuance, not blocks: at 10.5 M, 15.75 M, 18.375 M … TAO issued.",
        "Under dTAO the emission goes to subnet pools (or buys alpha); miners and validators receive alpha and sell TAO only by unstaking: new supply is not selling pressure, so the share sold is a separate assumption.",
    ],
    build: |p, v, issuance| {
        vec![Component::HalvingEmission {
            issuance,
            base_per_day: v.get(p, "base_per_day"),
            cap: v.get(p, "cap"),
            recycled_per_day: v.get(p, "recycled_per_day"),
            burned_per_day: v.get(p, "burned_per_day"),
            sell_through: v.get(p, "sell_through"),
        }]
    },
};

const NEAR: Preset = Preset {
    key: "near",
    asset: "NEAR",
    params: &[
        Param {
            key: "rate_before",
            label: "Inflation before protocol 81",
            unit: Unit::PerYear,
            default: 0.05,
            source: "nearcore epoch configs before 81.json: max_inflation_rate 1/20 (§2.2)",
            confidence: Confidence::High,
        },
        Param {
            key: "rate",
            label: "Inflation from protocol 81 (2025-10-30)",
            unit: Unit::PerYear,
            default: 0.025,
            source: "nearcore epoch_configs/mainnet/81.json: max_inflation_rate 1/40, live about 2025-10-30 (§2.2)",
            confidence: Confidence::High,
        },
        Param {
            key: "treasury_share",
            label: "Share of the mint to the treasury",
            unit: Unit::Share,
            default: 0.1,
            source: "nearcore reward_calculator.rs: protocol_reward_rate 1/10 to the account near (§2.1)",
            confidence: Confidence::High,
        },
        Param {
            key: "burn_rate",
            label: "Fees burnt a year, of supply",
            unit: Unit::PerYear,
            default: 0.001,
            source: "About 0.1 % of supply a year, HSP proposal (gov.near.org/t/41140) (§2.3)",
            confidence: Confidence::Medium,
        },
        SELL_THROUGH,
        STAKED_SHARE,
        UNBONDING_DAYS,
    ],
    anchor: None,
    max_supply: None,
    notes: &[
        "Minting is time-based (per epoch) and at most the rate: validators below 99 % uptime earn less and the shortfall is never minted, so the schedule is an upper bound.",
        "The treasury's tenth of the mint is counted in total supply but not in circulation.",
    ],
    build: |p, v, _| {
        vec![Component::SupplyInflation {
            rates: vec![
                (date("2020-04-22"), v.get(p, "rate_before")),
                (date("2025-10-30"), v.get(p, "rate")),
            ],
            treasury_share: v.get(p, "treasury_share"),
            treasury_circulates: false,
            burn_rate: v.get(p, "burn_rate"),
            sell_through: v.get(p, "sell_through"),
        }]
    },
};

const ICP: Preset = Preset {
    key: "icp",
    asset: "ICP",
    params: &[
        Param {
            key: "start_rate",
            label: "Voting-reward rate at genesis (2021-05-10)",
            unit: Unit::PerYear,
            default: 0.10,
            source: "dfinity/ic rs/nns/governance/src/reward/calculation.rs: R0 10 % (§3.1)",
            confidence: Confidence::High,
        },
        Param {
            key: "floor_rate",
            label: "Voting-reward rate after 8 years",
            unit: Unit::PerYear,
            default: 0.05,
            source: "calculation.rs: Rf 5 % (§3.1)",
            confidence: Confidence::High,
        },
        Param {
            key: "decline_days",
            label: "Days from genesis to the floor",
            unit: Unit::Days,
            default: 2_922.0,
            source: "calculation.rs: 8 × 365.25 days (§3.1)",
            confidence: Confidence::High,
        },
        Param {
            key: "adjustment_factor",
            label: "Mission 70 factor on voting rewards (from 2026-04-23)",
            unit: Unit::Share,
            default: 0.6329,
            source: "dfinity/ic PR #9831 (63.29 %), enabled by PR #9923, on mainnet 2026-04-23 (§3.1)",
            confidence: Confidence::High,
        },
        Param {
            key: "node_provider_rate",
            label: "Node-provider rewards a year, of supply",
            unit: Unit::PerYear,
            default: 0.0384,
            source: "Mission 70 white paper (2026-01-14): 3.84 % a year (§3.2)",
            confidence: Confidence::Medium,
        },
        Param {
            key: "burn_rate",
            label: "Cycles and fees burnt a year, of supply",
            unit: Unit::PerYear,
            default: 0.0,
            source: "Not sourced as a rate (§3.2 gives a burn target in XDR a second): set yours",
            confidence: Confidence::Assumption,
        },
        SELL_THROUGH,
        STAKED_SHARE,
        Param {
            key: "unbonding_days",
            label: "Days from unstaking to tokens that can be sold",
            unit: Unit::Days,
            default: 14.0,
            source: "The shortest dissolve delay a voting neuron may have, 2 weeks since Mission 70 (PR #9880, §3.1): staked ICP reaches the market no sooner",
            confidence: Confidence::Medium,
        },
    ],
    anchor: None,
    max_supply: None,
    notes: &[
        "Voting rewards become neuron maturity and are minted only when disbursed: the schedule counts them when they accrue, an upper bound on the mint.",
    ],
    build: |p, v, _| {
        vec![Component::DecliningReward {
            genesis: date("2021-05-10"),
            start_rate: v.get(p, "start_rate"),
            floor_rate: v.get(p, "floor_rate"),
            decline_days: v.get(p, "decline_days"),
            factors: vec![(date("2026-04-23"), v.get(p, "adjustment_factor"))],
            other_rate: v.get(p, "node_provider_rate"),
            burn_rate: v.get(p, "burn_rate"),
            sell_through: v.get(p, "sell_through"),
        }]
    },
};

const RENDER: Preset = Preset {
    key: "render",
    asset: "RENDER",
    params: &[
        Param {
            key: "year1",
            label: "Emission in year 1 (from 2023-12-20)",
            unit: Unit::Tokens,
            default: 9_126_804.0,
            source: "RNP-006: the full first-year emissions, 9,126,804 RENDER (§4)",
            confidence: Confidence::High,
        },
        Param {
            key: "year2",
            label: "Emission in year 2",
            unit: Unit::Tokens,
            default: 5_900_000.0,
            source: "RNP-018: year 2 = 5.9 M RENDER (§4)",
            confidence: Confidence::High,
        },
        Param {
            key: "year3",
            label: "Emission in year 3",
            unit: Unit::Tokens,
            default: 5_900_000.0,
            source: "RNP-022: year 3 (2026) = 5.9 M RENDER (§4)",
            confidence: Confidence::High,
        },
        Param {
            key: "year4",
            label: "Emission in year 4",
            unit: Unit::Tokens,
            default: 5_900_000.0,
            source: "Not published in the RNPs; taken flat at 5.9 M (§4)",
            confidence: Confidence::Low,
        },
        Param {
            key: "year5",
            label: "Emission in year 5",
            unit: Unit::Tokens,
            default: 5_900_000.0,
            source: "Not published in the RNPs; taken flat at 5.9 M (§4)",
            confidence: Confidence::Low,
        },
        Param {
            key: "damping",
            label: "Factor a year after year 5",
            unit: Unit::Share,
            default: 0.945,
            source: "RNP-001: growth phase from year 5 with a damping coefficient of 0.945 (§4)",
            confidence: Confidence::High,
        },
        Param {
            key: "max_supply",
            label: "Maximum supply",
            unit: Unit::Tokens,
            default: 644_245_094.0,
            source: "RNP-001: 536,870,912 legacy + 107,374,182 emission = 644,245,094 (§4)",
            confidence: Confidence::High,
        },
        Param {
            key: "burned_per_day",
            label: "Bought and burnt a day from job revenue",
            unit: Unit::TokensPerDay,
            default: 0.0,
            source: "95 % of job revenue buys RENDER and burns it (RNP-019); revenue not sourced: 0 makes the supply an upper bound",
            confidence: Confidence::Assumption,
        },
        SELL_THROUGH,
        STAKED_SHARE,
        UNBONDING_DAYS,
    ],
    anchor: Some(Anchor {
        date: "2023-12-20",
        total: 536_870_912.0,
        locked: None,
        source: "The legacy supply of 536,870,912 RENDER when burn-and-mint went live on 2023-12-20 (RNP-001, §4); all taken as circulating",
        confidence: Confidence::Medium,
    }),
    max_supply: Some(644_245_094.0),
    notes: &[
        "Burn-and-mint: emissions add supply, jobs paid in RENDER burn it; with the burn unknown, the supply shown is an upper bound.",
        "The burn is RENDER bought on the market with job revenue: the absorption table nets it against the selling assumed.",
    ],
    build: |p, v, _| {
        vec![Component::YearlyEmission {
            start: date("2023-12-20"),
            yearly: ["year1", "year2", "year3", "year4", "year5"]
                .iter()
                .map(|k| v.get(p, k))
                .collect(),
            damping: v.get(p, "damping"),
            max_supply: v.get(p, "max_supply"),
            burned_per_day: 0.0,
            sell_through: v.get(p, "sell_through"),
        },
        // The burn is bought on the market with job revenue: buying, not only less supply.
        Component::Buyback {
            tokens_per_day: v.get(p, "burned_per_day"),
            burn: true,
        }]
    },
};

/// 270 M unconverted OCEAN × 0.433226 FET per OCEAN (§5).
const OCEAN_CLAIM_FET: f64 = 116_971_020.0;

const FET: Preset = Preset {
    key: "fet",
    asset: "FET",
    params: &[
        Param {
            key: "claim",
            label: "Unconverted OCEAN claim, in FET",
            unit: Unit::Tokens,
            default: OCEAN_CLAIM_FET,
            source: "About 270 M OCEAN unconverted at the Ocean exit (2025-10-09) × 0.433226 (§5)",
            confidence: Confidence::Medium,
        },
        Param {
            key: "claim_days",
            label: "Days over which the claim converts",
            unit: Unit::Days,
            default: 365.0,
            source: "The bridge stays open; the pace of conversion is not sourced: one year evenly (§5)",
            confidence: Confidence::Assumption,
        },
        SELL_THROUGH,
        STAKED_SHARE,
        UNBONDING_DAYS,
    ],
    anchor: Some(Anchor {
        date: "2025-10-09",
        total: 2_630_547_141.0,
        locked: Some("claim"),
        source: "Total supply 2,630,547,141 FET after the merger (fetch.ai, 2024-05-03), less the unconverted OCEAN claim at the Ocean exit (§5)",
        confidence: Confidence::Medium,
    }),
    max_supply: Some(2_630_547_141.0),
    notes: &[
        "No protocol emission on the FET token: the risk is holders' unlocks and sales (treasuries, the Ocean-linked wallets), not new tokens.",
    ],
    build: |p, v, _| {
        vec![Component::Vesting {
            amount: v.get(p, "claim"),
            start: date("2025-10-09"),
            cliff_days: 0.0,
            duration_days: v.get(p, "claim_days"),
            step_days: 0.0,
            sell_through: v.get(p, "sell_through"),
        }]
    },
};
