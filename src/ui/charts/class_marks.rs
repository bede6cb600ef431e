//! How charts draw classes of service: the same colour and shape as their tokens on the board
//! (square, circle, diamond, triangle, hexagon, plus), so colour is never the only cue.

use super::theme::{BLUE, GREEN, ORANGE, PURPLE, SKY, VERMILLION};
use plotters::element::{DynElement, EmptyElement, IntoDynElement, Polygon};
use plotters::prelude::*;

/// Palette slot of each class, in the order of the scenario's classes (as `.class-N` in CSS).
pub const CLASS_SLOTS: [usize; 6] = [BLUE, ORANGE, VERMILLION, GREEN, PURPLE, SKY];

/// The outline of class `c`'s shape around (0, 0), `r` pixels from the centre.
fn outline(c: u8, r: i32) -> Vec<(i32, i32)> {
    let h = r / 2;
    match c % 6 {
        0 => vec![(-r, -r), (r, -r), (r, r), (-r, r)],
        1 => (0..12)
            .map(|k| {
                let a = k as f64 * std::f64::consts::PI / 6.0;
                (
                    (r as f64 * a.cos()).round() as i32,
                    (r as f64 * a.sin()).round() as i32,
                )
            })
            .collect(),
        2 => vec![(0, -r - 1), (r + 1, 0), (0, r + 1), (-r - 1, 0)],
        3 => vec![(0, -r - 1), (r + 1, r), (-r - 1, r)],
        4 => vec![(-h, -r), (h, -r), (r, 0), (h, r), (-h, r), (-r, 0)],
        _ => {
            let t = (r / 3).max(1);
            vec![
                (-t, -r),
                (t, -r),
                (t, -t),
                (r, -t),
                (r, t),
                (t, t),
                (t, r),
                (-t, r),
                (-t, t),
                (-r, t),
                (-r, -t),
                (-t, -t),
            ]
        }
    }
}

/// A mark of class `c` at `at`, filled with `style`.
pub fn class_mark<'a, DB: DrawingBackend + 'a>(
    c: u8,
    at: (f64, f64),
    r: i32,
    style: ShapeStyle,
) -> DynElement<'a, DB, (f64, f64)> {
    (EmptyElement::at(at) + Polygon::new(outline(c, r), style)).into_dyn()
}
