// The training worker's logic, apart from the Worker global so that node tests
// can drive it with messages: it owns the dataset, the model and the loop.
import * as tf from '@tensorflow/tfjs';
import { compileGraph } from '../../compile';
import type { Dataset } from '../../data/types';
import type { AutotuneResult, BackendMeasurement, SampleBatch } from './autotune';
import type { BackendChoice } from '../backendNames';
import type { BackendResult } from './backend';
import { planSplit, type ImageSource } from './batches';
import { checkReadiness } from '../checks';
import { evaluateClassifier, predictProbabilities, type Evaluation } from './evaluate';
import { classifyFailure } from './failure';
import type { Hyperparameters } from '../page/hyperparameters';
import { makeOptimizer, TrainingLoop, type LoopControl, type TrainingData } from './loop';
import { fastestMeasurement } from '../measurements';
import type { FailureKind, PrepareRequest, TrainerEvent, TrainerRequest } from '../protocol';
import { exportWeights, importWeights } from './weights';

export interface HostDeps {
  loadDataset(id: string, onProgress: (fraction: number) => void): Promise<Dataset>;
  activateBackend(choice: BackendChoice): Promise<BackendResult>;
  /** Returns a function that stops watching. */
  watchDevice(onFailure: (kind: 'deviceLost' | 'outOfMemory', message: string) => void): () => void;
  /**
   * Times a few training steps of the model on each backend (backend 'auto');
   * without it, 'auto' takes the first backend that starts.
   */
  measureBackends?(
    buildModel: () => tf.LayersModel,
    batch: SampleBatch,
    makeOptimizer: () => tf.Optimizer,
    onMeasurement: (m: BackendMeasurement) => void,
  ): Promise<AutotuneResult>;
  /** Snapshot the weights after every epoch (off in tests that count tensors only). */
  snapshotWeights?: boolean;
  /**
   * Work that can overlap the dataset's download and decoding: starting WASM
   * (its module compiles off the thread) and screening the browser's backends.
   * Awaited before any backend is measured or started, so no two starts race.
   */
  warmUp?(plan: { wasm: boolean; screen: boolean }): Promise<void>;
}

/**
 * The autotune times steps of at most this many images: enough for the ranking,
 * short enough that a software GPU does not hold the start for minutes.
 */
export const MEASURE_BATCH = 16;

type Post = (event: TrainerEvent, transfer?: Transferable[]) => void;

interface Session {
  model: tf.LayersModel;
  loop: TrainingLoop;
  dataset: Dataset;
  data: TrainingData;
  hp: Hyperparameters;
  unwatch: () => void;
}

function sourceOf(dataset: Dataset, split: 'train' | 'test'): ImageSource | null {
  const s = split === 'train' ? dataset.train : dataset.test;
  return s ? { images: s.images, labels: s.labels, count: s.count, shape: dataset.shape } : null;
}

export class TrainerHost {
  private session: Session | null = null;
  private busy = false;
  private paused = false;
  private stopRequested = false;
  private deviceFailure: { kind: FailureKind; error: string } | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly post: Post,
    private readonly deps: HostDeps,
  ) {}

  private readonly control: LoopControl = {
    stopRequested: () => this.stopRequested || this.deviceFailure !== null,
    waitWhilePaused: () =>
      this.paused && !this.stopRequested && !this.deviceFailure ? new Promise<void>((resolve) => (this.wake = resolve)) : Promise.resolve(),
  };

  /** Handles one message; resolves when the work it started is over (tests await it). */
  async handle(message: TrainerRequest): Promise<void> {
    switch (message.type) {
      case 'prepare':
        return this.run(() => this.prepare(message));
      case 'trainMore':
        return this.run(() => this.train(message.epochs));
      case 'pause':
        if (this.busy && !this.paused) {
          this.paused = true;
          this.post({ type: 'paused' });
        }
        return;
      case 'resume':
        if (this.paused) {
          this.paused = false;
          this.post({ type: 'resumed' });
          this.release();
        }
        return;
      case 'stop':
        this.stopRequested = true;
        this.paused = false;
        this.release();
        return;
      case 'evaluate':
        return this.answer(message.requestId, async () => ({ type: 'evaluation', requestId: message.requestId, evaluation: await this.evaluate(message.limit) }));
      case 'predict':
        return this.answer(message.requestId, async () => {
          const s = this.need();
          return { type: 'prediction', requestId: message.requestId, probabilities: await predictProbabilities(s.model, message.pixels, s.data.inputShape) };
        });
      case 'examples':
        return this.answer(message.requestId, async () => this.examples(message.requestId, message.split, message.indices));
      case 'exportWeights':
        return this.answer(message.requestId, async () => ({ type: 'weights', requestId: message.requestId, weights: await exportWeights(this.need().model) }));
    }
  }

  dispose(): void {
    this.session?.unwatch();
    this.session?.loop.dispose();
    this.session?.model.dispose();
    this.session = null;
  }

  private release() {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private need(): Session {
    if (!this.session) throw new Error('No model is loaded yet: start training first');
    return this.session;
  }

  private async answer(requestId: number, work: () => Promise<TrainerEvent>) {
    try {
      const event = await work();
      const transfer: Transferable[] = [];
      if (event.type === 'examples') transfer.push(event.images.buffer);
      if (event.type === 'weights') transfer.push(event.weights.weightData);
      this.post(event, transfer);
    } catch (e) {
      this.post({ type: 'requestFailed', requestId, error: classifyFailure(e).error });
    }
  }

  /** Only one prepare/train at a time; any error becomes a 'failed' event, never silence. */
  private async run(work: () => Promise<void>) {
    if (this.busy) {
      this.post({ type: 'failed', kind: 'invalid', error: 'Training is already running: stop it first' });
      return;
    }
    this.busy = true;
    this.stopRequested = false;
    this.paused = false;
    try {
      await work();
    } catch (e) {
      const failure = this.deviceFailure ?? classifyFailure(e);
      this.post({ type: 'failed', ...failure });
    } finally {
      this.busy = false;
      this.paused = false;
    }
  }

  private async prepare(request: PrepareRequest) {
    this.dispose();
    this.deviceFailure = null;
    this.post({ type: 'loading', stage: 'dataset', progress: 0 });
    const warm = this.warmUp(request);
    const dataset = await this.deps.loadDataset(request.datasetId, (fraction) => this.post({ type: 'loading', stage: 'dataset', progress: fraction }));
    await warm;
    const readiness = checkReadiness(request.document, dataset);
    if (readiness.length > 0) {
      this.post({ type: 'failed', kind: 'invalid', error: readiness.map((i) => i.message).join('\n') });
      return;
    }
    const { choice, measurements } = await this.chooseBackend(request, dataset);
    this.post({ type: 'loading', stage: 'backend', progress: null });
    const backend = await this.deps.activateBackend(choice);
    if (!backend.ok) {
      this.post({ type: 'failed', kind: 'error', error: backend.error });
      return;
    }
    this.post({ type: 'loading', stage: 'model', progress: null });
    const compiled = compileGraph(request.document, { seed: request.hyperparameters.seed });
    if (!compiled.ok) {
      this.post({ type: 'failed', kind: 'invalid', error: compiled.issues.map((i) => i.message).join('\n') });
      return;
    }
    const model = compiled.model;
    if (request.initialWeights) {
      const loaded = importWeights(model, request.initialWeights);
      if (!loaded.ok) {
        model.dispose();
        this.post({ type: 'failed', kind: 'invalid', error: loaded.error });
        return;
      }
    }
    const hp = request.hyperparameters;
    const source = sourceOf(dataset, 'train')!;
    const inputShape = dataset.shape;
    const data: TrainingData = { source, split: planSplit(source.count, hp.validationSplit, hp.trainLimit), numClasses: dataset.classNames.length, inputShape };
    const loop = new TrainingLoop(model, data, hp);
    loop.epochsDone = request.epochsDone ?? 0;
    const unwatch = this.deps.watchDevice((kind, error) => {
      this.deviceFailure = { kind, error };
      this.release();
    });
    this.session = { model, loop, dataset, data, hp, unwatch };
    this.post({
      type: 'ready',
      backend: backend.backend,
      backendNotes: backend.notes,
      ...(backend.threads !== undefined ? { threads: backend.threads } : {}),
      ...(backend.threadsWanted !== undefined ? { threadsWanted: backend.threadsWanted } : {}),
      measurements,
      dataset: {
        id: dataset.id,
        name: dataset.name,
        hash: dataset.hash,
        shape: dataset.shape,
        classNames: dataset.classNames,
        trainCount: dataset.train.count,
        testCount: dataset.test?.count ?? 0,
      },
      trainImages: data.split.train.length,
      validationImages: data.split.validation.length,
      epochsDone: loop.epochsDone,
    });
    if (request.epochs > 0) await this.train(request.epochs);
  }

  /** Starts WASM when it will (or likely will) train, and the screen when 'auto' will measure; never fails the start. */
  private async warmUp(request: PrepareRequest): Promise<void> {
    if (!this.deps.warmUp) return;
    const measuring = request.backend === 'auto' && !!this.deps.measureBackends && !(request.measurements && fastestMeasurement(request.measurements));
    const keptWasm = request.backend === 'auto' && request.measurements !== undefined && fastestMeasurement(request.measurements)?.backend === 'wasm';
    const plan = { wasm: request.backend === 'wasm' || measuring || keptWasm, screen: measuring };
    if (!plan.wasm && !plan.screen) return;
    await this.deps.warmUp(plan).catch(() => undefined);
  }

  /**
   * 'auto' becomes the fastest backend measured on this model (or in the
   * measurements the page kept from an earlier start); a named one is kept.
   */
  private async chooseBackend(request: PrepareRequest, dataset: Dataset): Promise<{ choice: BackendChoice; measurements: BackendMeasurement[] }> {
    if (request.backend !== 'auto' || !this.deps.measureBackends) return { choice: request.backend, measurements: [] };
    const kept = request.measurements ? fastestMeasurement(request.measurements) : null;
    if (kept) return { choice: kept.backend, measurements: request.measurements! };
    const hp = request.hyperparameters;
    this.post({ type: 'loading', stage: 'measuring', progress: null });
    const buildModel = () => {
      const compiled = compileGraph(request.document, { seed: hp.seed });
      if (!compiled.ok) throw new Error(compiled.issues.map((i) => i.message).join('; '));
      return compiled.model;
    };
    const batch: SampleBatch = { xsShape: [Math.min(hp.batchSize, MEASURE_BATCH), ...dataset.shape], classes: dataset.classNames.length };
    const optimizer = () => makeOptimizer(hp.optimizer, hp.learningRate);
    const result = await this.deps.measureBackends(buildModel, batch, optimizer, (measurement) => this.post({ type: 'measurement', measurement }));
    return { choice: result.best, measurements: result.measurements };
  }

  private async train(epochs: number) {
    const s = this.need();
    this.post({ type: 'training', epochsPlanned: s.loop.epochsDone + epochs });
    const outcome = await s.loop.train(epochs, this.control, {
      onBatch: (progress) => this.post({ type: 'batch', progress }),
      onBatchMetrics: (metrics) => this.post({ type: 'batchMetrics', metrics }),
      onValidating: (epoch) => this.post({ type: 'validating', epoch }),
      onEpoch: async (metrics) => {
        const weights = this.deps.snapshotWeights === false ? null : await exportWeights(s.model);
        this.post({ type: 'epoch', metrics, weights }, weights ? [weights.weightData] : []);
      },
    });
    if (this.deviceFailure) {
      this.post({ type: 'failed', ...this.deviceFailure });
      return;
    }
    this.post({ type: 'finished', outcome, epochsDone: s.loop.epochsDone });
  }

  private async evaluate(limit?: number): Promise<Evaluation> {
    const s = this.need();
    if (this.busy) throw new Error('Wait until training has stopped to evaluate');
    const test = sourceOf(s.dataset, 'test');
    if (test && test.count > 0) {
      const all = new Int32Array(test.count);
      for (let i = 0; i < all.length; i++) all[i] = i;
      return evaluateClassifier(s.model, test, all, s.data.inputShape, s.data.numClasses, 'test', 256, limit);
    }
    if (s.data.split.validation.length === 0) throw new Error('This dataset has no test images and no validation images were held out');
    return evaluateClassifier(s.model, s.data.source, s.data.split.validation, s.data.inputShape, s.data.numClasses, 'validation', 256, limit);
  }

  private examples(requestId: number, split: Evaluation['split'], indices: number[]): TrainerEvent {
    const s = this.need();
    const source = sourceOf(s.dataset, split === 'test' ? 'test' : 'train');
    if (!source) throw new Error(`This dataset has no ${split} images`);
    const size = s.dataset.shape[0] * s.dataset.shape[1] * s.dataset.shape[2];
    const wanted = indices.filter((i) => Number.isInteger(i) && i >= 0 && i < source.count).slice(0, 200);
    const images = new Uint8Array(wanted.length * size);
    wanted.forEach((index, k) => images.set(source.images.subarray(index * size, (index + 1) * size), k * size));
    return { type: 'examples', requestId, images, shape: s.dataset.shape, labels: wanted.map((i) => source.labels[i]!) };
  }
}
