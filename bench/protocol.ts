// Messages between scripts/bench.mjs (through the page) and the bench worker,
// and the rows bench-results.json is made of.
import type { KernelBackendName } from '../lib/train/kernels';
import type { BenchModel } from './models';

export type Variant = 'stock' | 'project';

export interface ModelPlan {
  model: BenchModel;
  /** Timed training steps (batches); fewer on slow backends. */
  steps: number;
  /** Stop early after this long, keeping the steps done (at least one). */
  maxSeconds: number;
  /** Untimed steps first: shader compilation, optimizer slots, XNNPACK operators. */
  warmupSteps: number;
  /** After the timed steps, this many more, to check that memory stays flat across them. */
  memorySteps?: number;
}

/** Bytes; null where the browser does not say (performance.memory is Chromium's). */
export interface MemoryFigures {
  /** The WASM module's memory: it only grows, so its size is the peak (WASM only). */
  wasmHeapPeak: number | null;
  /** The highest JS heap in use in the worker (sampled by bench.mjs every half second over the DevTools protocol). */
  jsHeapPeak: number | null;
  /** What tfjs counts in its tensors after the timed steps. */
  tfjsBytes: number;
  /** With memorySteps: the figures at the start and at the end of those steps. */
  long?: { steps: number; wasmHeapStart: number | null; wasmHeapEnd: number | null; jsHeapStart: number | null; jsHeapEnd: number | null; tensorsStart: number; tensorsEnd: number };
}

export interface BenchRequest {
  backend: KernelBackendName;
  variant: Variant;
  batchSize: number;
  models: ModelPlan[];
  /** Also time the filter gradient alone: tfjs's kernel against our two formulations. */
  filterGradient: boolean;
  /** Time every kernel (wall clock, exclusive of nested kernels) during the timed steps; for finding what to speed up next. */
  profile?: boolean;
  /** With profile: also break this kernel down by input shapes. */
  profileDetail?: string;
  /** Also compare lib/train's TrainingLoop with a bare model.fit on the same images (first model only). */
  loop?: boolean;
  /** WASM only: use at most this many threads. */
  wasmThreads?: number;
}

export interface KernelTime {
  kernelName: string;
  callsPerStep: number;
  msPerStep: number;
}

export interface RunRow {
  model: BenchModel;
  backend: KernelBackendName;
  variant: Variant;
  samplesPerSec: number;
  numTensorsBefore: number;
  numTensorsAfter: number;
  steps: number;
  seconds: number;
  /** Tensors still alive once the model and data are disposed, beyond those before the model was built. */
  numTensorsLeftOver?: number;
  threads?: number;
  error?: string;
  /** With request.profile: the slowest kernels. */
  profile?: KernelTime[];
  memory?: MemoryFigures;
}

export interface FilterGradientRow {
  backend: KernelBackendName;
  shape: string;
  /** Milliseconds per call; null when it failed (message in errors). */
  stockMs: number | null;
  convolutionMs: number | null;
  im2colMs: number | null;
  patchesMs: number | null;
  errors?: string[];
}

export interface BackendInfo {
  backend: KernelBackendName;
  ok: boolean;
  error?: string;
  crossOriginIsolated: boolean;
  hardwareConcurrency: number;
  threads?: number;
  /** The GPU tfjs got (WebGL renderer or WebGPU adapter), when there is one. */
  device?: string;
  kernels?: string[];
}

export interface LoopOverheadRow {
  model: BenchModel;
  backend: KernelBackendName;
  variant: Variant;
  samples: number;
  fitSamplesPerSec: number;
  loopSamplesPerSec: number;
  /** How much slower the loop is than model.fit, in percent (negative: faster). */
  overheadPercent: number;
  error?: string;
}

export type BenchReply =
  | { type: 'log'; message: string }
  | { type: 'done'; info: BackendInfo; runs: RunRow[]; filterGradient: FilterGradientRow[]; loop?: LoopOverheadRow };
