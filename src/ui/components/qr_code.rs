//! A QR code drawn by the app itself: the `qrcode` crate encodes the text into a matrix, and
//! the dark modules become one SVG path (no outside service, no image file).

use qrcode::{Color, QrCode};
use yew::prelude::*;

/// Properties of [`QrCodeView`].
#[derive(Properties, PartialEq)]
pub struct QrCodeProps {
    /// What the code holds (a link).
    pub text: AttrValue,
    /// What it is, for screen readers.
    pub label: AttrValue,
}

/// The path of the dark modules of `text`'s QR code and the matrix's width, in modules.
fn path(text: &str) -> Option<(String, usize)> {
    let code = QrCode::new(text.as_bytes()).ok()?;
    let w = code.width();
    let mut d = String::new();
    for (i, c) in code.to_colors().iter().enumerate() {
        if *c == Color::Dark {
            d += &format!("M{} {}h1v1h-1z", i % w, i / w);
        }
    }
    Some((d, w))
}

/// The QR code, black on white with the quiet zone the standard asks for (4 modules), so
/// phones read it in either theme.
#[function_component(QrCodeView)]
pub fn qr_code_view(props: &QrCodeProps) -> Html {
    let Some((d, w)) = path(&props.text) else {
        return html! {};
    };
    let size = w + 8;
    html! {
        <svg class="qr-code" viewBox={format!("-4 -4 {size} {size}")} role="img" aria-label={props.label.clone()}
            shape-rendering="crispEdges" xmlns="http://www.w3.org/2000/svg">
            <rect x="-4" y="-4" width={size.to_string()} height={size.to_string()} fill="#fff" />
            <path d={d} fill="#000" />
        </svg>
    }
}
