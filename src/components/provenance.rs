//! Where a series came from: source, time, transformation. Shown beside every figure.

use crate::data::AssetSeries;
use crate::format::date;
use leptos::prelude::*;
use tokenrisk_market::snapshot::Acquisition;

/// The data-source panel of one series.
#[component]
pub fn ProvenancePanel(
    /// The series shown.
    asset: AssetSeries,
    /// When the bundled snapshot was built, if the series came from it.
    snapshot_created_at: Option<String>,
) -> impl IntoView {
    let p = asset.provenance;
    let (obtained, taken_label) = match p.acquisition {
        Acquisition::Live => ("fetched live from the provider's API", "Fetched"),
        Acquisition::CsvExport => ("read from an exported CSV file", "File time"),
    };
    let times = asset.prices.times();
    let coverage = match (times.first(), times.last()) {
        (Some(&first), Some(&last)) => {
            format!(
                "{} to {} ({} daily closes)",
                date(first),
                date(last),
                times.len()
            )
        }
        _ => "no observations".to_owned(),
    };
    let imported = p.provider.contains("imported");
    view! {
        <section class="provenance panel" id="provenance" aria-label="Where the data came from">
            <h2>"Data source"</h2>
            <dl>
                <dt>"Series"</dt><dd>{format!("{} · {}", asset.id, asset.name)}</dd>
                <dt>"Source"</dt><dd>{p.provider}", "{obtained}</dd>
                <dt>"From"</dt><dd class="location">{p.location}</dd>
                <dt>{taken_label}</dt><dd>{p.retrieved_at}</dd>
                <dt>"Covers"</dt><dd>{coverage}</dd>
                <dt>"Price"</dt><dd>{format!("field “{}”{}", p.price_field,
                    asset.currency.map(|c| format!(", quoted in {c}")).unwrap_or_default())}</dd>
                {p.note.map(|n| view! { <dt>"Note"</dt><dd>{n}</dd> })}
                {(!asset.sources.is_empty()).then(|| view! {
                    <dt>"Merged from"</dt>
                    <dd><ul class="source-spans">
                        {asset.sources.into_iter().map(|s| view! {
                            <li>{format!("{} to {} ({} closes): {}, {}{}", s.first, s.last, s.days, s.provenance.provider, s.provenance.location,
                                s.currency.map(|c| format!(", in {c}")).unwrap_or_default())}</li>
                        }).collect_view()}
                    </ul></dd>
                })}
                {(!imported).then_some(snapshot_created_at).flatten().map(|t| view! {
                    <dt>"Bundled"</dt><dd>{format!("in the site's data snapshot built {t}")}</dd>
                })}
            </dl>
        </section>
    }
}
