//! Parts of the app that the release build ships in wasm files of their own, fetched the first
//! time one is shown, so that a page that embeds the app loads only what its first screen
//! needs.
//!
//! A [`Part`] is a component behind a split point. With the `split` feature (the release
//! build: `index.html` turns it on) its renderer is a `#[wasm_split]` function: the build's
//! `scripts/split-wasm.mjs` runs wasm-split-cli, which moves that function and everything only
//! it uses into `split_<chunk>.wasm`, and the first call fetches the file and links it into the
//! running module (same memory, same function table), so the part's components are ordinary
//! Yew components from then on. Without the feature (tests, development builds) the renderer is
//! a plain function and a part renders at once.
//!
//! [`Lazy`] shows a part: its component once the renderer is here, until then a line that says
//! what is coming, and if the file cannot be fetched, that, with a button to try again.
//! [`parts!`](crate::parts) declares them; `ui::parts` lists them all.

use super::focus;
use std::future::Future;
use std::pin::Pin;
use std::sync::OnceLock;
use web_sys::Element;
use yew::prelude::*;

/// How a part draws itself once it is loaded: its component with these properties.
pub type Render<P> = fn(&P) -> Html;

/// The future of a part's renderer: `None` when its file could not be fetched.
pub type Loading<P> = Pin<Box<dyn Future<Output = Option<Render<P>>>>>;

/// A component behind a split point: how to get its renderer, and the renderer once it is here.
pub struct Part<P: 'static> {
    /// What it is, as the loading line and the error say it: "the forecast panel".
    pub name: &'static str,
    /// Fetches the part's file (split builds).
    load: Option<fn() -> Loading<P>>,
    /// The renderer when it is in the main module (builds without `split`).
    direct: Option<Render<P>>,
    /// The renderer once its file is linked in.
    loaded: OnceLock<Render<P>>,
}

impl<P: 'static> Part<P> {
    /// A part that is fetched by `load` (split builds) or rendered by `direct` (the others).
    pub const fn new(
        name: &'static str,
        load: Option<fn() -> Loading<P>>,
        direct: Option<Render<P>>,
    ) -> Self {
        Self {
            name,
            load,
            direct,
            loaded: OnceLock::new(),
        }
    }

    /// The renderer, if the part can render now.
    pub fn ready(&self) -> Option<Render<P>> {
        self.direct.or_else(|| self.loaded.get().copied())
    }

    /// Fetches the part (once; a failure may be retried): true when it can render.
    pub async fn fetch(&self) -> bool {
        if self.ready().is_some() {
            return true;
        }
        let Some(load) = self.load else { return false };
        match load().await {
            Some(render) => {
                let _ = self.loaded.set(render);
                true
            }
            None => false,
        }
    }
}

/// Properties of [`Lazy`].
#[derive(Properties)]
pub struct LazyProps<P: PartialEq + 'static> {
    /// The part.
    pub part: &'static Part<P>,
    /// Its component's properties.
    pub props: P,
    /// Shows nothing while the file is on its way (a part that may show nothing itself, or a
    /// dialog, which would otherwise push the page down for a moment).
    #[prop_or_default]
    pub quiet: bool,
    /// Closes what asked for the part (a dialog): the error then has a ✕.
    #[prop_or_default]
    pub on_dismiss: Option<Callback<()>>,
}

impl<P: PartialEq + 'static> PartialEq for LazyProps<P> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.part, other.part)
            && self.props == other.props
            && self.quiet == other.quiet
            && self.on_dismiss == other.on_dismiss
    }
}

/// Where a part's file is.
#[derive(Clone, Copy, PartialEq)]
enum Fetch {
    /// On its way (or here: then the part renders).
    Pending,
    /// It could not be fetched.
    Failed,
}

/// A part: its component once its file is here.
#[function_component]
pub fn Lazy<P: PartialEq + 'static>(props: &LazyProps<P>) -> Html {
    let part = props.part;
    let fetch = use_state(|| Fetch::Pending);
    let update = use_force_update();
    // The failure line, whose place the part takes when Try again brings it.
    let failed = use_node_ref();
    {
        // Each time the part is pending (at first, and after Try again), its file is asked for.
        let failed = fetch.clone();
        use_effect_with(*fetch, move |now| {
            if *now == Fetch::Pending && part.ready().is_none() {
                yew::platform::spawn_local(async move {
                    if part.fetch().await {
                        update.force_update();
                    } else {
                        failed.set(Fetch::Failed);
                    }
                });
            }
        });
    }
    match (part.ready(), *fetch) {
        (Some(render), _) => render(&props.props),
        (None, Fetch::Pending) if props.quiet => html! {},
        (None, Fetch::Pending) => html! {
            <p class="part-loading muted" role="status">{ format!("Loading {}…", part.name) }</p>
        },
        (None, Fetch::Failed) => {
            let retry = {
                let failed = failed.clone();
                move |_: MouseEvent| {
                    focus_when_here(Box::new(move || part.ready().is_some()), &failed);
                    fetch.set(Fetch::Pending);
                }
            };
            html! {
                <p ref={failed} class="part-failed notice" role="alert">
                    <span>{ format!("{} could not be loaded: the connection to the page's server may be lost.", capitalised(part.name)) }</span>
                    <button class="btn btn-small" onclick={retry}>{ "Try again" }</button>
                    if let Some(dismiss) = &props.on_dismiss {
                        <button class="icon-btn" aria-label="Dismiss" onclick={dismiss.reform(|_: MouseEvent| ())}>{ "✕" }</button>
                    }
                </p>
            }
        }
    }
}

/// After Try again: focus, which was on the button, goes to the part once it is drawn where
/// the failure line `failed` was (after the same element, in the same parent), or to the new
/// Try again if the file could not be fetched again. A part that draws nothing takes no focus.
/// `loaded` tells whether the part's file is here. (Not generic: one copy serves every part.)
/// Yew draws the pending state at once, so focus is off the page by the first look.
fn focus_when_here(loaded: Box<dyn Fn() -> bool>, failed: &NodeRef) {
    let Some(line) = failed.cast::<Element>() else {
        return;
    };
    let (before, after) = (line.previous_element_sibling(), line.next_element_sibling());
    let parent = line.parent_element();
    focus::focus_when(Box::new(move |_| {
        let here = match &before {
            Some(el) => el.next_element_sibling(),
            None => parent.as_ref()?.first_element_child(),
        }?;
        if here.matches(".part-failed").unwrap_or(false) {
            return here.query_selector("button").ok().flatten();
        }
        // Still on its way, or nothing drawn where the line was.
        let drawn = !here.matches(".part-loading").unwrap_or(true) && Some(&here) != after.as_ref();
        (loaded() && drawn).then_some(here)
    }));
}

/// "the forecast panel" → "The forecast panel".
fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Declares [`Part`]s, one per line:
/// `pub static NAME: Component[Props] in file as split_point, "what it is";`
/// `file` names the wasm file (`split_<file>.wasm`; parts with the same file share it);
/// `split_point` names the split point, unique in the program.
#[macro_export]
macro_rules! parts {
    ($($(#[$m:meta])* $vis:vis static $part:ident: $comp:ty [$props:ty] in $chunk:ident as $func:ident, $name:literal;)*) => {$(
        $(#[$m])*
        $vis static $part: $crate::ui::lazy::Part<$props> = {
            fn render(p: &$props) -> ::yew::Html {
                ::yew::html! { <$comp ..p.clone() /> }
            }
            #[cfg(feature = "split")]
            #[::wasm_split_helpers::wasm_split($chunk, fallible)]
            fn $func() -> ::std::result::Result<
                $crate::ui::lazy::Render<$props>,
                ::wasm_split_helpers::SplitLoaderError,
            > {
                Ok(render)
            }
            #[cfg(feature = "split")]
            fn load() -> $crate::ui::lazy::Loading<$props> {
                ::std::boxed::Box::pin(async { $func().await.ok() })
            }
            #[cfg(feature = "split")]
            {
                $crate::ui::lazy::Part::new($name, Some(load), None)
            }
            #[cfg(not(feature = "split"))]
            {
                $crate::ui::lazy::Part::new($name, None, Some(render))
            }
        };
    )*};
}
