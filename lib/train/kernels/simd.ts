// The project's WASM SIMD kernels (assembly/kernels.ts, compiled at setup into
// simd.generated.ts), instantiated on tfjs's own WASM memory so they read and
// write tensors in place. Where they cannot be instantiated (a browser whose
// WASM has no SIMD, say) simdKernels() is null and each caller keeps its
// JavaScript path over the same heap.
import type * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { sharedMemoryKernels, unsharedMemoryKernels } from './simd.generated';

/** Exports of assembly/kernels.ts; pointers are byte offsets into tfjs's memory. */
export interface SimdKernels {
  batchNormSums(x: number, rows: number, channels: number, shift: number, acc: number): void;
  channelAffine(x: number, y: number, rows: number, channels: number, a: number, b: number): void;
  batchNormGradSums(x: number, dy: number, rows: number, channels: number, acc: number): void;
  batchNormGradApply(x: number, dy: number, dx: number, rows: number, channels: number, abc: number): void;
  maxPoolGrad2x2(x: number, dy: number, dx: number, batch: number, inHeight: number, inWidth: number, outHeight: number, outWidth: number, channels: number): void;
  adamUpdate(
    value: number, gradient: number, m: number, v: number, outValue: number, outM: number, outV: number, n: number,
    beta1: number, beta2: number, oneMinusBeta1: number, oneMinusBeta2: number, correction1: number, correction2: number, epsilon: number, step: number,
  ): void;
}

/** The parts of tfjs's Emscripten module used here (not in its types). */
interface EmscriptenModule {
  wasmMemory?: WebAssembly.Memory;
  asm?: { memory?: WebAssembly.Memory };
  _malloc(bytes: number): number;
  _free(pointer: number): void;
}

const instances = new WeakMap<WebAssembly.Memory, SimdKernels | null>();
let enabled = true;

/** Tests and `npm run bench` compare the SIMD kernels with the JavaScript paths. */
export function enableSimdKernels(on: boolean): void {
  enabled = on;
}

function moduleOf(backend: BackendWasm): EmscriptenModule {
  return backend.wasm as unknown as EmscriptenModule;
}

/** tfjs's WebAssembly.Memory: imported by the threaded build, exported by the others. */
function memoryOf(backend: BackendWasm): WebAssembly.Memory | undefined {
  const emscripten = moduleOf(backend);
  return emscripten.wasmMemory ?? emscripten.asm?.memory;
}

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(text.length));
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** The kernels on this backend's memory, or null (then the callers' JavaScript paths run). */
export function simdKernels(backend: BackendWasm): SimdKernels | null {
  if (!enabled) return null;
  const memory = memoryOf(backend);
  if (!memory) return null;
  const known = instances.get(memory);
  if (known !== undefined) return known;
  let kernels: SimdKernels | null = null;
  try {
    const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
    // Under 4 KB: compiling synchronously is allowed even on a page's main thread.
    const compiled = new WebAssembly.Module(bytesOf(shared ? sharedMemoryKernels : unsharedMemoryKernels));
    kernels = new WebAssembly.Instance(compiled, { env: { memory } }).exports as unknown as SimdKernels;
  } catch (e) {
    console.warn(`CNN Studio: the WASM SIMD kernels are unavailable here, so JavaScript versions run (${e instanceof Error ? e.message : String(e)})`);
  }
  instances.set(memory, kernels);
  return kernels;
}

/** Where a tensor's data starts in tfjs's memory (bytes). */
export function addressOf(backend: BackendWasm, info: tf.TensorInfo): number {
  const data = (backend as unknown as { dataIdMap: { get(id: unknown): { memoryOffset: number } | undefined } }).dataIdMap.get(info.dataId);
  if (!data) throw new Error('a tensor the WASM backend does not hold');
  return data.memoryOffset;
}

/** Runs `run` with `bytes` of scratch from tfjs's allocator (16-byte aligned), freed after. Views of the heap taken before may be stale: malloc can grow it. */
export function withScratch<T>(backend: BackendWasm, bytes: number, run: (pointer: number) => T): T {
  const emscripten = moduleOf(backend);
  const pointer = emscripten._malloc(bytes);
  if (!pointer) throw new Error(`tfjs's WASM allocator could not give ${bytes} bytes`);
  try {
    return run(pointer);
  } finally {
    emscripten._free(pointer);
  }
}

/** A fresh view of tfjs's memory (after any growth). */
export function heapBuffer(backend: BackendWasm): ArrayBufferLike {
  return memoryOf(backend)!.buffer;
}
