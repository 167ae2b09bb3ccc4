// Backend autotune: before a run, time a few training steps of the user's own
// model on each backend the browser offers and pick the fastest. Runs where
// training runs (the training Web Worker); every backend is measured the same
// way: one untimed warm-up step (shader compilation, optimizer slots, XNNPACK
// operators), then timed steps that each await the loss value, so queued GPU
// work is inside the measurement. With a screen (lib/train/triage.ts), only
// backends that can win are timed, and a lone candidate is not timed at all.
import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../backendNames';
import { startBackend } from './backend';
import { fastestMeasurement, type BackendMeasurement } from '../measurements';
import { planTiming, type Screening } from './triage';

export type { BackendMeasurement } from '../measurements';

export interface AutotuneResult {
  best: BackendName;
  measurements: BackendMeasurement[];
}

export interface SampleBatch {
  /** The shape of one training batch of images: [batch, height, width, channels]. */
  xsShape: readonly number[];
  classes: number;
}

interface AutotuneOptions {
  /** Tried in this order; default WASM, WebGPU, WebGL, CPU (a cheap, usually fast one first, so the probe can skip hopeless ones). */
  backends?: readonly BackendName[];
  /** Timed steps per backend after the warm-up (default 3). */
  steps?: number;
  /**
   * Time box per backend in ms (default 8000), checked between steps: a step
   * is never cut short, so one very slow step still finishes; then the warm-up
   * step alone gives the (pessimistic) figure.
   */
  timeBudgetMs?: number;
  /**
   * Before the full-batch steps, one warm-up and one timed step of `batch`
   * images (default 2); a backend whose probe is over `margin` times (default
   * 8) slower than the best probe so far is reported from its probe alone.
   * On a machine without a usable GPU this saves timing a software GPU for
   * tens of seconds. false: always measure at the full batch.
   */
  probe?: { batch: number; margin: number } | false;
  /** Makes a backend current; resolves to null or to why it cannot start. Default: registers the backend (WASM threads, WebGPU adapter check), tf.setBackend, then the project kernels. */
  activate?: (backend: BackendName) => Promise<string | null>;
  /** The optimizer the run will use (default Adam 0.001): its update is part of a step. */
  makeOptimizer?: () => tf.Optimizer;
  /** Called after each backend, for a progress display. */
  onMeasurement?: (measurement: BackendMeasurement) => void;
  /** Leave the fastest backend current at the end (default true). */
  activateBest?: boolean;
  /**
   * A sub-second look before timing (the worker passes triage.ts's
   * screenBrowser): software GPUs are reported and not timed, CPU is timed
   * only when WASM cannot start, and a lone candidate starts untimed.
   * Without it every backend is timed.
   */
  screen?: (backends: readonly BackendName[]) => Promise<Screening[]>;
}

export const defaultAutotuneBackends: readonly BackendName[] = ['wasm', 'webgpu', 'webgl', 'cpu'];
const defaultProbe = { batch: 2, margin: 8 };

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Random pixels in [0,1) and one label per image: speed does not depend on the values. */
function syntheticBatch(batch: SampleBatch, size = batch.xsShape[0] ?? 1): { xs: tf.Tensor; ys: tf.Tensor } {
  return tf.tidy(() => ({
    xs: tf.randomUniform([size, ...batch.xsShape.slice(1)], 0, 1, 'float32', 7),
    ys: tf.oneHot(tf.tensor1d(Array.from({ length: size }, (_, i) => i % batch.classes), 'int32'), batch.classes),
  }));
}

async function measure(
  backend: BackendName,
  buildModel: () => tf.LayersModel,
  batch: SampleBatch,
  options: Required<Pick<AutotuneOptions, 'steps' | 'timeBudgetMs' | 'activate' | 'makeOptimizer' | 'probe'>>,
  /** Samples/s of the best probe so far (0: none yet); updated here. */
  probes: { best: number },
): Promise<BackendMeasurement> {
  const why = await options.activate(backend);
  if (why !== null) return { backend, samplesPerSec: 0, steps: 0, error: why };
  const before = tf.memory().numTensors;
  const batchSize = batch.xsShape[0] ?? 1;
  let model: tf.LayersModel | null = null;
  let optimizer: tf.Optimizer | null = null;
  let data: { xs: tf.Tensor; ys: tf.Tensor } | null = null;
  const result: BackendMeasurement = { backend, samplesPerSec: 0, steps: 0 };
  try {
    model = buildModel();
    optimizer = options.makeOptimizer();
    model.compile({ optimizer, loss: 'categoricalCrossentropy' });
    const probe = options.probe;
    if (probe && probe.batch < batchSize) {
      const small = syntheticBatch(batch, probe.batch);
      try {
        await model.trainOnBatch(small.xs, small.ys);
        const probeStart = performance.now();
        await model.trainOnBatch(small.xs, small.ys);
        const rate = (probe.batch * 1000) / Math.max(performance.now() - probeStart, 1e-3);
        if (probes.best > 0 && rate * probe.margin < probes.best) {
          result.samplesPerSec = rate;
          result.probeOnly = true;
          return result;
        }
        probes.best = Math.max(probes.best, rate);
      } finally {
        tf.dispose([small.xs, small.ys]);
      }
    }
    data = syntheticBatch(batch);
    const warmStart = performance.now();
    await model.trainOnBatch(data.xs, data.ys);
    const warmMs = performance.now() - warmStart;
    if (warmMs > options.timeBudgetMs) {
      result.samplesPerSec = (batchSize * 1000) / warmMs;
    } else {
      const start = performance.now();
      while (result.steps < options.steps) {
        await model.trainOnBatch(data.xs, data.ys);
        result.steps++;
        if (performance.now() - warmStart > options.timeBudgetMs) break;
      }
      result.samplesPerSec = (result.steps * batchSize * 1000) / (performance.now() - start);
    }
  } catch (e) {
    result.samplesPerSec = 0;
    result.error = messageOf(e);
  } finally {
    if (data) tf.dispose([data.xs, data.ys]);
    optimizer?.dispose();
    model?.dispose();
    const leaked = tf.memory().numTensors - before;
    if (leaked !== 0) result.leakedTensors = leaked;
  }
  return result;
}

/**
 * Times the model on each backend and returns the fastest with every
 * measurement (for display and for the run record). A backend that cannot
 * start or train is reported with its error, never thrown. When none can
 * train, `best` is 'cpu', tfjs's always-available fallback.
 */
export async function autotune(buildModel: () => tf.LayersModel, sampleBatch: SampleBatch, options: AutotuneOptions = {}): Promise<AutotuneResult> {
  const settings = {
    steps: options.steps ?? 3,
    timeBudgetMs: options.timeBudgetMs ?? 8000,
    // The training worker's own start: WASM threads, WebGPU adapter check, tf.setBackend, our kernels.
    activate: options.activate ?? ((backend: BackendName) => startBackend(backend)),
    makeOptimizer: options.makeOptimizer ?? (() => tf.train.adam(1e-3)),
    probe: options.probe ?? defaultProbe,
  };
  const order = options.backends ?? defaultAutotuneBackends;
  const found = new Map<BackendName, BackendMeasurement>();
  const report = (measurement: BackendMeasurement) => {
    found.set(measurement.backend, measurement);
    options.onMeasurement?.(measurement);
  };
  const screenings: Screening[] = options.screen ? await options.screen(order) : order.map((backend) => ({ backend, kind: 'time' }));
  const plan = options.screen ? planTiming(screenings) : { time: [...order], settled: [], cpuFallback: false };
  for (const m of plan.settled) report(m);
  const probes = { best: 0 };
  // One candidate: nothing to compare it with, so it only has to start.
  const startUntimed = async (backend: BackendName) => {
    const why = await settings.activate(backend);
    report(why === null ? { backend, samplesPerSec: 0, steps: 0, untimed: true } : { backend, samplesPerSec: 0, steps: 0, error: why });
  };
  if (options.screen && plan.time.length === 1) await startUntimed(plan.time[0]!);
  else for (const backend of plan.time) report(await measure(backend, buildModel, sampleBatch, settings, probes));
  if (plan.cpuFallback) {
    const wasm = found.get('wasm');
    if (wasm && (wasm.error || (wasm.samplesPerSec === 0 && !wasm.untimed))) {
      if (plan.time.length <= 1) await startUntimed('cpu');
      else report(await measure('cpu', buildModel, sampleBatch, settings, probes));
    } else {
      report({ backend: 'cpu', samplesPerSec: 0, steps: 0, skipped: 'slowerThanWasm' });
    }
  }
  const measurements = order.map((b) => found.get(b)).filter((m): m is BackendMeasurement => m !== undefined);
  const best = fastestMeasurement(measurements)?.backend ?? 'cpu';
  if (options.activateBest ?? true) await settings.activate(best);
  return { best, measurements };
}
