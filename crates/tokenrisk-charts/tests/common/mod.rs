//! Reading drawn SVG in the chart tests, and the spacings of the data they draw.

// Each test binary that includes this module uses a part of it.
#![allow(dead_code)]

/// An hour, in seconds (the market panel's candles).
pub const HOUR: i64 = 3_600;

/// A day, in seconds (the daily charts' spacing).
pub const DAY: i64 = 24 * HOUR;

/// The trimmed text of every `<text>` element, in document order.
pub fn texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            let body = &t[t.find('>')? + 1..];
            Some(body[..body.find("</text>")?].trim().to_owned())
        })
        .collect()
}

/// One drawn SVG element: its tag, its paint and the points it covers in SVG pixels (a rect's
/// two corners, a line's ends, the vertices of a polyline or polygon, a circle's bounding box).
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// `rect`, `line`, `polyline`, `polygon` or `circle`.
    pub tag: String,
    /// The `fill` attribute (`none` when unfilled).
    pub fill: String,
    /// The `stroke` attribute (`none` when not outlined).
    pub stroke: String,
    /// Corners, ends or vertices.
    pub points: Vec<(f64, f64)>,
}

impl Shape {
    /// The smallest and largest x and y of its points: `((x0, x1), (y0, y1))`.
    pub fn bounds(&self) -> ((f64, f64), (f64, f64)) {
        let fold = |f: fn(&(f64, f64)) -> f64| {
            self.points
                .iter()
                .map(f)
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
                    (a.min(v), b.max(v))
                })
        };
        (fold(|p| p.0), fold(|p| p.1))
    }

    /// Whether it covers at least one pixel: a rect with a width and a height, a line or a
    /// path whose points are not all the same.
    pub fn is_visible(&self) -> bool {
        let ((x0, x1), (y0, y1)) = self.bounds();
        match self.tag.as_str() {
            "rect" | "circle" => x1 > x0 && y1 > y0,
            _ => x1 > x0 || y1 > y0,
        }
    }
}

fn attribute<'a>(element: &'a str, name: &str) -> Option<&'a str> {
    let from = element.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&element[from..from + element[from..].find('"')?])
}

/// Every shape drawn in `svg`, in document order (text is left out: see [`texts`]).
pub fn shapes(svg: &str) -> Vec<Shape> {
    svg.split('<')
        .filter_map(|element| {
            let tag = element.split([' ', '>', '/']).next()?;
            let number = |name: &str| -> f64 {
                attribute(element, name)
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0.0)
            };
            let points = match tag {
                "rect" => {
                    let (x, y) = (number("x"), number("y"));
                    vec![(x, y), (x + number("width"), y + number("height"))]
                }
                "line" => vec![(number("x1"), number("y1")), (number("x2"), number("y2"))],
                "polyline" | "polygon" => attribute(element, "points")?
                    .split_whitespace()
                    .filter_map(|p| {
                        let (x, y) = p.split_once(',')?;
                        Some((x.parse().ok()?, y.parse().ok()?))
                    })
                    .collect(),
                "circle" => {
                    let (x, y, r) = (number("cx"), number("cy"), number("r"));
                    vec![(x - r, y - r), (x + r, y + r)]
                }
                _ => return None,
            };
            Some(Shape {
                tag: tag.to_owned(),
                fill: attribute(element, "fill").unwrap_or("none").to_owned(),
                stroke: attribute(element, "stroke").unwrap_or("none").to_owned(),
                points,
            })
        })
        .collect()
}

/// `#RRGGBB` of a colour, as plotters writes it.
pub fn hex(c: plotters::style::RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// The marks of a chart drawn in `theme`: every shape but the background (the first shape,
/// covering the whole picture), the grid (in the grid colour) and the axes with their ticks
/// (outlined in the text colour).
pub fn marks(svg: &str, theme: &tokenrisk_charts::Theme) -> Vec<Shape> {
    let (grid, text) = (hex(theme.grid), hex(theme.text));
    shapes(svg)
        .into_iter()
        .skip(1)
        .filter(|s| s.stroke != grid && !(s.stroke == text && s.fill == "none"))
        .collect()
}

/// Asserts that there are marks and that every one lies inside the plotting area of `p` (with
/// a pixel for an outline's half width).
pub fn assert_inside(marks: &[Shape], p: &tokenrisk_charts::Projection, what: &str) {
    assert!(!marks.is_empty(), "{what}: no marks drawn");
    for mark in marks {
        let ((x0, x1), (y0, y1)) = mark.bounds();
        assert!(
            x0 >= p.left - 1.0 && x1 <= p.right + 1.0 && y0 >= p.top - 1.0 && y1 <= p.bottom + 1.0,
            "{what}: {mark:?} outside the plot {p:?}"
        );
    }
}
