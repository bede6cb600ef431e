//! The typed reading of JSON values: leaves, objects, lists and tagged objects, each wrong one
//! named as a problem and replaced by a placeholder so the walk goes on.

use serde_json::{Map, Value};
use std::collections::HashSet;

/// A JSON value in a few words: `-3`, `"fast"`, `null`, `an array`, `an object`.
pub(super) fn describe(v: &Value) -> String {
    match v {
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
        Value::String(s) if s.chars().count() > 40 => {
            format!("\"{}…\"", s.chars().take(40).collect::<String>())
        }
        other => other.to_string(),
    }
}

/// The path of field `name` of the object at `parent`.
pub(super) fn join(parent: &str, name: &str) -> String {
    if parent == "." {
        name.into()
    } else {
        format!("{parent}.{name}")
    }
}

/// A leaf type the format uses, with what a wrong value is told and what stands in for it.
pub(super) trait Leaf: Sized {
    /// What the field must be, in plain words.
    const WANT: &'static str;
    /// Whether the range rule of the field (from `validate.rs`) says it better than `WANT`.
    const RULED: bool;
    /// The value, if it has this type.
    fn read(v: &Value) -> Option<Self>;
    /// Stands in for a wrong value; out of range where a range applies, so the rule is found.
    fn placeholder() -> Self;
}

/// What a whole number field must be when no range rule says more.
const WHOLE: &str = "must be a whole number (0 or more)";

macro_rules! leaf {
    ($t:ty, $want:expr, $ruled:expr, $read:expr, $placeholder:expr) => {
        impl Leaf for $t {
            const WANT: &'static str = $want;
            const RULED: bool = $ruled;
            fn read(v: &Value) -> Option<$t> {
                ($read)(v)
            }
            fn placeholder() -> $t {
                $placeholder
            }
        }
    };
}

leaf!(f64, "must be a number", false, Value::as_f64, f64::NAN);
leaf!(
    u32,
    WHOLE,
    true,
    |v: &Value| v.as_u64().and_then(|n| u32::try_from(n).ok()),
    u32::MAX
);
leaf!(u64, WHOLE, false, Value::as_u64, 0);
leaf!(bool, "must be true or false", false, Value::as_bool, false);
leaf!(
    String,
    "must be text in quotes",
    false,
    |v: &Value| v.as_str().map(String::from),
    String::new()
);

/// A problem the walk found.
pub(super) struct Found {
    pub(super) path: String,
    pub(super) want: String,
    /// The value found, described; `None` for a missing field.
    pub(super) got: Option<String>,
    pub(super) ruled: bool,
}

/// An object being read: its path, its fields (`None` if it is not an object, already said),
/// and the field names read so far.
pub(super) struct Obj<'v> {
    pub(super) path: String,
    pub(super) map: Option<&'v Map<String, Value>>,
    pub(super) known: Vec<&'static str>,
}

/// The state of one walk over a document.
#[derive(Default)]
pub(super) struct Walk {
    pub(super) found: Vec<Found>,
    /// Paths whose range problems are moot: a placeholder stands there.
    pub(super) moot: HashSet<String>,
    /// Every path visited, in the order of the format (which documents list fields in).
    pub(super) order: Vec<String>,
}

impl Walk {
    pub(super) fn problem(
        &mut self,
        path: &str,
        want: impl Into<String>,
        got: Option<&Value>,
        ruled: bool,
    ) {
        self.found.push(Found {
            path: path.into(),
            want: want.into(),
            got: got.map(describe),
            ruled,
        });
        self.moot.insert(path.into());
    }

    /// The object at `path`; anything else is a problem (and reads as an object without fields).
    pub(super) fn object<'v>(&mut self, path: &str, v: &'v Value, what: &str) -> Obj<'v> {
        let map = v.as_object();
        if map.is_none() {
            let want = format!("must be a JSON object ({what})");
            self.problem(path, want, Some(v), false);
        }
        Obj {
            path: path.into(),
            map,
            known: Vec::new(),
        }
    }

    /// Field `name` read by `read`; `None` when it is absent.
    pub(super) fn with<'v, T>(
        &mut self,
        o: &mut Obj<'v>,
        name: &'static str,
        read: impl FnOnce(&mut Self, &str, &'v Value) -> T,
    ) -> Option<T> {
        o.known.push(name);
        let path = join(&o.path, name);
        self.order.push(path.clone());
        let v = o.map?.get(name)?;
        Some(read(self, &path, v))
    }

    /// A field that must be present: a missing one is a problem and gets `placeholder`.
    pub(super) fn need<'v, T>(
        &mut self,
        o: &mut Obj<'v>,
        name: &'static str,
        placeholder: T,
        read: impl FnOnce(&mut Self, &str, &'v Value) -> T,
    ) -> T {
        self.with(o, name, read).unwrap_or_else(|| {
            let path = join(&o.path, name);
            if o.map.is_some() {
                self.problem(&path, "is required", None, false);
            }
            self.moot.insert(path);
            placeholder
        })
    }

    pub(super) fn leaf<T: Leaf>(&mut self, path: &str, v: &Value) -> T {
        T::read(v).unwrap_or_else(|| {
            self.problem(path, T::WANT, Some(v), T::RULED);
            // `2.0` for a whole number: say what is wrong with it, or "got 2.0" reads as a
            // contradiction.
            if T::WANT == WHOLE && v.is_f64() && v.as_f64().is_some_and(|x| x.fract() == 0.0) {
                if let Some(got) = &mut self.found.last_mut().expect("just found").got {
                    got.push_str(", with a decimal point: write whole numbers without one");
                }
            }
            T::placeholder()
        })
    }

    /// A required leaf field.
    pub(super) fn req<T: Leaf>(&mut self, o: &mut Obj, name: &'static str) -> T {
        self.need(o, name, T::placeholder(), Self::leaf)
    }

    /// A leaf field with a default.
    pub(super) fn or<T: Leaf>(&mut self, o: &mut Obj, name: &'static str, default: fn() -> T) -> T {
        self.with(o, name, Self::leaf).unwrap_or_else(default)
    }

    /// An optional field: absent or `null` is `None`.
    pub(super) fn opt<'v, T>(
        &mut self,
        o: &mut Obj<'v>,
        name: &'static str,
        read: impl FnOnce(&mut Self, &str, &'v Value) -> T,
    ) -> Option<T> {
        self.with(o, name, |w, path, v| {
            (!v.is_null()).then(|| read(w, path, v))
        })
        .flatten()
    }

    /// A list, each item read by `item`.
    pub(super) fn list<'v, T>(
        &mut self,
        path: &str,
        v: &'v Value,
        what: &str,
        item: impl Fn(&mut Self, &str, &'v Value) -> T,
    ) -> Vec<T> {
        let Some(items) = v.as_array() else {
            self.problem(path, format!("must be a list of {what}"), Some(v), false);
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, x) in items.iter().enumerate() {
            let at = format!("{path}[{i}]");
            self.order.push(at.clone());
            out.push(item(self, &at, x));
        }
        out
    }

    /// Names each field of `o` that the format does not have.
    pub(super) fn finish(&mut self, o: Obj) {
        for key in o.map.into_iter().flat_map(Map::keys) {
            if !o.known.contains(&key.as_str()) {
                let path = join(&o.path, key);
                self.order.push(path.clone());
                let want = format!(
                    "unknown field `{key}` (the fields here are {})",
                    o.known.join(", ")
                );
                self.problem(&path, want, None, false);
            }
        }
    }

    /// An object tagged by its `type`, one of `types`: the type and the object, or `None`
    /// (said, and the whole value made moot) when the tag is missing or unknown.
    pub(super) fn tagged<'v>(
        &mut self,
        path: &str,
        v: &'v Value,
        what: &str,
        types: &[&'static str],
    ) -> Option<(&'static str, Obj<'v>)> {
        let mut o = self.object(path, v, what);
        o.map?;
        let list = types.join(", ");
        let at = join(path, "type");
        let tag = match self.with(&mut o, "type", |_, _, t| t) {
            None => {
                self.problem(&at, format!("is required: one of {list}"), None, false);
                None
            }
            Some(t) => {
                let found = t.as_str().and_then(|t| types.iter().find(|&&k| k == t));
                if found.is_none() {
                    match t.as_str() {
                        Some(t) => {
                            let t = describe(&Value::from(t));
                            let want = format!("unknown type {t} (the types are {list})");
                            self.problem(&at, want, None, false);
                        }
                        None => self.problem(&at, format!("must be one of {list}"), Some(t), false),
                    }
                }
                found.copied()
            }
        };
        if tag.is_none() {
            self.moot.insert(path.into());
        }
        Some((tag?, o))
    }
}
