//! Charts drawn with plotters on a canvas, one per file.

pub mod done_chart;

use plotters::style::RGBColor;

/// Colours of the charts: the Okabe–Ito palette, safe for colour-blind viewers.
pub struct ChartTheme {
    /// Canvas background.
    pub background: RGBColor,
    /// Labels.
    pub text: RGBColor,
    /// Axis lines.
    pub axis: RGBColor,
    /// Grid lines.
    pub grid: RGBColor,
    /// Series colours, in order.
    pub series: [RGBColor; 6],
}

/// The chart colours for the page's theme.
pub fn theme() -> ChartTheme {
    ChartTheme {
        background: RGBColor(255, 255, 255),
        text: RGBColor(40, 44, 52),
        axis: RGBColor(120, 126, 138),
        grid: RGBColor(232, 235, 240),
        series: [
            RGBColor(0, 114, 178),
            RGBColor(230, 159, 0),
            RGBColor(0, 158, 115),
            RGBColor(204, 121, 167),
            RGBColor(86, 180, 233),
            RGBColor(213, 94, 0),
        ],
    }
}
