//! State shared by the pages: imported files and live data survive moving between pages.

use crate::data::{AssetSeries, Dataset};
use crate::live::service::DataService;
use crate::live::state::{with_live, LiveState};
use crate::saved_imports;
use leptos::prelude::*;
use std::collections::HashMap;
use std::rc::Rc;
use tokenrisk_market::fetch_policy::SiteConfig;

/// What every page of a visit shares.
#[derive(Clone, Copy)]
pub struct AppState {
    /// CSV files the user imported.
    pub imports: RwSignal<Vec<AssetSeries>>,
    /// Live data per asset id.
    pub live: RwSignal<HashMap<String, LiveState>>,
    /// The data service, once the site configuration is loaded.
    pub service: StoredValue<Option<Rc<DataService>>, LocalStorage>,
    /// Problems with imports kept from earlier visits, to tell the user.
    pub import_notices: RwSignal<Vec<String>>,
}

impl AppState {
    /// Creates the data service from the site configuration, once per visit.
    pub fn ensure_service(&self, config: SiteConfig) {
        if self.service.with_value(Option::is_none) {
            self.service.set_value(Some(DataService::new(config)));
        }
    }

    /// `bundled` with the imported files and the live data of this visit over it.
    pub fn dataset(&self, bundled: &Dataset) -> Dataset {
        let with_imports = bundled.with_imports(&self.imports.read());
        self.live.with(|live| with_live(&with_imports, live))
    }

    /// Runs `f` with the data service, if there is one.
    pub fn with_service(&self, f: impl FnOnce(&Rc<DataService>)) {
        self.service.with_value(|s| {
            if let Some(s) = s {
                f(s);
            }
        });
    }

    /// The state at the start of a visit: imports kept from earlier visits restored.
    pub fn new() -> Self {
        let (imports, notices) = saved_imports::restore();
        Self {
            imports: RwSignal::new(imports),
            import_notices: RwSignal::new(notices),
            live: RwSignal::new(HashMap::new()),
            service: StoredValue::new_local(None),
        }
    }

    /// The app's state from context, or a fresh one for a component mounted on its own.
    pub fn use_or_new() -> Self {
        use_context::<Self>().unwrap_or_default()
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}
