//! State shared by the pages: imported files and live data survive moving between pages.

use crate::data::AssetSeries;
use crate::live::market_context::ContextState;
use crate::live::service::DataService;
use crate::live::state::LiveState;
use crate::saved_imports;
use leptos::prelude::*;
use std::collections::HashMap;
use std::rc::Rc;

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
    /// The market around the tokens (CoinGecko).
    pub market: RwSignal<ContextState>,
}

impl AppState {
    /// The state at the start of a visit: imports kept from earlier visits restored.
    pub fn new() -> Self {
        let (imports, notices) = saved_imports::restore();
        Self {
            imports: RwSignal::new(imports),
            import_notices: RwSignal::new(notices),
            market: RwSignal::new(ContextState::NotAsked),
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
