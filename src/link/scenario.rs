//! The scenario a link's fragment carries (`#s=…`, the core's versioned, compressed codec),
//! with the one last edited in this browser as the fallback: holdings travel in the fragment,
//! which browsers never send to a server, and stay in this browser's storage, never anywhere
//! else.
//!
//! Reading never fails: a link whose scenario cannot be opened (damaged, cut short, from a
//! newer version, invalid) gives the default scenario and a notice saying why, and leaves the
//! scenario kept in this browser as it was (it is only written when the user edits).

use tokenrisk_core::scenario::{decode, Scenario};

/// Where this browser keeps the last scenario edited (its fragment payload).
pub const STORAGE_KEY: &str = "token-risk-lab.v1.scenario";

/// Where the scenario shown came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The link's fragment.
    Link,
    /// This browser's last edited scenario (the link had none).
    Saved,
    /// Neither: the default.
    Default,
}

/// The scenario to show, where it came from, and what the user should know about it.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioLink {
    /// The scenario.
    pub scenario: Scenario,
    /// Where it came from.
    pub origin: Origin,
    /// Why a link or a saved scenario could not be used, as a sentence.
    pub notice: Option<String>,
}

/// The scenario of `fragment` (the URL's part after `#`, with or without it), else of `saved`
/// (this browser's kept payload), else the default.
pub fn read(fragment: &str, saved: Option<&str>) -> ScenarioLink {
    let fragment = fragment.trim_start_matches('#');
    if !fragment.is_empty() {
        return match decode(fragment) {
            Ok(scenario) => ScenarioLink {
                scenario,
                origin: Origin::Link,
                notice: None,
            },
            Err(e) => ScenarioLink {
                scenario: Scenario::default(),
                origin: Origin::Default,
                notice: Some(format!(
                    "This link's portfolio could not be opened: {e}. The default scenario is shown; the portfolio kept in this browser is unchanged."
                )),
            },
        };
    }
    match saved.filter(|s| !s.is_empty()).map(decode) {
        Some(Ok(scenario)) => ScenarioLink {
            scenario,
            origin: Origin::Saved,
            notice: None,
        },
        Some(Err(e)) => ScenarioLink {
            scenario: Scenario::default(),
            origin: Origin::Default,
            notice: Some(format!(
                "The portfolio kept in this browser could not be read: {e}. The default scenario is shown."
            )),
        },
        None => ScenarioLink {
            scenario: Scenario::default(),
            origin: Origin::Default,
            notice: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokenrisk_core::scenario::{encode, to_fragment, Holding};

    fn mine() -> Scenario {
        Scenario {
            holdings: vec![Holding::spot("TAO", 10.0)],
            ..Scenario::default()
        }
    }

    #[test]
    fn the_link_wins_then_the_browser_then_the_default() {
        let other = Scenario { seed: 9, ..mine() };
        let link = read(&to_fragment(&mine()), Some(&encode(&other)));
        assert_eq!((link.scenario, link.origin), (mine(), Origin::Link));
        let saved = read("", Some(&encode(&other)));
        assert_eq!((saved.scenario, saved.origin), (other, Origin::Saved));
        let none = read("#", None);
        assert_eq!(
            (none.scenario, none.origin, none.notice),
            (Scenario::default(), Origin::Default, None)
        );
    }

    #[test]
    fn a_damaged_link_opens_the_default_with_a_notice() {
        let cut = to_fragment(&mine());
        let link = read(&cut[..cut.len() - 5], Some(&encode(&mine())));
        assert_eq!(link.scenario, Scenario::default());
        assert_eq!(link.origin, Origin::Default);
        let notice = link.notice.expect("a notice");
        assert!(
            notice.starts_with(
                "This link's portfolio could not be opened: the link's scenario is damaged"
            ),
            "{notice}"
        );
        assert!(notice.ends_with("the portfolio kept in this browser is unchanged."));
        let saved = read("", Some("%%"));
        assert_eq!(saved.origin, Origin::Default);
        assert!(saved
            .notice
            .expect("a notice")
            .contains("kept in this browser could not be read"));
    }
}
