//! What the combined stress assumes about the markets and the tokens (format version 4): who
//! holds the perpetuals' open interest (the forced-selling leg) and edits of the tokens'
//! tokenomics presets (the supply leg). Their fields, in order, are part of the link's binary
//! layout (see [`super::codec`]).

use super::{ScenarioError, MAX_ASSET_LEN};
use crate::cascade::LeverageMixPreset;
use serde::{Deserialize, Serialize};

/// Most tokens whose tokenomics a scenario edits.
pub const MAX_EDITED_TOKENS: usize = 6;
/// Most edited parameters per token.
pub const MAX_EDITS: usize = 4;
/// Most characters in a parameter's key.
pub const MAX_KEY_LEN: usize = 24;

/// The positions in the held assets' perpetual markets that a shock liquidates.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Positioning {
    /// Share of open interest that is long, in `[0, 1]`.
    pub long_share: f64,
    /// How open interest is spread over leverage.
    pub leverage_mix: LeverageMixPreset,
}

impl Default for Positioning {
    /// 72.5 % long (the middle of the 0.6–0.85 the facts file gives for crashes, §9.3) and the
    /// exchange-retail mix (its default).
    fn default() -> Self {
        Self {
            long_share: 0.725,
            leverage_mix: LeverageMixPreset::ExchangeRetail,
        }
    }
}

/// One parameter of a tokenomics preset set to a value (the preset checks both when it runs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParamEdit {
    /// The parameter's key, e.g. `sell_through`: 1 to [`MAX_KEY_LEN`] characters of `a–z`,
    /// `0–9` and `_`.
    pub key: String,
    /// Its value: finite.
    pub value: f64,
}

/// The edits of one token's tokenomics preset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenomicsEdits {
    /// Asset id (as a holding's).
    pub asset: String,
    /// At most [`MAX_EDITS`] edits, each key once.
    pub edits: Vec<ParamEdit>,
}

/// The value `key` is set to for `asset` in `all`, if it is.
pub fn edited(all: &[TokenomicsEdits], asset: &str, key: &str) -> Option<f64> {
    all.iter()
        .find(|t| t.asset == asset)?
        .edits
        .iter()
        .find(|e| e.key == key)
        .map(|e| e.value)
}

/// `all` with `asset`'s `key` set to `value` (`None` removes the edit, and the token's entry
/// once it has none).
pub fn with_edit(
    all: &[TokenomicsEdits],
    asset: &str,
    key: &str,
    value: Option<f64>,
) -> Vec<TokenomicsEdits> {
    let mut next = all.to_vec();
    let at = match next.iter().position(|t| t.asset == asset) {
        Some(i) => i,
        None => {
            next.push(TokenomicsEdits {
                asset: asset.to_owned(),
                edits: Vec::new(),
            });
            next.len() - 1
        }
    };
    let edits = &mut next[at].edits;
    edits.retain(|e| e.key != key);
    if let Some(value) = value {
        edits.push(ParamEdit {
            key: key.to_owned(),
            value,
        });
    }
    next.retain(|t| !t.edits.is_empty());
    next
}

/// Checks the positioning and the edits: a long share in `[0, 1]`; at most
/// [`MAX_EDITED_TOKENS`] tokens, each once, with an asset id, at most [`MAX_EDITS`] edits of
/// distinct well-formed keys and finite values.
pub(super) fn validate(
    positioning: &Positioning,
    tokenomics: &[TokenomicsEdits],
) -> Result<(), ScenarioError> {
    if !(0.0..=1.0).contains(&positioning.long_share) {
        return Err(ScenarioError::LongShare);
    }
    if tokenomics.len() > MAX_EDITED_TOKENS {
        return Err(ScenarioError::Tokenomics("too many tokens"));
    }
    for (i, t) in tokenomics.iter().enumerate() {
        let id_ok = !t.asset.is_empty()
            && t.asset.chars().count() <= MAX_ASSET_LEN
            && t.asset
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        if !id_ok {
            return Err(ScenarioError::Tokenomics("an asset id"));
        }
        if tokenomics[..i].iter().any(|o| o.asset == t.asset) {
            return Err(ScenarioError::Tokenomics("a token listed twice"));
        }
        if t.edits.len() > MAX_EDITS {
            return Err(ScenarioError::Tokenomics("too many edits of a token"));
        }
        for (j, e) in t.edits.iter().enumerate() {
            let key_ok = !e.key.is_empty()
                && e.key.len() <= MAX_KEY_LEN
                && e.key
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
            if !key_ok {
                return Err(ScenarioError::Tokenomics("a parameter's key"));
            }
            if t.edits[..j].iter().any(|o| o.key == e.key) {
                return Err(ScenarioError::Tokenomics("a parameter set twice"));
            }
            if !e.value.is_finite() {
                return Err(ScenarioError::Tokenomics("a parameter's value"));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(key: &str, value: f64) -> ParamEdit {
        ParamEdit {
            key: key.into(),
            value,
        }
    }

    #[test]
    fn edits_are_set_read_and_removed() {
        let all = with_edit(&[], "TAO", "sell_through", Some(0.5));
        assert_eq!(edited(&all, "TAO", "sell_through"), Some(0.5));
        assert_eq!(edited(&all, "NEAR", "sell_through"), None);
        let all = with_edit(&all, "TAO", "sell_through", Some(0.25));
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].edits, [edit("sell_through", 0.25)]);
        let all = with_edit(&all, "TAO", "sell_through", None);
        assert!(all.is_empty(), "a token without edits leaves the list");
    }

    #[test]
    fn the_rules_refuse_what_a_link_should_not_carry() {
        let ok = Positioning::default();
        let token = |asset: &str, edits: Vec<ParamEdit>| TokenomicsEdits {
            asset: asset.into(),
            edits,
        };
        assert_eq!(
            validate(&ok, &[token("TAO", vec![edit("sell_through", 0.5)])]),
            Ok(())
        );
        for share in [-0.1, 1.1, f64::NAN] {
            let p = Positioning {
                long_share: share,
                ..ok
            };
            assert_eq!(validate(&p, &[]), Err(ScenarioError::LongShare));
        }
        let bad = [
            vec![token("tao", vec![])],
            vec![token("TAO", vec![]), token("TAO", vec![])],
            vec![token("TAO", vec![edit("Sell", 1.0)])],
            vec![token("TAO", vec![edit("", 1.0)])],
            vec![token("TAO", vec![edit(&"k".repeat(MAX_KEY_LEN + 1), 1.0)])],
            vec![token("TAO", vec![edit("a", 1.0), edit("a", 2.0)])],
            vec![token("TAO", vec![edit("a", f64::INFINITY)])],
            vec![token(
                "TAO",
                (0..=MAX_EDITS)
                    .map(|i| edit(&format!("k{i}"), 1.0))
                    .collect(),
            )],
            (0..=MAX_EDITED_TOKENS)
                .map(|i| token(&format!("T{i}"), vec![]))
                .collect(),
        ];
        for list in bad {
            assert!(
                matches!(validate(&ok, &list), Err(ScenarioError::Tokenomics(_))),
                "{list:?}"
            );
        }
    }
}
