// Choosing and starting a tfjs backend inside the training worker.
import * as tf from '@tensorflow/tfjs';
import { autoOrder, type BackendChoice, type BackendName } from '../backendNames';
import { registerKernelsFor } from './extensions';
import { configureWasmBackend, wasmThreadCount } from '../kernels';


/** threads: how many threads WASM's XNNPACK runs on (WASM only). */
export type BackendResult = { ok: true; backend: BackendName; notes: string[]; threads?: number; threadsWanted?: number } | { ok: false; error: string; notes: string[] };

/** Where setup puts tfjs's .wasm files (public/tfjs-wasm). */
const WASM_PATH = '/tfjs-wasm/';

interface GpuLike {
  requestAdapter(): Promise<unknown>;
}

function gpuOf(): GpuLike | undefined {
  const nav = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator;
  return nav?.gpu;
}

/** Makes the backend available to tf.setBackend; a string says why it cannot be. */
async function register(name: BackendName): Promise<string | null> {
  switch (name) {
    case 'webgpu': {
      const gpu = gpuOf();
      if (!gpu) return 'this browser has no WebGPU (navigator.gpu is missing)';
      const adapter = await gpu.requestAdapter().catch(() => null);
      if (!adapter) return 'WebGPU found no GPU adapter';
      await import('@tensorflow/tfjs-backend-webgpu');
      return null;
    }
    case 'wasm': {
      // Without its .wasm files tfjs-wasm fails with an uncatchable error inside its own loader: check first.
      const probe = await fetch(`${WASM_PATH}tfjs-backend-wasm.wasm`, { method: 'HEAD' }).catch(() => null);
      if (!probe?.ok) return `the WebAssembly files are not served at ${WASM_PATH} (run npm run setup)`;
      // Threads and SIMD when the page is cross-origin isolated (see kernels/wasm-setup.ts).
      await configureWasmBackend(WASM_PATH);
      return null;
    }
    case 'webgl':
      if (typeof OffscreenCanvas === 'undefined' && typeof document === 'undefined') return 'WebGL needs OffscreenCanvas in a worker';
      return null;
    case 'cpu':
      return null;
  }
}

/** Starts one backend with the project's kernels; null when it runs, else why not (notes get kernel warnings). */
export async function startBackend(name: BackendName, notes: string[] = []): Promise<string | null> {
  try {
    const why = await register(name);
    if (why) return why;
    const ok = await tf.setBackend(name);
    if (!ok) return `tfjs could not start ${name}`;
    await tf.ready();
    if (tf.getBackend() !== name) return `tfjs started ${tf.getBackend()} instead`;
    const kernelNote = await registerKernelsFor(name);
    if (kernelNote) notes.push(kernelNote);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * Starts the chosen backend; 'auto' (here) tries WebGPU, WebGL, WASM, then CPU. A chosen
 * backend that cannot start falls back along the same order, and the notes
 * say why, so the page can show the backend actually used and the reason.
 */
export async function activateBackend(choice: BackendChoice): Promise<BackendResult> {
  const order = choice === 'auto' ? autoOrder : [choice, ...autoOrder.filter((b) => b !== choice)];
  const notes: string[] = [];
  for (const name of order) {
    const why = await startBackend(name, notes);
    if (why === null) {
      if (name !== 'wasm') return { ok: true, backend: name, notes };
      const { getThreadsCount } = await import('@tensorflow/tfjs-backend-wasm');
      const threads = getThreadsCount();
      if (threads < wasmThreadCount()) notes.push(`wasm: ${threads} of ${wasmThreadCount()} threads`);
      return { ok: true, backend: name, notes, threads, threadsWanted: wasmThreadCount() };
    }
    notes.push(`${name}: ${why}`);
  }
  return { ok: false, error: `No backend could start (${notes.join('; ')})`, notes };
}

/**
 * Calls `onFailure` when the GPU goes away under us (WebGPU device lost,
 * WebGPU out-of-memory error, WebGL context lost). tfjs itself would only show
 * it as wrong numbers or a hang.
 */
export function watchDevice(onFailure: (kind: 'deviceLost' | 'outOfMemory', message: string) => void): () => void {
  let active = true;
  const backend = tf.backend() as unknown as {
    device?: { lost?: Promise<{ message?: string; reason?: string }>; addEventListener?: (t: string, f: (e: Event) => void) => void };
    gpgpu?: { gl?: { canvas?: { addEventListener?: (t: string, f: () => void) => void } } };
  };
  const device = backend.device;
  if (device?.lost) {
    void device.lost.then((info) => {
      if (active && info.reason !== 'destroyed') onFailure('deviceLost', `WebGPU device lost${info.message ? `: ${info.message}` : ''}`);
    });
  }
  device?.addEventListener?.('uncapturederror', (event) => {
    const error = (event as unknown as { error?: { message?: string; constructor?: { name?: string } } }).error;
    if (active && error?.constructor?.name === 'GPUOutOfMemoryError') onFailure('outOfMemory', `WebGPU ran out of memory: ${error.message ?? ''}`);
  });
  backend.gpgpu?.gl?.canvas?.addEventListener?.('webglcontextlost', () => {
    if (active) onFailure('deviceLost', 'the WebGL context was lost');
  });
  return () => {
    active = false;
  };
}
