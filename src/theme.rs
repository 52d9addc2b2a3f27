//! Light and dark themes: the page follows the system setting until the user picks one, and the
//! pick is kept in this browser. The document's `data-theme` attribute drives the stylesheet;
//! charts draw with the matching palette ([`tokenrisk_charts::Theme`]).

use leptos::prelude::*;
use tokenrisk_charts::Theme;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Where the user's pick is kept.
const STORAGE_KEY: &str = "token-risk-lab.theme";

/// What the user chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeChoice {
    /// Follow the system's light or dark setting.
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl ThemeChoice {
    fn key(self) -> &'static str {
        match self {
            Self::System => "system",
            Self::Light => "light",
            Self::Dark => "dark",
        }
    }

    fn from_key(key: &str) -> Self {
        match key {
            "light" => Self::Light,
            "dark" => Self::Dark,
            _ => Self::System,
        }
    }

    /// The next choice of the switch: system → light → dark → system.
    pub fn next(self) -> Self {
        match self {
            Self::System => Self::Light,
            Self::Light => Self::Dark,
            Self::Dark => Self::System,
        }
    }
}

/// The theme of a visit, shared through context.
#[derive(Debug, Clone, Copy)]
pub struct ThemeState {
    /// The user's choice.
    pub choice: RwSignal<ThemeChoice>,
    /// Whether the system asks for dark colours.
    pub system_dark: RwSignal<bool>,
}

use crate::storage::local as storage;

impl ThemeState {
    /// Reads the saved choice and the system setting, follows changes of the latter, and keeps
    /// the document's `data-theme` in step. Call once, at the top of the app.
    pub fn provide() -> Self {
        let saved = storage()
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .map_or(ThemeChoice::System, |k| ThemeChoice::from_key(&k));
        let query = window()
            .match_media("(prefers-color-scheme: dark)")
            .ok()
            .flatten();
        let state = Self {
            choice: RwSignal::new(saved),
            system_dark: RwSignal::new(
                query.as_ref().is_some_and(web_sys::MediaQueryList::matches),
            ),
        };
        if let Some(query) = query {
            let system_dark = state.system_dark;
            let on_change = Closure::<dyn Fn(web_sys::MediaQueryListEvent)>::new(
                move |ev: web_sys::MediaQueryListEvent| system_dark.set(ev.matches()),
            );
            let _ = query
                .add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
            // The listener lives as long as the page.
            on_change.forget();
        }
        Effect::new(move |_| {
            if let Some(root) = document().document_element() {
                let _ =
                    root.set_attribute("data-theme", if state.dark() { "dark" } else { "light" });
            }
        });
        provide_context(state);
        state
    }

    /// The visit's theme, or a light one for a component mounted on its own.
    pub fn use_theme() -> Self {
        use_context::<Self>().unwrap_or_else(|| Self {
            choice: RwSignal::new(ThemeChoice::Light),
            system_dark: RwSignal::new(false),
        })
    }

    /// Whether dark colours are in use (tracked).
    pub fn dark(&self) -> bool {
        match self.choice.get() {
            ThemeChoice::System => self.system_dark.get(),
            ThemeChoice::Light => false,
            ThemeChoice::Dark => true,
        }
    }

    /// The chart palette in use (tracked).
    pub fn chart_theme(&self) -> Theme {
        if self.dark() {
            Theme::DARK
        } else {
            Theme::LIGHT
        }
    }

    /// Sets and keeps the user's choice.
    pub fn choose(&self, choice: ThemeChoice) {
        self.choice.set(choice);
        if let Some(s) = storage() {
            let _ = s.set_item(STORAGE_KEY, choice.key());
        }
    }
}

/// The header's theme switch: system → light → dark.
#[component]
pub fn ThemeSwitch() -> impl IntoView {
    let theme = ThemeState::use_theme();
    let label = move || match theme.choice.get() {
        ThemeChoice::System => format!(
            "Theme: system ({})",
            if theme.dark() { "dark" } else { "light" }
        ),
        ThemeChoice::Light => "Theme: light".to_owned(),
        ThemeChoice::Dark => "Theme: dark".to_owned(),
    };
    view! {
        <button type="button" id="theme-switch" class="theme-switch"
            data-choice=move || theme.choice.get().key()
            title="Switch between the system's setting, light and dark"
            on:click=move |_| theme.choose(theme.choice.get_untracked().next())>
            {label}
        </button>
    }
}
