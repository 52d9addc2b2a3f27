//! What defines a view lives in the link, so that a link or a reload reproduces it: the query
//! (`?token=NEAR&range=90d&scale=log`, typed in [`params`]) for the view, the fragment
//! (`#s=…`, [`scenario`]) for a portfolio and its stress and simulation settings. Pages read
//! typed values through these hooks and write them back through typed setters; no page parses
//! a raw query string or fragment.

pub mod brackets;
pub mod liquidity;
pub mod params;
pub mod scenario;
pub mod signals;
pub mod tokenomics;
pub mod values;

use crate::base_path;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// One query parameter: its current raw value (unparsed, so that a bad value can be reported)
/// and a setter.
///
/// The setter navigates to the same page with the parameter changed and the others kept, one
/// history entry per change (Back undoes it); an empty value removes the parameter (a cleared
/// field falls back to its default). It passes the router a path relative to the
/// site's base: leptos_router's own `query_signal` passes the browser's full path, which the
/// router prefixes with the base again, so under a sub-path such as `/token-risk-lab/` it
/// lands on `/token-risk-lab/token-risk-lab/`.
fn use_query_param(key: &'static str) -> (Memo<Option<String>>, Callback<String>) {
    let query = use_query_map();
    let location = use_location();
    let navigate = use_navigate();
    let base = base_path();
    let value = Memo::new(move |_| query.read().get(key));
    let set = Callback::new(move |new_value: String| {
        let mut params = query.get_untracked();
        if new_value.is_empty() {
            params.remove(key);
        } else {
            params.replace(key, new_value);
        }
        let relative = relative_path(&location.pathname.get_untracked(), &base);
        let hash = location.hash.get_untracked();
        navigate(
            &format!("{relative}{}{hash}", params.to_query_string()),
            NavigateOptions::default(),
        );
    });
    (value, set)
}

/// `path` below the site's `base`, starting with `/` (what the router's `navigate` takes).
fn relative_path(path: &str, base: &str) -> String {
    let relative = path.strip_prefix(base).unwrap_or(path);
    if relative.starts_with('/') {
        relative.to_owned()
    } else {
        format!("/{relative}")
    }
}

/// The link's scenario (see [`scenario`]) and its setter.
pub struct ScenarioHandle {
    /// The scenario shown, where it came from, and any notice.
    pub link: Memo<scenario::ScenarioLink>,
    /// Puts a scenario in the link (replacing the history entry: an edit is not a page) and
    /// keeps it in this browser.
    pub set: Callback<tokenrisk_core::scenario::Scenario>,
}

/// The scenario of the link's fragment, else this browser's, else the default.
pub fn use_scenario_link() -> ScenarioHandle {
    let location = use_location();
    let query = use_query_map();
    let navigate = use_navigate();
    let base = base_path();
    let link = Memo::new(move |_| {
        let saved =
            crate::storage::local().and_then(|s| s.get_item(scenario::STORAGE_KEY).ok().flatten());
        scenario::read(&location.hash.get(), saved.as_deref())
    });
    let set = Callback::new(move |s: tokenrisk_core::scenario::Scenario| {
        let payload = tokenrisk_core::scenario::encode(&s);
        if let Some(storage) = crate::storage::local() {
            // A full or refused storage keeps the link as the only copy; nothing else to do.
            let _ = storage.set_item(scenario::STORAGE_KEY, &payload);
        }
        let relative = relative_path(&location.pathname.get_untracked(), &base);
        let search = query.get_untracked().to_query_string();
        navigate(
            &format!("{relative}{search}#s={payload}"),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..NavigateOptions::default()
            },
        );
    });
    ScenarioHandle { link, set }
}

/// The token view's link: its typed selection (resolved against the assets there is data for,
/// with notices for values it could not use) and typed setters for each part.
pub struct TokenLinkHandle {
    /// What the link selects.
    pub link: Memo<params::TokenLink>,
    /// Shows another token.
    pub set_token: Callback<String>,
    /// Shows another range.
    pub set_range: Callback<tokenrisk_core::range::Range>,
    /// Draws the price on another scale.
    pub set_scale: Callback<tokenrisk_charts::Scale>,
}

/// The token view's link over the assets `available` gives.
pub fn use_token_link(available: Signal<Vec<String>>) -> TokenLinkHandle {
    let (token, set_token) = use_query_param(params::TOKEN);
    let (range, set_range) = use_query_param(params::RANGE);
    let (scale, set_scale) = use_query_param(params::SCALE);
    let link = Memo::new(move |_| {
        let raw = params::RawQuery {
            token: token.get(),
            range: range.get(),
            scale: scale.get(),
        };
        available.with(|ids| {
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            params::TokenLink::parse(&raw, &ids)
        })
    });
    TokenLinkHandle {
        link,
        set_token,
        set_range: Callback::new(move |r: tokenrisk_core::range::Range| {
            set_range.run(r.to_string());
        }),
        set_scale: Callback::new(move |s: tokenrisk_charts::Scale| {
            set_scale.run(s.key().to_owned());
        }),
    }
}

/// A sort column in the link (`?sort=`): one of `known`, else `default` with a notice; and a
/// setter.
pub fn use_sort_link(
    known: &'static [&'static str],
    default: &'static str,
) -> (Memo<(String, Option<params::Notice>)>, Callback<String>) {
    let (sort, set_sort) = use_query_param(params::SORT);
    let parsed = Memo::new(move |_| params::parse_sort(sort.get().as_deref(), known, default));
    (parsed, set_sort)
}

/// A page's link that writes a query: its `(key, value)` pairs, and the value of one key.
pub trait PageQuery {
    /// The query the link writes, an empty value for an absent optional key.
    fn pairs(&self) -> Vec<(&'static str, String)>;

    /// What the query holds for `key` (empty when absent).
    fn value_of(&self, key: &str) -> String {
        self.pairs()
            .into_iter()
            .find_map(|(k, v)| (k == key).then_some(v))
            .unwrap_or_default()
    }
}

impl PageQuery for liquidity::LiquidityLink {
    fn pairs(&self) -> Vec<(&'static str, String)> {
        self.query().to_vec()
    }
}

impl PageQuery for signals::SignalsLink {
    fn pairs(&self) -> Vec<(&'static str, String)> {
        self.query().to_vec()
    }
}

impl PageQuery for tokenomics::TokenomicsLink {
    fn pairs(&self) -> Vec<(&'static str, String)> {
        self.query().to_vec()
    }
}

/// A page's link over its own keys: its typed selection, and a setter of one key to a new
/// value (empty removes an optional one).
pub struct PageLinkHandle<L: Send + Sync + 'static> {
    /// What the link selects.
    pub link: Memo<L>,
    /// Sets one key.
    pub set: Callback<(&'static str, String)>,
}

/// The link of a page whose query keys are `keys`, read by `parse` from the `(key, value)`
/// pairs present.
fn use_page_link<L: Clone + PartialEq + Send + Sync + 'static>(
    keys: &'static [&'static str],
    parse: impl Fn(&[(&'static str, String)]) -> L + Send + Sync + 'static,
) -> PageLinkHandle<L> {
    let params: Vec<_> = keys.iter().map(|key| use_query_param(key)).collect();
    let values: Vec<Memo<Option<String>>> = params.iter().map(|(value, _)| *value).collect();
    let setters: Vec<Callback<String>> = params.iter().map(|(_, set)| *set).collect();
    let link = Memo::new(move |_| {
        let pairs: Vec<(&'static str, String)> = keys
            .iter()
            .zip(&values)
            .filter_map(|(key, value)| Some((*key, value.get()?)))
            .collect();
        parse(&pairs)
    });
    let set = Callback::new(move |(key, value): (&'static str, String)| {
        if let Some(i) = keys.iter().position(|k| *k == key) {
            setters[i].run(value);
        }
    });
    PageLinkHandle { link, set }
}

/// The liquidity page's link over the tokens `tokens` (those with a book).
pub fn use_liquidity_link(
    tokens: &'static [&'static str],
) -> PageLinkHandle<liquidity::LiquidityLink> {
    use_page_link(&liquidity::KEYS, move |pairs| {
        let raw = liquidity::RawLiquidity::from_pairs(pairs.iter().cloned());
        liquidity::LiquidityLink::parse(&raw, tokens)
    })
}

/// The tokenomics page's link.
pub fn use_tokenomics_link() -> PageLinkHandle<tokenomics::TokenomicsLink> {
    use_page_link(&tokenomics::KEYS, |pairs| {
        let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        tokenomics::TokenomicsLink::parse(&pairs)
    })
}

/// The signals page's link.
pub fn use_signals_link() -> PageLinkHandle<signals::SignalsLink> {
    use_page_link(&signals::KEYS, |pairs| {
        let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        signals::SignalsLink::parse(&pairs)
    })
}
