//! The parts of a view that live in the URL's query (`?token=NEAR&range=90d`), so that a link
//! or a reload reproduces the view.

use crate::base_path;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// One query parameter: its current raw value (unparsed, so that a bad value can be reported)
/// and a setter.
///
/// The setter navigates to the same page with the parameter changed and the others kept, one
/// history entry per change (Back undoes it). It passes the router a path relative to the
/// site's base: leptos_router's own `query_signal` passes the browser's full path, which the
/// router prefixes with the base again, so under a sub-path such as `/token-risk-lab/` it
/// lands on `/token-risk-lab/token-risk-lab/`.
pub fn use_query_param(key: &'static str) -> (Memo<Option<String>>, Callback<String>) {
    let query = use_query_map();
    let location = use_location();
    let navigate = use_navigate();
    let base = base_path();
    let value = Memo::new(move |_| query.read().get(key));
    let set = Callback::new(move |new_value: String| {
        let mut params = query.get_untracked();
        params.replace(key, new_value);
        let path = location.pathname.get_untracked();
        let relative = path.strip_prefix(base.as_str()).unwrap_or(&path);
        let relative = if relative.starts_with('/') {
            relative.to_owned()
        } else {
            format!("/{relative}")
        };
        navigate(
            &format!("{relative}{}", params.to_query_string()),
            NavigateOptions::default(),
        );
    });
    (value, set)
}
