//! Two things for the wasm builds:
//!
//! - The release app's wasm (feature `split`) is linked with its relocations kept:
//!   wasm-split-cli reads them to tell which functions and data only a part loaded on demand
//!   uses (scripts/split-wasm.mjs, src/ui/lazy.rs). Only that build: binaryen refuses to
//!   optimise a module that still has them, and wasm-bindgen drops them from what ships.
//! - The lessons without their claims: the web app never reads them (the native tests check
//!   them), so it compiles in copies of `lessons/*.json` with `"claims": []` and no
//!   indentation (src/lessons.rs), written to OUT_DIR.

use std::path::PathBuf;
use std::{env, fs};

fn main() {
    let wasm = env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    if wasm && env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo:rustc-link-arg-bin=flowsim=--emit-relocs");
    }
    if wasm {
        lessons_without_claims();
    }
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=lessons");
}

fn lessons_without_claims() {
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("lessons");
    fs::create_dir_all(&out).expect("OUT_DIR is writable");
    let lessons =
        PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it")).join("lessons");
    for entry in fs::read_dir(lessons).expect("the lessons folder") {
        let path = entry.expect("a lesson file").path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let text = fs::read_to_string(&path).expect("a readable lesson file");
        // A file that does not read is left for src/lessons.rs to report, as natively.
        // (Numbers are copied as written: serde_json's `arbitrary_precision`, on for this
        // build-dependency only.)
        let copy = match serde_json::from_str::<serde_json::Value>(&text) {
            Ok(serde_json::Value::Object(mut lesson)) => {
                lesson.insert("claims".into(), serde_json::Value::Array(Vec::new()));
                serde_json::to_string(&lesson).expect("a JSON value writes")
            }
            _ => text,
        };
        let name = path.file_name().expect("a file name");
        fs::write(out.join(name), copy).expect("OUT_DIR is writable");
    }
}
