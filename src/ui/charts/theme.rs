//! The charts' colours and line styles. Colours are read from the stylesheet's custom
//! properties (static/base.css), so each is written once, there, for the page and the charts.

use plotters::element::DashedPathElement;
use plotters::prelude::*;
use std::cell::RefCell;
use web_sys::Element;

/// Slots of the Okabe–Ito palette (safe for deuteranopia, protanopia and tritanopia), in the
/// order of [`ChartTheme::series`] and of the stylesheet's variables [`SERIES_VARS`].
pub const BLUE: usize = 0;
/// Orange.
pub const ORANGE: usize = 1;
/// Bluish green.
pub const GREEN: usize = 2;
/// Reddish purple.
pub const PURPLE: usize = 3;
/// Sky blue.
pub const SKY: usize = 4;
/// Vermillion: the bottleneck and intervention markers.
pub const VERMILLION: usize = 5;
/// Yellow.
pub const YELLOW: usize = 6;

/// The stylesheet's variables for the series colours, by slot.
const SERIES_VARS: [&str; 7] = [
    "--blue",
    "--orange",
    "--green",
    "--purple",
    "--sky",
    "--vermillion",
    "--yellow",
];

/// Stacked bands (the cumulative flow diagram): neighbours alternate dark and light, so that
/// adjacent bands differ in lightness, not only in hue.
pub const BANDS: [usize; 6] = [BLUE, ORANGE, GREEN, YELLOW, PURPLE, SKY];

/// Colours of the charts.
#[derive(Clone, Copy, PartialEq)]
pub struct ChartTheme {
    /// Canvas background.
    pub background: RGBColor,
    /// Labels.
    pub text: RGBColor,
    /// Axis lines.
    pub axis: RGBColor,
    /// Grid lines.
    pub grid: RGBColor,
    /// Series colours, by slot ([`BLUE`], [`ORANGE`], …).
    pub series: [RGBColor; 7],
    /// Opacity of marks that overlap, such as scatter dots (the stylesheet's
    /// `--mark-opacity`).
    pub marks: f64,
}

thread_local! {
    /// The themes read so far: light, dark.
    static READ: RefCell<[Option<ChartTheme>; 2]> = const { RefCell::new([None, None]) };
}

impl ChartTheme {
    /// The chart colours for the light or the dark theme, as the stylesheet defines them.
    pub fn new(dark: bool) -> Self {
        let k = usize::from(dark);
        if let Some(t) = READ.with(|r| r.borrow()[k]) {
            return t;
        }
        match read(dark) {
            Some(t) => {
                READ.with(|r| r.borrow_mut()[k] = Some(t));
                t
            }
            // The stylesheet is not applied yet: grey until it is.
            None => ChartTheme {
                background: WHITE,
                text: BLACK,
                axis: RGBColor(128, 128, 128),
                grid: RGBColor(224, 224, 224),
                series: [RGBColor(128, 128, 128); 7],
                marks: 0.55,
            },
        }
    }
}

/// The stylesheet's variable for the axis colour (also the backlog's band).
const AXIS_VAR: &str = "--muted";

/// A series colour as CSS, for HTML legends.
pub fn css(slot: usize) -> String {
    format!("var({})", SERIES_VARS[slot % SERIES_VARS.len()])
}

/// The axis colour as CSS.
pub fn css_axis() -> String {
    format!("var({AXIS_VAR})")
}

/// A hidden element carrying `data-theme`, whose computed style holds that theme's variables
/// whatever the page's theme is at the moment.
fn probe(dark: bool) -> Option<Element> {
    let document = gloo::utils::document();
    let id = if dark {
        "theme-probe-dark"
    } else {
        "theme-probe-light"
    };
    if let Some(el) = document.get_element_by_id(id) {
        return Some(el);
    }
    let el = document.create_element("div").ok()?;
    el.set_id(id);
    el.set_attribute("data-theme", if dark { "dark" } else { "light" })
        .ok()?;
    el.set_attribute("hidden", "").ok()?;
    document.body()?.append_child(&el).ok()?;
    Some(el)
}

fn read(dark: bool) -> Option<ChartTheme> {
    let style = gloo::utils::window()
        .get_computed_style(&probe(dark)?)
        .ok()??;
    let value = |name: &str| style.get_property_value(name).ok();
    let get = |name: &str| hex(value(name)?.trim());
    let mut series = [BLACK; 7];
    for (colour, name) in series.iter_mut().zip(SERIES_VARS) {
        *colour = get(name)?;
    }
    Some(ChartTheme {
        background: get("--surface")?,
        text: get("--text")?,
        axis: get(AXIS_VAR)?,
        grid: get("--border")?,
        series,
        marks: value("--mark-opacity")?
            .trim()
            .parse()
            .ok()
            .filter(|m: &f64| (0.0..=1.0).contains(m))?,
    })
}

/// `#rrggbb`.
fn hex(s: &str) -> Option<RGBColor> {
    let s = s.strip_prefix('#').filter(|s| s.len() == 6)?;
    let byte = |i: usize| u8::from_str_radix(s.get(i..i + 2)?, 16).ok();
    Some(RGBColor(byte(0)?, byte(2)?, byte(4)?))
}

/// How a line is drawn, so that lines differ by more than colour.
#[derive(Clone, Copy, PartialEq)]
pub enum Stroke {
    /// Solid: run A, the median, the main measure.
    Solid,
    /// Dashed: run B, the 85th percentile, a bound.
    Dashed,
    /// Dotted: the 95th percentile, a second bound.
    Dotted,
}

impl Stroke {
    /// Dash and gap lengths in pixels (a solid line is one dash as long as any chart).
    fn pattern(self) -> (i32, i32) {
        match self {
            Stroke::Solid => (1 << 20, 0),
            Stroke::Dashed => (10, 6),
            Stroke::Dotted => (3, 4),
        }
    }

    /// The CSS class of its legend swatch.
    pub fn class(self) -> &'static str {
        match self {
            Stroke::Solid => "solid",
            Stroke::Dashed => "dashed",
            Stroke::Dotted => "dotted",
        }
    }
}

/// A line through `points` in `colour`, `width` pixels wide, drawn with `stroke`; draw it with
/// `draw_series(std::iter::once(…))` on either axis.
pub fn line<I: IntoIterator<Item = (f64, f64)>>(
    points: I,
    colour: RGBColor,
    width: u32,
    stroke: Stroke,
) -> DashedPathElement<I::IntoIter, i32>
where
    I::IntoIter: Clone,
{
    let (dash, gap) = stroke.pattern();
    DashedPathElement::new(points, dash, gap, colour.stroke_width(width))
}
