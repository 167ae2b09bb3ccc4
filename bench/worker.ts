/// <reference lib="webworker" />
// Runs one backend × variant of the benchmark inside a Web Worker, where the
// app trains too (WASM threads, OffscreenCanvas WebGL, WebGPU all work here).
import * as tf from '@tensorflow/tfjs';
import { configureWasmBackend, filterGradient, fusedAdam, projectKernelsFor, registerProjectKernels, type KernelBackendName } from '../lib/train/kernels';
import { buildModel } from './models';
import { TrainingLoop } from '../lib/train/worker/loop';
import { planSplit } from '../lib/train/worker/batches';
import { defaultHyperparameters } from '../lib/train/page/hyperparameters';
import type { BackendInfo, BenchReply, BenchRequest, FilterGradientRow, KernelTime, LoopOverheadRow, MemoryFigures, ModelPlan, RunRow } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (reply: BenchReply) => scope.postMessage(reply);
const log = (message: string) => post({ type: 'log', message });
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function startBackend(backend: KernelBackendName, threadLimit?: number): Promise<BackendInfo> {
  const info: BackendInfo = {
    backend,
    ok: false,
    crossOriginIsolated: scope.crossOriginIsolated,
    hardwareConcurrency: navigator.hardwareConcurrency,
  };
  try {
    if (backend === 'webgpu') {
      const gpu = (navigator as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
      if (!gpu) throw new Error('no navigator.gpu in this worker');
      if (!(await gpu.requestAdapter())) throw new Error('WebGPU found no adapter');
      await import('@tensorflow/tfjs-backend-webgpu');
    }
    if (backend === 'wasm') info.threads = (await configureWasmBackend('/tfjs-wasm/', threadLimit)).threads;
    if (!(await tf.setBackend(backend))) throw new Error(`tf.setBackend('${backend}') failed`);
    await tf.ready();
    if (backend === 'wasm') {
      info.threads = (await import('@tensorflow/tfjs-backend-wasm')).getThreadsCount();
      log(`wasm: isolated ${scope.crossOriginIsolated}, SAB ${typeof SharedArrayBuffer}, simd ${await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')}, threads support ${await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')}, threads ${info.threads}`);
    }
    info.ok = true;
    info.device = deviceName();
  } catch (e) {
    info.error = messageOf(e);
  }
  return info;
}

function deviceName(): string | undefined {
  try {
    const b = tf.backend() as unknown as {
      gpgpu?: { gl: WebGL2RenderingContext };
      adapterInfo?: { vendor?: string; architecture?: string; description?: string };
    };
    if (b.gpgpu) {
      const gl = b.gpgpu.gl;
      const ext = gl.getExtension('WEBGL_debug_renderer_info');
      return String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    }
    if (b.adapterInfo) return [b.adapterInfo.vendor, b.adapterInfo.architecture, b.adapterInfo.description].filter(Boolean).join(' ') || 'WebGPU adapter';
  } catch {
    // Only a label for the report.
  }
  return undefined;
}

/** Deterministic images in [0,1) and one-hot labels, so every backend sees the same batch. */
function syntheticBatch(batchSize: number, classes: number): { xs: tf.Tensor4D; ys: tf.Tensor2D } {
  const pixels = new Float32Array(batchSize * 28 * 28);
  let s = 12345;
  for (let i = 0; i < pixels.length; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    pixels[i] = (s >>> 8) / 16777216;
  }
  const labels = Int32Array.from({ length: batchSize }, (_, i) => i % classes);
  return tf.tidy(() => ({ xs: tf.tensor4d(pixels, [batchSize, 28, 28, 1]), ys: tf.oneHot(tf.tensor1d(labels, 'int32'), classes) as tf.Tensor2D }));
}

/** Wraps every kernel of the backend with a timer; exclusive times, so a composite kernel does not count its parts twice. */
function installProfiler(backend: string, detail?: string): { reset(): void; report(steps: number): KernelTime[] } {
  const totals = new Map<string, { calls: number; ms: number }>();
  const nested: number[] = [];
  for (const config of tf.getKernelsForBackend(backend)) {
    const inner = config.kernelFunc;
    tf.unregisterKernel(config.kernelName, backend);
    tf.registerKernel({
      ...config,
      kernelFunc: (args) => {
        nested.push(0);
        const start = performance.now();
        try {
          return inner(args);
        } finally {
          const total = performance.now() - start;
          const own = total - nested.pop()!;
          if (nested.length > 0) nested[nested.length - 1]! += total;
          const key =
            config.kernelName === detail
              ? `${config.kernelName} ${Object.values(args.inputs).map((t) => `[${t?.shape.join(',')}]`).join(' ')}`
              : config.kernelName;
          const t = totals.get(key) ?? { calls: 0, ms: 0 };
          t.calls++;
          t.ms += own;
          totals.set(key, t);
        }
      },
    });
  }
  return {
    reset: () => totals.clear(),
    report: (steps) =>
      [...totals.entries()]
        .map(([kernelName, t]) => ({ kernelName, callsPerStep: t.calls / steps, msPerStep: t.ms / steps }))
        .sort((a, b) => b.msPerStep - a.msPerStep)
        .slice(0, 30),
  };
}

let profiler: ReturnType<typeof installProfiler> | null = null;

/** tfjs's Adam for 'stock'; the app's (fused on WASM, lib/train/kernels/adam.ts) for 'project'. */
const optimizerFor = (request: BenchRequest) => (request.variant === 'project' ? () => fusedAdam(1e-3) : () => tf.train.adam(1e-3));

/** The WASM module's memory in bytes (WASM only). */
function wasmHeapBytes(): number | null {
  const b = tf.backend() as unknown as { wasm?: { wasmMemory?: WebAssembly.Memory; HEAPU8?: Uint8Array } };
  return b.wasm ? (b.wasm.wasmMemory?.buffer.byteLength ?? b.wasm.HEAPU8?.buffer.byteLength ?? null) : null;
}

/** Chromium's JS heap in use (performance.memory), or null. */
function jsHeapBytes(): number | null {
  const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
  return memory ? memory.usedJSHeapSize : null;
}

async function trainRun(request: BenchRequest, plan: ModelPlan, threads: number | undefined): Promise<RunRow> {
  const row: RunRow = {
    model: plan.model,
    backend: request.backend,
    variant: request.variant,
    samplesPerSec: 0,
    numTensorsBefore: 0,
    numTensorsAfter: 0,
    steps: 0,
    seconds: 0,
    ...(threads !== undefined ? { threads } : {}),
  };
  const startCount = tf.memory().numTensors;
  let built: ReturnType<typeof buildModel> | null = null;
  let batch: ReturnType<typeof syntheticBatch> | null = null;
  try {
    built = buildModel(plan.model, 1, optimizerFor(request));
    batch = syntheticBatch(request.batchSize, built.classes);
    for (let i = 0; i < plan.warmupSteps; i++) await built.model.trainOnBatch(batch.xs, batch.ys);
    row.numTensorsBefore = tf.memory().numTensors;
    profiler?.reset();
    let jsHeapPeak = jsHeapBytes();
    const start = performance.now();
    while (row.steps < plan.steps) {
      await built.model.trainOnBatch(batch.xs, batch.ys); // awaits the loss values: the step is really done
      row.steps++;
      jsHeapPeak = Math.max(jsHeapPeak ?? 0, jsHeapBytes() ?? 0) || null;
      if (performance.now() - start > plan.maxSeconds * 1000) break;
    }
    row.seconds = (performance.now() - start) / 1000;
    row.numTensorsAfter = tf.memory().numTensors;
    row.samplesPerSec = (row.steps * request.batchSize) / row.seconds;
    if (profiler) row.profile = profiler.report(row.steps);
    const memory: MemoryFigures = { wasmHeapPeak: wasmHeapBytes(), jsHeapPeak, tfjsBytes: tf.memory().numBytes };
    if (plan.memorySteps) {
      const at = () => ({ wasm: wasmHeapBytes(), js: jsHeapBytes(), tensors: tf.memory().numTensors });
      const first = at();
      // bench.mjs samples the worker's JS heap when it sees these two lines.
      log(`${plan.model}: memory steps start`);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      for (let i = 0; i < plan.memorySteps; i++) {
        await built.model.trainOnBatch(batch.xs, batch.ys);
        memory.jsHeapPeak = Math.max(memory.jsHeapPeak ?? 0, jsHeapBytes() ?? 0) || null;
        if (i % 100 === 99) log(`${plan.model}: ${i + 1} of ${plan.memorySteps} memory steps`);
      }
      const last = at();
      log(`${plan.model}: memory steps end`);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      memory.wasmHeapPeak = last.wasm;
      memory.long = { steps: plan.memorySteps, wasmHeapStart: first.wasm, wasmHeapEnd: last.wasm, jsHeapStart: first.js, jsHeapEnd: last.js, tensorsStart: first.tensors, tensorsEnd: last.tensors };
    }
    row.memory = memory;
  } catch (e) {
    row.error = messageOf(e);
    row.samplesPerSec = 0;
    row.numTensorsAfter = tf.memory().numTensors;
  } finally {
    if (batch) tf.dispose([batch.xs, batch.ys]);
    if (built) {
      built.model.optimizer?.dispose();
      built.model.dispose();
    }
    row.numTensorsLeftOver = tf.memory().numTensors - startCount;
  }
  return row;
}

/**
 * lib/train's TrainingLoop (our batches from uint8 images, per-batch yields,
 * metrics read every few batches) against a bare model.fit over the same
 * images already in a tensor: what the app's loop costs on top of tfjs.
 */
async function loopOverhead(request: BenchRequest, plan: ModelPlan): Promise<LoopOverheadRow> {
  const batches = Math.max(4, plan.steps);
  const samples = batches * request.batchSize;
  const row: LoopOverheadRow = { model: plan.model, backend: request.backend, variant: request.variant, samples, fitSamplesPerSec: 0, loopSamplesPerSec: 0, overheadPercent: 0 };
  const images = new Uint8Array(samples * 28 * 28);
  let s = 99;
  for (let i = 0; i < images.length; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    images[i] = s >>> 24;
  }
  try {
    // Bare fit: one warm-up epoch over two batches, then the timed epoch.
    const fitModel = buildModel(plan.model, 1, optimizerFor(request));
    const labels = Uint16Array.from({ length: samples }, (_, i) => i % fitModel.classes);
    const xs = tf.tidy(() => tf.div(tf.tensor4d(images, [samples, 28, 28, 1], 'float32'), 255));
    const ys = tf.oneHot(tf.tensor1d(Int32Array.from(labels), 'int32'), fitModel.classes);
    const warmX = xs.slice(0, 2 * request.batchSize);
    const warmY = ys.slice(0, 2 * request.batchSize);
    await fitModel.model.fit(warmX, warmY, { batchSize: request.batchSize, epochs: 1, shuffle: false, verbose: 0, yieldEvery: 'never' });
    let start = performance.now();
    await fitModel.model.fit(xs, ys, { batchSize: request.batchSize, epochs: 1, shuffle: false, verbose: 0, yieldEvery: 'never' });
    row.fitSamplesPerSec = samples / ((performance.now() - start) / 1000);
    tf.dispose([xs, ys, warmX, warmY]);
    fitModel.model.optimizer?.dispose();
    fitModel.model.dispose();

    // The app's loop on the same images, same batch size, no validation.
    const loopModel = buildModel(plan.model, 1, optimizerFor(request));
    const hp = { ...defaultHyperparameters, batchSize: request.batchSize, validationSplit: 0, shuffle: false };
    const source = { images, labels, count: samples, shape: [28, 28, 1] as const };
    const loop = new TrainingLoop(loopModel.model, { source, split: planSplit(samples, 0), numClasses: loopModel.classes, inputShape: [28, 28, 1] }, hp);
    const running = { stopRequested: () => false, waitWhilePaused: async () => {} };
    const warmSource = { ...source, count: 2 * request.batchSize };
    const warmLoop = new TrainingLoop(loopModel.model, { source: warmSource, split: planSplit(warmSource.count, 0), numClasses: loopModel.classes, inputShape: [28, 28, 1] }, hp);
    await warmLoop.train(1, running);
    warmLoop.dispose();
    start = performance.now();
    await loop.train(1, running);
    row.loopSamplesPerSec = samples / ((performance.now() - start) / 1000);
    loop.dispose();
    loopModel.model.dispose();
    row.overheadPercent = (row.fitSamplesPerSec / row.loopSamplesPerSec - 1) * 100;
  } catch (e) {
    row.error = messageOf(e);
  }
  return row;
}

/** Milliseconds per call: one untimed call, then calls until `reps` or `budgetMs` is used up. */
async function timeCall(run: () => tf.Tensor, reps: number, budgetMs: number): Promise<number> {
  const once = async () => {
    const out = run();
    await out.data();
    out.dispose();
  };
  // The first call includes shader compilation; when it alone is slow (tfjs's
  // CPU kernel takes seconds) it is the figure, rather than waiting minutes.
  const first = performance.now();
  await once();
  const firstMs = performance.now() - first;
  if (firstMs > budgetMs / 2) return firstMs;
  const start = performance.now();
  let n = 0;
  while (n < reps) {
    await once();
    n++;
    if (performance.now() - start > budgetMs) break;
  }
  return (performance.now() - start) / n;
}

/** The course model's convolutions at batch 8 (tfjs's CPU kernel takes minutes at 32). */
const filterShapes: { name: string; x: [number, number, number, number]; outChannels: number }[] = [
  { name: 'conv1 8×28×28×1 → 75', x: [8, 28, 28, 1], outChannels: 75 },
  { name: 'conv2 8×14×14×75 → 50', x: [8, 14, 14, 75], outChannels: 50 },
  { name: 'conv3 8×7×7×50 → 25', x: [8, 7, 7, 50], outChannels: 25 },
];

async function filterGradientBench(backend: KernelBackendName): Promise<FilterGradientRow[]> {
  const rows: FilterGradientRow[] = [];
  for (const shape of filterShapes) {
    const x = tf.randomUniform(shape.x) as tf.Tensor4D;
    const dy = tf.randomUniform([shape.x[0], shape.x[1], shape.x[2], shape.outChannels]) as tf.Tensor4D;
    const attrs = { strides: 1, pad: 'same' as const, dataFormat: 'NHWC' as const, filterShape: [3, 3, shape.x[3], shape.outChannels] as [number, number, number, number] };
    const row: FilterGradientRow = { backend, shape: shape.name, stockMs: null, convolutionMs: null, im2colMs: null, patchesMs: null };
    const errors: string[] = [];
    const attempt = async (label: string, run: () => tf.Tensor): Promise<number | null> => {
      try {
        return await timeCall(run, 5, 8000);
      } catch (e) {
        errors.push(`${label}: ${messageOf(e)}`);
        return null;
      }
    };
    row.stockMs = await attempt('stock', () => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor);
    row.convolutionMs = await attempt('convolution', () => filterGradient(x, dy, attrs.filterShape, attrs, 'convolution'));
    row.im2colMs = await attempt('im2col', () => filterGradient(x, dy, attrs.filterShape, attrs, 'im2col'));
    // The patch form builds a k×k 0/1 filter: only sensible for few input channels.
    if (shape.x[3] <= 8) row.patchesMs = await attempt('patches', () => filterGradient(x, dy, attrs.filterShape, attrs, 'patches'));
    if (errors.length) row.errors = errors;
    tf.dispose([x, dy]);
    rows.push(row);
    log(`filter gradient ${backend} ${shape.name}: stock ${row.stockMs?.toFixed(1) ?? '—'} ms, convolution ${row.convolutionMs?.toFixed(1) ?? '—'} ms, im2col ${row.im2colMs?.toFixed(1) ?? '—'} ms, patches ${row.patchesMs?.toFixed(1) ?? '—'} ms`);
  }
  return rows;
}

scope.onmessage = async (message: MessageEvent<BenchRequest>) => {
  const request = message.data;
  const info = await startBackend(request.backend, request.wasmThreads);
  const runs: RunRow[] = [];
  let filterRows: FilterGradientRow[] = [];
  if (!info.ok) {
    for (const plan of request.models) {
      runs.push({ model: plan.model, backend: request.backend, variant: request.variant, samplesPerSec: 0, numTensorsBefore: 0, numTensorsAfter: 0, steps: 0, seconds: 0, error: info.error ?? 'backend did not start' });
    }
    post({ type: 'done', info, runs, filterGradient: filterRows });
    return;
  }
  if (request.filterGradient) filterRows = await filterGradientBench(request.backend);
  if (request.variant === 'project') {
    registerProjectKernels(request.backend);
    info.kernels = projectKernelsFor(request.backend).map((k) => k.kernelName);
  }
  if (request.profile) profiler = installProfiler(request.backend, request.profileDetail);
  for (const plan of request.models) {
    log(`training ${plan.model} on ${request.backend} (${request.variant})…`);
    const row = await trainRun(request, plan, info.threads);
    log(`  ${row.error ? `error: ${row.error}` : `${row.samplesPerSec.toFixed(1)} samples/s over ${row.steps} steps`}`);
    runs.push(row);
  }
  let loop: LoopOverheadRow | undefined;
  const first = request.models[0];
  if (request.loop && first) {
    log(`loop overhead: ${first.model} on ${request.backend}…`);
    loop = await loopOverhead(request, first);
    log(`  model.fit ${loop.fitSamplesPerSec.toFixed(1)} samples/s, TrainingLoop ${loop.loopSamplesPerSec.toFixed(1)} samples/s${loop.error ? ` (error: ${loop.error})` : ''}`);
  }
  post({ type: 'done', info, runs, filterGradient: filterRows, ...(loop ? { loop } : {}) });
};
