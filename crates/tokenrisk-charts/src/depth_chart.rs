//! An order book as a depth chart: the cumulative quote value resting on each side against
//! price, bids stepping down to the left of the mid, asks up to the right. Bids are hatched by
//! outline only, asks filled, and each side is labelled, so the sides read without colour.
//! Also the book's data ([`DepthData`]) with the summary, table and CSV.

use crate::error::ChartError;
use crate::format::{compact, percent, price, ValueFormat};
use crate::frame::{axes, label_font, no_data, projection_of, Axis};
use crate::kind::{ChartKind, DrawChart};
use crate::projection::Projection;
use crate::scale::Scale;
use crate::theme::Theme;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Both sides of a book as cumulative curves.
#[derive(Debug, Clone, Copy)]
pub struct DepthChart<'a> {
    /// `(price, cumulative quote value)` from the best bid down.
    pub bids: &'a [(f64, f64)],
    /// `(price, cumulative quote value)` from the best ask up.
    pub asks: &'a [(f64, f64)],
    /// Only levels within this fraction of the mid are drawn (e.g. 0.05 for ±5 %).
    pub within: f64,
}

/// The step outline of one side, from the mid outwards: flat at each cumulative value until the
/// next level's price.
fn steps(mid: f64, side: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut points = vec![(mid, 0.0)];
    let mut last = 0.0;
    for &(price, cumulative) in side {
        points.push((price, last));
        points.push((price, cumulative));
        last = cumulative;
    }
    points
}

/// Draws `chart` filling `root` and returns its projection (x in price, y in quote value).
/// A side with no level draws "No data".
///
/// # Errors
/// [`ChartError`] when the backend fails.
pub fn draw_depth_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &DepthChart<'_>,
    theme: &Theme,
) -> Result<Option<Projection>, ChartError> {
    root.fill(&theme.background)?;
    let (Some(best_bid), Some(best_ask)) = (chart.bids.first(), chart.asks.first()) else {
        return no_data(root, theme).map(|()| None);
    };
    let mid = (best_bid.0 + best_ask.0) / 2.0;
    let band = if chart.within > 0.0 {
        chart.within
    } else {
        0.05
    };
    let (lo, hi) = (mid * (1.0 - band), mid * (1.0 + band));
    let bids: Vec<(f64, f64)> = chart
        .bids
        .iter()
        .copied()
        .take_while(|l| l.0 >= lo)
        .collect();
    let asks: Vec<(f64, f64)> = chart
        .asks
        .iter()
        .copied()
        .take_while(|l| l.0 <= hi)
        .collect();
    let (mut bid_steps, mut ask_steps) = (steps(mid, &bids), steps(mid, &asks));
    let deepest = bids
        .last()
        .map_or(0.0, |l| l.1)
        .max(asks.last().map_or(0.0, |l| l.1));
    // Each side runs flat to the edge of the band at its deepest value.
    bid_steps.push((lo, bids.last().map_or(0.0, |l| l.1)));
    ask_steps.push((hi, asks.last().map_or(0.0, |l| l.1)));
    let y = (0.0, (deepest * 1.1).max(1e-9));
    let (x_axis, y_axis) = (
        Axis::values((lo, hi), Scale::Linear, ValueFormat::Price),
        Axis::values(y, Scale::Linear, ValueFormat::Compact),
    );
    let mut cc = axes(root, &x_axis, &y_axis, theme)?;
    let projection = projection_of(&cc, &x_axis, &y_axis);
    cc.draw_series(
        AreaSeries::new(bid_steps, 0.0, theme.gain.mix(0.12))
            .border_style(theme.gain.stroke_width(theme.px(2.0))),
    )?;
    cc.draw_series(
        AreaSeries::new(ask_steps, 0.0, theme.loss.mix(0.35))
            .border_style(theme.loss.stroke_width(theme.px(2.0))),
    )?;
    cc.draw_series(DashedLineSeries::new(
        [(mid, 0.0), (mid, y.1)],
        theme.px(4.0),
        theme.px(3.0),
        theme.text.stroke_width(theme.px(1.0)),
    ))?;
    let font = label_font(theme);
    cc.draw_series([
        Text::new(
            "bids".to_owned(),
            (lo + (mid - lo) * 0.05, y.1 * 0.95),
            font.pos(Pos::new(HPos::Left, VPos::Top)),
        ),
        Text::new(
            "asks".to_owned(),
            (hi - (hi - mid) * 0.05, y.1 * 0.95),
            font.pos(Pos::new(HPos::Right, VPos::Top)),
        ),
        Text::new(
            "mid".to_owned(),
            (mid, y.1 * 0.99),
            font.pos(Pos::new(HPos::Center, VPos::Top)),
        ),
    ])?;
    root.present()?;
    Ok(Some(projection))
}

/// An order book's cumulative depth, owned: what a page builds and the app holds.
#[derive(Debug, Clone, PartialEq)]
pub struct DepthData {
    /// `(price, cumulative quote value)` from the best bid down.
    pub bids: Vec<(f64, f64)>,
    /// `(price, cumulative quote value)` from the best ask up.
    pub asks: Vec<(f64, f64)>,
    /// The band around the mid drawn, as a fraction.
    pub within: f64,
}

impl ChartKind for DepthData {
    /// The cumulative value on each side at the deepest level within twice the band of that
    /// side's best price.
    fn summary(&self) -> String {
        let best_bid = self.bids.first().map_or(0.0, |b| b.0);
        let best_ask = self.asks.first().map_or(0.0, |a| a.0);
        let bids = self
            .bids
            .iter()
            .take_while(|l| l.0 >= best_bid * (1.0 - 2.0 * self.within))
            .last();
        let asks = self
            .asks
            .iter()
            .take_while(|l| l.0 <= best_ask * (1.0 + 2.0 * self.within))
            .last();
        let value = |l: Option<&(f64, f64)>| l.map_or("nothing".to_owned(), |l| compact(l.1));
        format!(
            "Order book within {} of the mid: {} on the bids, {} on the asks (cumulative quote value).",
            percent(self.within, 0),
            value(bids),
            value(asks),
        )
    }

    fn table(&self) -> (Vec<String>, Vec<Vec<String>>) {
        (
            vec![
                "Side".to_owned(),
                "Price".to_owned(),
                "Cumulative value".to_owned(),
            ],
            self.levels()
                .map(|(side, (p, v))| vec![side.to_owned(), price(*p), compact(*v)])
                .collect(),
        )
    }

    fn csv_rows(&self) -> Vec<Vec<String>> {
        std::iter::once(vec![
            "side".to_owned(),
            "price".to_owned(),
            "cumulative_quote".to_owned(),
        ])
        .chain(
            self.levels()
                .map(|(side, (p, v))| vec![side.to_owned(), p.to_string(), v.to_string()]),
        )
        .collect()
    }
}

impl DepthData {
    /// Every level with its side, the bids first.
    fn levels(&self) -> impl Iterator<Item = (&'static str, &(f64, f64))> {
        self.bids
            .iter()
            .map(|l| ("bid", l))
            .chain(self.asks.iter().map(|l| ("ask", l)))
    }
}

impl<DB: DrawingBackend> DrawChart<DB> for DepthData {
    fn draw(
        &self,
        root: &DrawingArea<DB, Shift>,
        theme: &Theme,
    ) -> Result<Option<Projection>, ChartError> {
        let chart = DepthChart {
            bids: &self.bids,
            asks: &self.asks,
            within: self.within,
        };
        draw_depth_chart(root, &chart, theme)
    }
}
