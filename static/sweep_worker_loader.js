// Starts the background worker (sweeps and forecasts): wasm-bindgen's script for the worker
// build, then its wasm, both beside this file. The page starts the worker from this file
// rather than from a blob, so the Content-Security-Policy needs no `worker-src blob:`.
importScripts('./sweep_worker.js');
wasm_bindgen({ module_or_path: './sweep_worker_bg.wasm' });
