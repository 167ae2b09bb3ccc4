// Starting tfjs's WASM backend with threads and SIMD. The threaded build needs
// SharedArrayBuffer, which the browser only gives a cross-origin isolated page
// (next.config.js sends COOP/COEP on every route); without it tfjs falls back
// to one thread.
import * as tf from '@tensorflow/tfjs';

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
 * tfjs-backend-wasm 4.x caps its thread pool at navigator.hardwareConcurrency / 2
 * (it assumes two hyperthreads per core), whatever setThreadsCount asks: one
 * thread on a 2-core laptop. The cap is read once, while the module starts,
 * so for exactly that moment we report twice the threads we want.
 */
function withReportedCores<T>(cores: number, start: () => Promise<T>): Promise<T> {
  const nav = (globalThis as IsolationScope).navigator;
  if (!nav) return start();
  let patched = false;
  try {
    Object.defineProperty(nav, 'hardwareConcurrency', { value: cores, configurable: true });
    patched = true;
  } catch {
    // A navigator that cannot be patched keeps tfjs's cap.
  }
  return start().finally(() => {
    if (patched) delete (nav as { hardwareConcurrency?: number }).hardwareConcurrency;
  });
}

/** Emscripten's loader for the threaded build, copied next to the .wasm files by scripts/setup/30-tfjs-wasm.mjs. */
export const threadedLoaderFile = 'tfjs-backend-wasm-threaded-simd.js';

/**
 * tfjs starts each WASM thread from the source text of its bundled loader
 * (`factory.toString()` in a Blob). A minifier (Next's production build, for
 * one) rewrites that text against names that exist only in the bundle, and the
 * threads die with "a is not defined". While the backend starts, the Blob
 * holding that text is swapped for one that loads tfjs's own, unminified
 * loader from our server: the same Emscripten build, so it matches the
 * module the page runs.
 */
function withUnminifiedThreadLoader<T>(loaderUrl: string, start: () => Promise<T>): Promise<T> {
  const scope = globalThis as { Blob: typeof Blob };
  const OriginalBlob = scope.Blob;
  class LoaderBlob extends OriginalBlob {
    constructor(parts?: BlobPart[], options?: BlobPropertyBag) {
      const first = parts?.[0];
      const isThreadLoader = typeof first === 'string' && first.startsWith('var WasmBackendModuleThreadedSimd =');
      super(isThreadLoader ? [`importScripts(${JSON.stringify(loaderUrl)});`] : parts, options);
    }
  }
  scope.Blob = LoaderBlob;
  return start().finally(() => {
    scope.Blob = OriginalBlob;
  });
}

const wrapped = Symbol.for('cnn-studio.wasmFactoryWrapped');

/**
 * Imports the WASM backend and points it at our own copy of the binaries
 * (public/tfjs-wasm, filled by scripts/setup/30-tfjs-wasm.mjs), with threads
 * (see withReportedCores and withUnminifiedThreadLoader). Call before
 * tf.setBackend('wasm'); afterwards it cannot change the thread count.
 * `threadLimit` caps the threads (the benchmark compares 1 with all).
 */
export async function configureWasmBackend(wasmPath = '/tfjs-wasm/', threadLimit?: number): Promise<WasmSetup> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  wasm.setWasmPaths(wasmPath);
  const threads = Math.min(wasmThreadCount(), threadLimit ?? Infinity);
  wasm.setThreadsCount(threads);
  const factory = tf.findBackendFactory('wasm') as (((...a: unknown[]) => Promise<tf.KernelBackend>) & { [wrapped]?: true }) | null;
  // Isolated means tfjs picks the threaded build, which needs the loader fix
  // even on one thread (it starts its worker pool regardless).
  const isolated = (globalThis as IsolationScope).crossOriginIsolated === true;
  if (factory && !factory[wrapped] && !tf.findBackend('wasm') && isolated) {
    const base = (globalThis as { location?: { href: string } }).location?.href;
    const loaderUrl = base ? new URL(wasmPath + threadedLoaderFile, base).href : wasmPath + threadedLoaderFile;
    const start = () => withUnminifiedThreadLoader(loaderUrl, () => factory());
    const patchedFactory = Object.assign(() => (threads > 1 ? withReportedCores(threads * 2, start) : start()), { [wrapped]: true as const });
    tf.removeBackend('wasm');
    tf.registerBackend('wasm', patchedFactory, 2);
  }
  return { threads, crossOriginIsolated: isolated };
}
