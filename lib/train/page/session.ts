// One training session per architecture on the page: it outlives the Train
// tab's components (switching tabs does not stop training), turns worker
// events into a state snapshot for React, and records the run.
import * as api from '../../api/client';
import type { DatasetRef, RunWeights } from '../../schema/run';
import type { ArchitectureDocument } from '../../schema';
import type { BackendChoice } from '../backendNames';
import { TrainerClient, type ExampleImages } from './client';
import type { Evaluation } from '../worker/evaluate';
import type { Hyperparameters } from './hyperparameters';
import type { DivergedDetail, FailureKind, PrepareRequest, TrainerEvent } from '../protocol';
import { initialSessionState, type SessionState } from './sessionState';
import { measurementKey, sharedMeasurementCache, type MeasurementCache } from './measurementCache';
import { RunRecorder, type RunsApi } from './recorder';
import { runWeightsIOHandler } from './runWeightsIO';
import { MAX_WEIGHTS_BYTES } from '../../schema/run';
import type { WeightsPayload } from '../worker/weights';

export { initialSessionState, type BatchPoint, type Phase, type SessionState } from './sessionState';

export interface StartOptions {
  document: ArchitectureDocument;
  datasetId: string;
  hyperparameters: Hyperparameters;
  backend: BackendChoice;
  /** Where runs are recorded; null keeps nothing (a shared page). */
  architectureId: string | null;
  /** Continue an existing run from these weights instead of starting a new one. */
  resume?: { runId: string | null; weights: WeightsPayload | null; epochsDone: number; epochs: number; backendChanged: boolean };
}

type SessionApi = RunsApi & Pick<typeof api, 'getRun'>;

/** Batch events can come hundreds of times a second; React hears about them at most this often. */
const NOTIFY_EVERY_MS = 100;

export class TrainingSession {
  private state: SessionState = initialSessionState;
  private readonly listeners = new Set<() => void>();
  private client: TrainerClient | null = null;
  private clientBackend: BackendChoice | null = null;
  private recorder: RunRecorder | null = null;
  private options: StartOptions | null = null;
  private lastWeights: WeightsPayload | null = null;
  private notifyTimer: ReturnType<typeof setTimeout> | null = null;
  /** When the figures sent with the current start were measured (null: the worker measures). */
  private keptAt: number | null = null;
  /** The current start's request, to send again to a fresh worker. */
  private prepared: Omit<PrepareRequest, 'type'> | null = null;
  /** Whether the current start already replaced a worker whose WASM got fewer threads than it asked for. */
  private threadsRetried = false;
  /** Why the current start replaced its worker, shown with the backend notes. */
  private retryNotes: string[] = [];

  constructor(
    private readonly makeClient: () => TrainerClient = () => new TrainerClient(),
    private readonly runsApi: SessionApi = api,
    /** Autotune results by model, dataset and batch size: a second 'auto' start of the same model is not measured again. */
    private readonly measured: MeasurementCache = sharedMeasurementCache(),
  ) {}

  // ---- React's useSyncExternalStore
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getSnapshot = (): SessionState => this.state;

  /** What the last start used, so the form shows it again after the tab is reopened. */
  get lastStart(): StartOptions | null {
    return this.options;
  }

  get busy(): boolean {
    return this.state.phase === 'loading' || this.state.phase === 'training' || this.state.phase === 'paused' || this.state.phase === 'stopping';
  }

  /** Whether the last failure can be retried on another backend from the last finished epoch. */
  get canContinueElsewhere(): boolean {
    return this.state.phase === 'failed' && (this.state.failure?.kind === 'deviceLost' || this.state.failure?.kind === 'outOfMemory' || this.state.failure?.kind === 'error') && this.options !== null && this.state.dataset !== null;
  }

  start(options: StartOptions): void {
    if (this.busy) return;
    this.options = options;
    const resume = options.resume;
    // A fresh worker after a failure (the GPU may be gone) or when the backend changes; otherwise reuse it and its loaded dataset.
    if (!this.client || this.state.phase === 'failed' || this.clientBackend !== options.backend) {
      this.client?.terminate();
      this.client = this.makeClient();
      this.clientBackend = options.backend;
      this.client.on((event) => this.receive(event));
    }
    this.recorder?.stopHeartbeat();
    if (!resume) {
      this.lastWeights = null;
      this.recorder = options.architectureId
        ? this.makeRecorder(options.architectureId, (runId) => this.set({ runId }))
        : null;
    } else if (resume.runId && options.architectureId && (!this.recorder || this.recorder.runId !== resume.runId)) {
      this.recorder = this.makeRecorder(options.architectureId);
      this.recorder.runId = resume.runId;
    }
    this.set({
      ...(resume ? { ...this.state, evaluation: null, evaluationError: null } : initialSessionState),
      phase: 'loading',
      loading: { stage: 'dataset', progress: 0 },
      hyperparameters: options.hyperparameters,
      failure: null,
      outcome: null,
      runId: resume?.runId ?? null,
      epochsDone: resume?.epochsDone ?? 0,
      epochs: resume ? this.state.epochs.filter((e) => e.epoch < resume.epochsDone) : [],
      batches: resume ? this.state.batches.filter((b) => b.x <= resume.epochsDone) : [],
      hasModel: false,
    });
    const kept = options.backend === 'auto' ? this.measured.get(keyOf(options)) : undefined;
    this.keptAt = kept?.at ?? null;
    this.threadsRetried = false;
    this.retryNotes = [];
    this.prepared = {
      document: options.document,
      datasetId: options.datasetId,
      hyperparameters: options.hyperparameters,
      backend: options.backend,
      ...(kept ? { measurements: kept.measurements } : {}),
      epochs: resume ? resume.epochs : options.hyperparameters.epochs,
      ...(resume?.weights ? { initialWeights: resume.weights } : {}),
      ...(resume ? { epochsDone: resume.epochsDone } : {}),
    };
    this.client.prepare(this.prepared);
  }

  /**
   * A worker whose WASM got fewer threads than it asked for trains the whole
   * run at a fraction of the speed. Issue 12 saw it after Stop while measuring
   * (3 of 7 starts; not reproduced since, see bench/README.md). Such a worker
   * is replaced once, with the figures it measured, so the replacement does
   * not measure again.
   */
  private replaceShortThreadedWorker(event: Extract<TrainerEvent, { type: 'ready' }>): boolean {
    const { threads, threadsWanted } = event;
    if (event.backend !== 'wasm' || threads === undefined || threadsWanted === undefined || threads >= threadsWanted) return false;
    if (this.threadsRetried || !this.prepared) return false;
    this.threadsRetried = true;
    this.retryNotes = [...event.backendNotes, `wasm: started ${threads} of ${threadsWanted} threads, so a fresh worker was started`];
    const request = { ...this.prepared, ...(event.measurements.length > 0 ? { measurements: event.measurements } : {}) };
    this.client?.terminate();
    this.client = this.makeClient();
    this.client.on((e) => this.receive(e));
    this.client.prepare(request);
    this.set({ loading: { stage: 'backend', progress: null } });
    return true;
  }

  /** After a lost device or exhausted memory: the same run continues on `backend` from its last finished epoch. */
  continueOn(backend: BackendChoice): void {
    const options = this.options;
    if (!options || !this.canContinueElsewhere) return;
    const epochsDone = this.lastWeights ? this.state.epochsDone : 0;
    const remaining = Math.max(1, this.state.epochsPlanned - epochsDone);
    this.start({
      ...options,
      backend,
      resume: { runId: this.state.runId, weights: this.lastWeights, epochsDone, epochs: remaining, backendChanged: true },
    });
  }

  /** Drops the kept figures for the last start's model: the next 'auto' start measures again. */
  forgetMeasurements(): void {
    if (this.options) this.measured.delete(keyOf(this.options));
    this.keptAt = null;
    this.set({ measuredAt: null });
  }

  pause(): void {
    if (this.state.phase === 'training') this.client?.send({ type: 'pause' });
  }

  resume(): void {
    if (this.state.phase === 'paused') this.client?.send({ type: 'resume' });
  }

  /**
   * Stops training (the model keeps what it learned). While loading or
   * measuring there is nothing to keep: the worker goes at once (a GPU step
   * in flight cannot be interrupted), and the next start begins afresh.
   */
  stop(): void {
    if (this.state.phase === 'loading') {
      this.client?.terminate();
      this.client = null;
      this.recorder?.stopHeartbeat();
      this.set({ phase: 'idle', loading: null });
      return;
    }
    if (this.state.phase === 'training' || this.state.phase === 'paused') {
      this.client?.send({ type: 'stop' });
      this.set({ phase: 'stopping' });
    }
  }

  trainMore(epochs: number): void {
    if (this.busy || !this.state.hasModel || !this.client) return;
    this.set({ phase: 'training', outcome: null, evaluation: null });
    this.client.send({ type: 'trainMore', epochs });
  }

  private limit: number | null = null;

  /** Test images evaluated (the first N); null for all. Slow software GPUs make all 10,000 take minutes. */
  get evaluationLimit(): number | null {
    return this.limit;
  }

  setEvaluationLimit(limit: number | null): void {
    this.limit = limit;
  }

  async evaluate(): Promise<void> {
    if (!this.client || !this.state.hasModel || this.busy) return;
    this.set({ evaluating: true, evaluationError: null });
    try {
      const evaluation = await this.client.evaluate(this.evaluationLimit ?? undefined);
      this.set({ evaluation, evaluating: false });
      // Only the whole test set gives the run its test accuracy.
      if (evaluation.split === 'test' && evaluation.count === evaluation.available) this.recorder?.update({ testAccuracy: evaluation.accuracy });
    } catch (e) {
      this.set({ evaluating: false, evaluationError: e instanceof Error ? e.message : String(e) });
    }
  }

  predict(pixels: Float32Array): Promise<number[]> {
    if (!this.client) return Promise.reject(new Error('Train or load a model first'));
    return this.client.predict(pixels);
  }

  examples(split: Evaluation['split'], indices: number[]): Promise<ExampleImages> {
    if (!this.client) return Promise.reject(new Error('Train or load a model first'));
    return this.client.examples(split, indices);
  }

  /**
   * Loads a saved run's snapshot and weights into the worker so it can be
   * evaluated, used to predict, or trained further (as the same run).
   */
  async loadRun(runId: string, architectureId: string | null, datasetId: string): Promise<{ ok: true } | { ok: false; error: string }> {
    if (this.busy) return { ok: false, error: 'Stop the current training first' };
    const [run, artifacts] = await Promise.all([this.runsApi.getRun(runId), runWeightsIOHandler(runId, this.runsApi).load!().catch((e: unknown) => e as Error)]);
    if (!run.ok) return { ok: false, error: run.error };
    if (artifacts instanceof Error) return { ok: false, error: artifacts.message };
    const payload: WeightsPayload = { weightSpecs: artifacts.weightSpecs!, weightData: artifacts.weightData as ArrayBuffer };
    this.lastWeights = payload;
    this.state = { ...this.state, epochs: run.data.epochs, batches: [], epochsPlanned: run.data.epochsPlanned };
    this.start({
      document: run.data.document,
      datasetId,
      hyperparameters: run.data.hyperparameters,
      backend: this.clientBackend ?? 'auto',
      architectureId,
      resume: { runId: architectureId ? runId : null, weights: payload, epochsDone: run.data.epochsDone, epochs: 0, backendChanged: false },
    });
    return { ok: true };
  }

  dispose(): void {
    this.recorder?.stopHeartbeat();
    this.client?.terminate();
    this.client = null;
    this.listeners.clear();
  }

  // ---- worker events

  private receive(event: TrainerEvent): void {
    switch (event.type) {
      case 'loading':
        return this.set({ phase: 'loading', loading: { stage: event.stage, progress: event.progress }, ...(event.stage === 'measuring' ? { measurements: [] } : {}) });
      case 'measurement':
        return this.set({ measurements: [...this.state.measurements, event.measurement] });
      case 'ready':
        return this.ready(event);
      case 'training': {
        const wasPlanned = this.state.epochsPlanned;
        // Past loading, this is "Train more" on a finished run: the server must hear it runs again even
        // when the plan is unchanged (a stopped run trained up to its old plan), or it refuses the finish.
        const again = this.state.phase !== 'loading';
        this.set({ phase: 'training', loading: null, epochsPlanned: event.epochsPlanned, outcome: null });
        if (this.recorder?.runId !== null && (event.epochsPlanned !== wasPlanned || again)) this.recorder?.update({ status: 'running', epochsPlanned: event.epochsPlanned });
        this.recorder?.startHeartbeat();
        return;
      }
      case 'batch':
        return this.set({ progress: event.progress, validating: false }, false);
      case 'batchMetrics': {
        const m = event.metrics;
        const points = m.losses.map((loss, i) => ({ x: m.epoch + (m.firstBatch + i + 1) / m.batches, loss, accuracy: m.accuracies[i]! }));
        return this.set({ batches: [...this.state.batches, ...points] }, false);
      }
      case 'validating':
        return this.set({ validating: true });
      case 'epoch':
        if (event.weights) this.lastWeights = event.weights;
        this.recorder?.epoch(event.metrics);
        return this.set({
          epochs: [...this.state.epochs.filter((e) => e.epoch !== event.metrics.epoch), event.metrics],
          epochsDone: event.metrics.epoch + 1,
          validating: false,
        });
      case 'paused':
        return this.set({ phase: 'paused' });
      case 'resumed':
        return this.set({ phase: 'training' });
      case 'finished':
        return this.finished(event.outcome, event.epochsDone);
      case 'failed':
        return this.failed(event.kind, event.error, event.diverged);
      default:
        return;
    }
  }

  private ready(event: Extract<TrainerEvent, { type: 'ready' }>) {
    if (this.replaceShortThreadedWorker(event)) return;
    const options = this.options!;
    const resume = options.resume;
    if (event.measurements.length > 0 && this.keptAt === null) this.measured.set(keyOf(options), event.measurements);
    this.set({
      backend: event.backend,
      threads: event.threads ?? null,
      backendNotes: [...this.retryNotes, ...event.backendNotes],
      measurements: event.measurements,
      measuredAt: event.measurements.length > 0 ? this.keptAt : null,
      dataset: event.dataset,
      trainImages: event.trainImages,
      validationImages: event.validationImages,
      epochsDone: event.epochsDone,
      hasModel: true,
      loading: null,
      ...(resume && resume.epochs === 0 ? { phase: 'finished' as const, outcome: null } : {}),
      ...(resume ? {} : { epochsPlanned: options.hyperparameters.epochs }),
    });
    if (!this.recorder) return;
    if (!resume) {
      const { id: _id, ...ref } = event.dataset;
      const dataset: DatasetRef = ref;
      const backendMeasurements = event.measurements.map(({ backend, samplesPerSec, error, skipped, device }) => {
        // The run record has no field for a backend left untimed: its reason goes where an error would.
        const why = error ?? (skipped === 'softwareGpu' ? `not timed: software GPU (${device ?? 'unknown'})` : skipped === 'slowerThanWasm' ? 'not timed: slower than WebAssembly' : undefined);
        return { backend, samplesPerSec, ...(why ? { error: why.slice(0, 2000) } : {}) };
      });
      this.recorder.create({ document: options.document, dataset, hyperparameters: options.hyperparameters, backend: event.backend, backendMeasurements });
    } else if (resume.epochs > 0) {
      this.recorder.update({ status: 'running', backend: event.backend });
    }
  }

  private finished(outcome: 'completed' | 'stopped', epochsDone: number) {
    this.recorder?.stopHeartbeat();
    this.set({ phase: 'finished', outcome, epochsDone, progress: this.state.progress, validating: false });
    // A finished run is evaluated on the test images at once: its test accuracy is stored with it.
    if (outcome === 'completed') void this.evaluate();
    const recorder = this.recorder;
    if (!recorder || !this.client) return;
    recorder.update({ status: outcome });
    // The weights as trained so far (after a stop, more than the last epoch's snapshot).
    this.set({ weights: { state: 'saving', bytes: 0, error: null } });
    this.client
      .exportWeights()
      .then((weights) => {
        const bytes = weights.weightData.byteLength;
        if (bytes > MAX_WEIGHTS_BYTES) {
          this.set({ weights: { state: 'tooLarge', bytes, error: null } });
          return;
        }
        // tfjs's entry type admits dtypes (e.g. int64 quantization) that a trained model never has.
        recorder.weights({ weightSpecs: weights.weightSpecs as RunWeights['weightSpecs'], weightData: weights.weightData }, (error) =>
          this.set({ weights: { state: error ? 'failed' : 'saved', bytes, error } }),
        );
      })
      .catch((e: unknown) => this.set({ weights: { state: 'failed', bytes: 0, error: e instanceof Error ? e.message : String(e) } }));
  }

  private failed(kind: FailureKind, error: string, diverged?: DivergedDetail) {
    this.recorder?.stopHeartbeat();
    const wasTraining = this.state.phase !== 'loading' || this.state.hasModel;
    this.set({ phase: 'failed', failure: { kind, error, ...(diverged ? { diverged } : {}) }, loading: null, validating: false });
    if (wasTraining) this.recorder?.update({ status: 'failed', error: error.slice(0, 2000) });
  }

  /** Tries the run's waiting writes now (the page's "Retry now"). */
  retrySync(): void {
    this.recorder?.retryNow();
  }

  private makeRecorder(architectureId: string, onRunId?: (runId: string) => void): RunRecorder {
    const recorder: RunRecorder = new RunRecorder(this.runsApi, architectureId, (e) => this.recordError(e), onRunId, {
      // Only the run this session writes to now is shown.
      onSync: (sync) => {
        if (this.recorder === recorder) this.set({ sync });
      },
    });
    return recorder;
  }

  private recordError(message: string) {
    this.set({ recordErrors: [...this.state.recordErrors, message] });
  }

  private set(patch: Partial<SessionState>, urgent = true): void {
    this.state = { ...this.state, ...patch };
    if (urgent) {
      if (this.notifyTimer !== null) clearTimeout(this.notifyTimer);
      this.notifyTimer = null;
      for (const l of this.listeners) l();
      return;
    }
    this.notifyTimer ??= setTimeout(() => {
      this.notifyTimer = null;
      for (const l of this.listeners) l();
    }, NOTIFY_EVERY_MS);
  }
}

/** Which kept autotune figures a start can use. */
const keyOf = (options: StartOptions) => measurementKey(options.document, options.datasetId, options.hyperparameters.batchSize);

const sessions = new Map<string, TrainingSession>();

/** The page-wide session for an architecture (or for an unsaved/shared one under its own key). */
export function trainingSessionFor(key: string): TrainingSession {
  let session = sessions.get(key);
  if (!session) {
    session = new TrainingSession();
    sessions.set(key, session);
  }
  return session;
}
