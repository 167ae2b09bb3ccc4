// Starting tfjs's WASM backend with threads and SIMD. The threaded build needs
// SharedArrayBuffer, which the browser only gives a cross-origin isolated page
// (next.config.js sends COOP/COEP on every route); without it tfjs quietly
// falls back to one thread.

export interface WasmSetup {
  /** Threads XNNPACK was asked to use (1 when not isolated). */
  threads: number;
  crossOriginIsolated: boolean;
}

interface IsolationScope {
  crossOriginIsolated?: boolean;
  navigator?: { hardwareConcurrency?: number };
}

/** Every logical core when the page is cross-origin isolated, else 1 (the only thing tfjs can do then). */
export function wasmThreadCount(scope: IsolationScope = globalThis as IsolationScope): number {
  if (scope.crossOriginIsolated !== true) return 1;
  const cores = scope.navigator?.hardwareConcurrency ?? 1;
  return Math.max(1, Math.min(cores, 8));
}

/**
 * Imports the WASM backend and points it at our own copy of the binaries
 * (public/tfjs-wasm, filled by scripts/setup/30-tfjs-wasm.mjs). Call before
 * tf.setBackend('wasm'); afterwards it cannot change the thread count.
 */
export async function configureWasmBackend(wasmPath = '/tfjs-wasm/'): Promise<WasmSetup> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  wasm.setWasmPaths(wasmPath);
  const threads = wasmThreadCount();
  wasm.setThreadsCount(threads);
  return { threads, crossOriginIsolated: (globalThis as IsolationScope).crossOriginIsolated === true };
}
