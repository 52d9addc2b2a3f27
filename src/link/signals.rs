//! The signals page's link: the ranks at which a signal turns elevated and stretched
//! (`?elevated=80&stretched=95`, percentiles of its own history) and the token whose signals
//! come first (`token=TAO`, from that token's page), typed and parsed once. A bad
//! value, or an elevated threshold over the stretched one, takes the default with a [`Notice`];
//! what a link writes reads back (round-trip tested).

use super::params::{Notice, TOKEN};
use super::values::number;
use tokenrisk_core::signals::Thresholds;

/// Query key of the rank at which a signal turns elevated.
pub const ELEVATED: &str = "elevated";
/// Query key of the rank at which a signal turns stretched.
pub const STRETCHED: &str = "stretched";
/// Every key of the page's link, in the order its query writes them.
pub const KEYS: [&str; 3] = [TOKEN, ELEVATED, STRETCHED];

/// What the signals page's link selects.
#[derive(Debug, Clone, PartialEq)]
pub struct SignalsLink {
    /// The thresholds.
    pub thresholds: Thresholds,
    /// The asset whose signals come first, one of the registry's.
    pub token: Option<String>,
    /// What was wrong with the link, if anything.
    pub notices: Vec<Notice>,
}

impl SignalsLink {
    /// Reads the link's `(key, value)` pairs.
    pub fn parse(pairs: &[(&str, &str)]) -> Self {
        let get = |key: &str| pairs.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
        let mut notices = Vec::new();
        let token = super::values::present(get(TOKEN)).and_then(|t| {
            let known = tokenrisk_market::registry::ASSETS
                .iter()
                .find(|a| a.id.eq_ignore_ascii_case(t))
                .map(|a| a.id.to_owned());
            if known.is_none() {
                notices.push(Notice::UnknownToken {
                    requested: t.to_owned(),
                    shown: "every signal in its usual order".to_owned(),
                });
            }
            known
        });
        let percentile = |v: f64| (0.0..=100.0).contains(&v);
        let default = Thresholds::DEFAULT;
        let elevated = number(
            get(ELEVATED),
            "elevated threshold",
            "a percentile from 0 to 100",
            percentile,
            Some(default.elevated),
            &mut notices,
        )
        .unwrap_or(default.elevated);
        let stretched = number(
            get(STRETCHED),
            "stretched threshold",
            "a percentile from 0 to 100",
            percentile,
            Some(default.stretched),
            &mut notices,
        )
        .unwrap_or(default.stretched);
        let thresholds = Thresholds::new(elevated, stretched).unwrap_or_else(|| {
            notices.push(Notice::BadValue {
                what: "thresholds",
                requested: format!("elevated {elevated}, stretched {stretched}"),
                expected: "the elevated threshold at or under the stretched one",
                shown: format!("{} and {}", default.elevated, default.stretched),
            });
            default
        });
        Self {
            thresholds,
            token,
            notices,
        }
    }

    /// The query this selection writes: the defaults as empty values (left out of the link).
    pub fn query(&self) -> [(&'static str, String); KEYS.len()] {
        let written = |value: f64, default: f64| {
            if value == default {
                String::new()
            } else {
                value.to_string()
            }
        };
        let default = Thresholds::DEFAULT;
        [
            (TOKEN, self.token.clone().unwrap_or_default()),
            (
                ELEVATED,
                written(self.thresholds.elevated, default.elevated),
            ),
            (
                STRETCHED,
                written(self.thresholds.stretched, default.stretched),
            ),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn thresholds_read_from_the_link_or_fall_back_with_a_notice() {
        let link = SignalsLink::parse(&[(ELEVATED, "70"), (STRETCHED, "90")]);
        assert_eq!(link.thresholds, Thresholds::new(70.0, 90.0).expect("valid"));
        assert!(link.notices.is_empty());
        let link = SignalsLink::parse(&[(ELEVATED, "abc"), (STRETCHED, "120")]);
        assert_eq!(link.thresholds, Thresholds::DEFAULT);
        assert_eq!(link.notices.len(), 2);
        let link = SignalsLink::parse(&[(ELEVATED, "96"), (STRETCHED, "90")]);
        assert_eq!(link.thresholds, Thresholds::DEFAULT);
        assert!(matches!(
            link.notices[..],
            [Notice::BadValue {
                what: "thresholds",
                ..
            }]
        ));
        assert_eq!(
            SignalsLink::parse(&[]).query(),
            [
                (TOKEN, String::new()),
                (ELEVATED, String::new()),
                (STRETCHED, String::new())
            ]
        );
        let focused = SignalsLink::parse(&[(TOKEN, "tao")]);
        assert_eq!(
            (focused.token.as_deref(), focused.notices.len()),
            (Some("TAO"), 0)
        );
        let unknown = SignalsLink::parse(&[(TOKEN, "DOGE")]);
        assert_eq!((unknown.token, unknown.notices.len()), (None, 1));
    }

    proptest! {
        #[test]
        fn what_a_link_writes_reads_back(elevated in 0.0..=100.0_f64, more in 0.0..=100.0_f64, text in ".{0,20}") {
            let stretched = elevated + (100.0 - elevated) * more / 100.0;
            let written = SignalsLink::parse(&[(TOKEN, "near"), (ELEVATED, &elevated.to_string()), (STRETCHED, &stretched.to_string())]);
            let pairs: Vec<(&str, String)> = written.query().to_vec();
            let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let read = SignalsLink::parse(&pairs);
            prop_assert_eq!(read.thresholds, written.thresholds);
            prop_assert_eq!(read.token, written.token);
            // Any text opens the page.
            let any = SignalsLink::parse(&[(TOKEN, &text), (ELEVATED, &text), (STRETCHED, &text)]);
            prop_assert!(any.thresholds.elevated <= any.thresholds.stretched);
        }
    }
}
