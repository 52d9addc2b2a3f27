//! A liquidation map: the notional of leveraged positions by the price at which they would be
//! liquidated, longs below the price (filled, in the loss colour) and shorts above it
//! (outlined), the price marked, and the assumptions the map rests on written on the chart
//! itself, so a screenshot of it never travels without them.

use crate::error::ChartError;
use crate::format::{compact_label, ValueFormat};
use crate::frame::{axes, label_font, no_data, projection_of, Axis};
use crate::kind::{ChartKind, DrawChart};
use crate::projection::Projection;
use crate::scale::Scale;
use crate::theme::Theme;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// A liquidation map, owned: what a page builds and the app holds.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LiquidationMapData {
    /// `(low, high, long notional, short notional)` per price bin, lowest first, adjacent.
    pub bins: Vec<(f64, f64, f64, f64)>,
    /// The price now, marked with a line.
    pub price: f64,
    /// The assumptions, one line each, written in the upper left corner.
    pub notes: Vec<String>,
}

impl LiquidationMapData {
    /// Bins increasing and not overlapping, amounts finite and not negative, something to
    /// draw, and a price and span the axes can hold.
    fn drawable(&self) -> bool {
        let (Some(first), Some(last)) = (self.bins.first(), self.bins.last()) else {
            return false;
        };
        let finite = |v: f64| v.is_finite() && (v * 4.0).is_finite();
        let span = last.1.max(self.price) - first.0.min(self.price);
        finite(self.price)
            && finite(span)
            && span > 0.0
            && self.bins.iter().all(|&(lo, hi, l, s)| {
                finite(lo)
                    && finite(hi)
                    && hi > lo
                    && finite(l)
                    && finite(s)
                    && l >= 0.0
                    && s >= 0.0
            })
            && self.bins.windows(2).all(|w| w[0].1 <= w[1].0)
            && self.bins.iter().any(|b| b.2 + b.3 > 0.0)
    }

    /// The total of one side and the bin holding most of it.
    fn side(&self, pick: fn(&(f64, f64, f64, f64)) -> f64) -> (f64, Option<(f64, f64, f64)>) {
        let total = self.bins.iter().map(pick).sum();
        let top = self
            .bins
            .iter()
            .filter(|b| pick(b) > 0.0)
            .max_by(|a, b| pick(a).total_cmp(&pick(b)))
            .map(|b| (b.0, b.1, pick(b)));
        (total, top)
    }
}

/// Draws `map` filling `root` and returns its projection (x in price, y in notional). Bins
/// that overlap or are out of order, negative or non-finite amounts or an empty map draw "No
/// data".
///
/// # Errors
/// [`ChartError`] when the backend fails.
pub fn draw_liquidation_map<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    map: &LiquidationMapData,
    theme: &Theme,
) -> Result<Option<Projection>, ChartError> {
    root.fill(&theme.background)?;
    if !map.drawable() {
        return no_data(root, theme).map(|()| None);
    }
    let lo = map.bins[0].0.min(map.price);
    let hi = map.bins[map.bins.len() - 1].1.max(map.price);
    let pad = (hi - lo) * 0.02;
    let x = (lo - pad, hi + pad);
    let top = map.bins.iter().map(|b| b.2.max(b.3)).fold(0.0, f64::max);
    // Room above the tallest bar for the notes.
    let y = (0.0, top * (1.25 + 0.1 * map.notes.len() as f64));
    let (x_axis, y_axis) = (
        Axis::values(x, Scale::Linear, ValueFormat::Price),
        Axis::values(y, Scale::Linear, ValueFormat::Compact),
    );
    let mut cc = axes(root, &x_axis, &y_axis, theme)?;
    let projection = projection_of(&cc, &x_axis, &y_axis);
    let long = theme.loss.filled();
    let short = theme.gain.stroke_width(theme.px(2.0));
    for &(lo, hi, l, s) in &map.bins {
        let inset = (hi - lo) * 0.08;
        if l > 0.0 {
            cc.draw_series(std::iter::once(Rectangle::new(
                [(lo + inset, 0.0), (hi - inset, l)],
                long,
            )))?;
        }
        if s > 0.0 {
            cc.draw_series(std::iter::once(Rectangle::new(
                [(lo + inset, 0.0), (hi - inset, s)],
                short,
            )))?;
        }
    }
    cc.draw_series(DashedLineSeries::new(
        [(map.price, 0.0), (map.price, top * 1.1)],
        theme.px(5.0),
        theme.px(3.0),
        theme.line.stroke_width(theme.px(2.0)),
    ))?;
    let font = label_font(theme);
    cc.draw_series(std::iter::once(Text::new(
        format!("now {}", ValueFormat::Price.text(map.price)),
        (map.price, top * 1.1),
        font.pos(Pos::new(HPos::Center, VPos::Bottom)),
    )))?;
    for (i, note) in map.notes.iter().enumerate() {
        cc.draw_series(std::iter::once(Text::new(
            note.clone(),
            (x.0 + pad, y.1 * (0.98 - 0.075 * i as f64)),
            font.pos(Pos::new(HPos::Left, VPos::Top)),
        )))?;
    }
    root.present()?;
    Ok(Some(projection))
}

impl ChartKind for LiquidationMapData {
    /// Each side's total and its largest cluster.
    fn summary(&self) -> String {
        let side = |name: &str, pick| {
            let (total, top) = self.side(pick);
            match top {
                None => format!("no {name} liquidated in the range"),
                Some((lo, hi, v)) => format!(
                    "{name} {} in all, most at {}–{} ({})",
                    compact_label(total),
                    ValueFormat::Price.text(lo),
                    ValueFormat::Price.text(hi),
                    compact_label(v)
                ),
            }
        };
        format!(
            "Liquidation map around {}: {}; {}.",
            ValueFormat::Price.text(self.price),
            side("longs", |b| b.2),
            side("shorts", |b| b.3)
        )
    }

    /// The bins with something liquidated.
    fn table(&self) -> (Vec<String>, Vec<Vec<String>>) {
        (
            ["From", "To", "Longs", "Shorts"]
                .map(str::to_owned)
                .to_vec(),
            self.bins
                .iter()
                .filter(|b| b.2 + b.3 > 0.0)
                .map(|&(lo, hi, l, s)| {
                    vec![
                        ValueFormat::Price.text(lo),
                        ValueFormat::Price.text(hi),
                        compact_label(l),
                        compact_label(s),
                    ]
                })
                .collect(),
        )
    }

    fn csv_rows(&self) -> Vec<Vec<String>> {
        std::iter::once(["from", "to", "long", "short"].map(str::to_owned).to_vec())
            .chain(self.bins.iter().map(|&(lo, hi, l, s)| {
                vec![lo.to_string(), hi.to_string(), l.to_string(), s.to_string()]
            }))
            .collect()
    }
}

impl<DB: DrawingBackend> DrawChart<DB> for LiquidationMapData {
    fn draw(
        &self,
        root: &DrawingArea<DB, Shift>,
        theme: &Theme,
    ) -> Result<Option<Projection>, ChartError> {
        draw_liquidation_map(root, self, theme)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map() -> LiquidationMapData {
        LiquidationMapData {
            bins: vec![
                (80.0, 90.0, 2.0e6, 0.0),
                (90.0, 100.0, 5.5e6, 0.0),
                (100.0, 110.0, 0.0, 0.0),
                (110.0, 120.0, 0.0, 1.2e6),
            ],
            price: 100.0,
            notes: vec!["open interest 10m, 80% long".to_owned()],
        }
    }

    #[test]
    fn the_summary_names_each_sides_total_and_largest_cluster() {
        assert_eq!(
            map().summary(),
            "Liquidation map around 100.00: longs 7.5m in all, most at 90.00–100.00 (5.5m); shorts 1.2m in all, most at 110.00–120.00 (1.2m)."
        );
        let mut no_shorts = map();
        no_shorts.bins[3].3 = 0.0;
        assert!(no_shorts
            .summary()
            .contains("no shorts liquidated in the range"));
    }

    #[test]
    fn the_table_keeps_bins_with_liquidations_and_the_csv_every_bin() {
        let (head, rows) = map().table();
        assert_eq!(head, ["From", "To", "Longs", "Shorts"]);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1], ["90.00", "100.00", "5.5m", "0"]);
        let csv = map().csv();
        assert_eq!(csv.lines().count(), 5);
        assert_eq!(csv.lines().nth(2), Some("90,100,5500000,0"));
    }

    #[test]
    fn bad_bins_are_not_drawable() {
        assert!(map().drawable());
        let mut empty = map();
        empty.bins.iter_mut().for_each(|b| (b.2, b.3) = (0.0, 0.0));
        assert!(!empty.drawable());
        let mut negative = map();
        negative.bins[0].2 = -1.0;
        assert!(!negative.drawable());
        let mut nan = map();
        nan.price = f64::NAN;
        assert!(!nan.drawable());
        let mut unordered = map();
        unordered.bins.swap(0, 3);
        assert!(!unordered.drawable());
        let mut huge = map();
        huge.bins[0].2 = f64::MAX;
        assert!(!huge.drawable());
        assert!(!LiquidationMapData::default().drawable());
    }
}
