//! The site's own files — the bundled snapshot and `config.json` — fetched once per visit and
//! shared by every page (moving between pages fetches nothing again).

use crate::app_state::AppState;
use crate::data::{load_bundled, Bundled, Dataset};
use crate::live::service::DataService;
use leptos::prelude::*;
use tokenrisk_market::fetch_policy::SiteConfig;

/// The two loads of a visit.
#[derive(Clone, Copy)]
pub struct SiteData {
    bundled: LocalResource<Bundled>,
    config: LocalResource<(SiteConfig, Option<String>)>,
}

/// What a page needs once both files are in.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The bundled series (none when the snapshot is missing or unreadable).
    pub dataset: Dataset,
    /// Why there is no bundled data, if there is none.
    pub problem: Option<String>,
    /// Where the APIs are.
    pub config: SiteConfig,
    /// Why `config.json` was not used, if it was not.
    pub config_problem: Option<String>,
}

impl SiteData {
    /// Starts both loads.
    pub fn new() -> Self {
        Self {
            bundled: LocalResource::new(load_bundled),
            config: LocalResource::new(DataService::load_config),
        }
    }

    /// The visit's loads from context (see [`crate::App`]), or new ones outside the app.
    pub fn use_site_data() -> Self {
        use_context::<Self>().unwrap_or_default()
    }

    /// Whether both loads have finished, whatever their outcome (reactive; nothing is cloned).
    pub fn settled(&self) -> bool {
        self.bundled.with(Option::is_some) && self.config.with(Option::is_some)
    }

    /// The configuration once loaded (reactively), with the visit's data service created from
    /// it on first use, and why `config.json` was not used, if it was not: for a page that
    /// shows only live data and need not wait for the snapshot.
    pub fn configured(&self, state: &AppState) -> Option<(SiteConfig, Option<String>)> {
        let (config, problem) = self.config.get()?;
        state.ensure_service(config.clone());
        Some((config, problem))
    }

    /// Both files once loaded (reactively), with the visit's data service created from the
    /// configuration on first use.
    pub fn loaded(&self, state: &AppState) -> Option<Loaded> {
        let (bundled, (config, config_problem)) = self.bundled.get().zip(self.config.get())?;
        state.ensure_service(config.clone());
        let (dataset, problem) = bundled.into_parts();
        Some(Loaded {
            dataset,
            problem,
            config,
            config_problem,
        })
    }
}

impl Default for SiteData {
    fn default() -> Self {
        Self::new()
    }
}
