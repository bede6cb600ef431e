//! The release app's wasm (feature `split`) is linked with its relocations kept: wasm-split-cli
//! reads them to tell which functions and data only a part loaded on demand uses
//! (scripts/split-wasm.mjs, src/ui/lazy.rs). Only that build: binaryen refuses to optimise a
//! module that still has them, and wasm-bindgen drops them from what ships.

fn main() {
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    if wasm && std::env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo:rustc-link-arg-bin=flowsim=--emit-relocs");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
