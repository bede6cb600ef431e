//! The app's Content-Security-Policy, the only implementation of it: `flowsim serve` sends it
//! with the page it serves, and `flowsim csp [DIR]` prints it for a static host of the built
//! app (`dist/`), so a page runs no script but the app's own files and Trunk's inline loader.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};

/// The policy for `page` (the `index.html` as served). Why each directive is there:
/// - `script-src`: the app's own files, each inline script (Trunk's loader) by its SHA-256
///   hash, and `'wasm-unsafe-eval'` to compile WebAssembly;
/// - `worker-src 'self'`: the sweep worker starts from `sweep_worker_loader.js`, a file of
///   the app;
/// - `style-src 'unsafe-inline'`: the positions of the board's tokens and the chart legends'
///   colours are style attributes;
/// - `img-src data:`: the favicon and the charts' PNG downloads;
/// - `connect-src 'self'`: the app connects to nothing but its own origin (rooms: the server);
/// - `frame-ancestors` is left to the host (set it to the wiki's origin to allow only it).
pub fn policy(page: &str) -> String {
    let mut script_src = String::from("script-src 'self' 'wasm-unsafe-eval'");
    for body in inline_scripts(page) {
        let hash = STANDARD.encode(Sha256::digest(body));
        script_src.push_str(&format!(" 'sha256-{hash}'"));
    }
    [
        "default-src 'self'",
        &script_src,
        "worker-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'self'",
        "form-action 'none'",
    ]
    .join("; ")
}

/// The bodies of the `<script>` elements without a `src` attribute, in page order.
fn inline_scripts(page: &str) -> impl Iterator<Item = &str> {
    let mut rest = page;
    std::iter::from_fn(move || loop {
        let start = rest.find("<script")?;
        let tag_end = start + rest[start..].find('>')?;
        let tag = &rest[start..tag_end];
        let body_start = tag_end + 1;
        let body_end = body_start + rest[body_start..].find("</script>")?;
        let body = &rest[body_start..body_end];
        rest = &rest[body_end..];
        if !has_src(tag) {
            return Some(body);
        }
    })
}

/// Whether a tag's text has a `src=` attribute (as a word: `data-src=` does not count).
fn has_src(tag: &str) -> bool {
    tag.match_indices("src=").any(|(i, _)| {
        !tag[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_only_inline_scripts_in_page_order() {
        let page = r#"<head><script src="a.js"></script><script type="module">one()</script>
            <script data-src="x">two()</script></head>"#;
        assert_eq!(inline_scripts(page).collect::<Vec<_>>(), ["one()", "two()"]);
        // python3: base64.b64encode(hashlib.sha256(b'one()').digest())
        let p = policy(page);
        assert!(
            p.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-HR7iaask9daLMRRskMI++QeJtjWDOjyPA6lGzYGzKW4=' 'sha256-"),
            "{p}"
        );
        assert_eq!(p.matches("'sha256-").count(), 2);
        assert!(p.starts_with("default-src 'self'; "));
    }

    #[test]
    fn a_page_without_inline_scripts_allows_only_its_files() {
        let p = policy("<script src=x.js></script>");
        assert!(p.contains("script-src 'self' 'wasm-unsafe-eval'; "), "{p}");
    }
}
