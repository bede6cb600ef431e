//! The browser's local storage, where the page may use it. A browser can refuse it: a page in a
//! frame of another site where third-party storage is blocked (an embed on a wiki), or a
//! private window with storage switched off. The app then runs without saving: nothing is
//! kept across a reload, and nothing fails.

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The text stored under `key`, if storage is available and holds it.
pub fn get(key: &str) -> Option<String> {
    local()?.get_item(key).ok().flatten()
}

/// Stores `value` under `key`; does nothing where storage is refused or full.
pub fn set(key: &str, value: &str) {
    if let Some(storage) = local() {
        let _ = storage.set_item(key, value);
    }
}

/// Removes what is stored under `key`, if storage is available.
pub fn remove(key: &str) {
    if let Some(storage) = local() {
        let _ = storage.remove_item(key);
    }
}
