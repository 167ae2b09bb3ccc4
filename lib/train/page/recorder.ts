// Writes a run to the server as it happens: created when training starts,
// one epoch at a time as each ends (so a closed tab loses at most the epoch
// under way), a heartbeat every 15 s, the final status and the weights.
// Writes go out one after another from a queue. When the server cannot be
// reached or answers 5xx/408/429, the write stays at the head of the queue
// and is tried again with backoff (later writes wait behind it, so epochs
// arrive in order); the page shows what is waiting. A write the server
// refuses for good (4xx) is reported and dropped; if the run itself was
// refused, what depended on it is dropped with one message saying so.
import type * as tf from '@tensorflow/tfjs';
import type { ApiResult } from '../../api/client';
import type { CreateRunBody, EpochMetrics, RunPatch, RunSummary, RunWeights } from '../../schema/run';
import { RunWeightsError, runWeightsIOHandler } from './runWeightsIO';

export interface RunsApi {
  createRun(architectureId: string, body: CreateRunBody): Promise<ApiResult<{ id: string }>>;
  appendEpoch(runId: string, metrics: EpochMetrics): Promise<ApiResult<unknown>>;
  updateRun(runId: string, patch: RunPatch): Promise<ApiResult<RunSummary>>;
  saveRunWeights(runId: string, weights: RunWeights): Promise<ApiResult<unknown>>;
  loadRunWeights(runId: string): Promise<ApiResult<RunWeights>>;
}

export const HEARTBEAT_MS = 15_000;

/** What of the run is not on the server yet, for the page to show. */
export interface RunSyncState {
  /** Epochs queued or being retried. */
  epochsWaiting: number;
  /** Every write queued (epochs, status changes, heartbeats, weights). */
  writesWaiting: number;
  /** The last write failed for a reason that may pass; it is tried again at `retryAt` (ms since epoch). */
  retryAt: number | null;
  /** Why the last attempt failed, until a write gets through again. */
  error: string | null;
}

export const syncedState: RunSyncState = { epochsWaiting: 0, writesWaiting: 0, retryAt: null, error: null };

export interface RecorderOptions {
  /** The queue changed: what is waiting, and whether a retry is pending. */
  onSync?: (state: RunSyncState) => void;
  /** Wait before the n-th retry (n from 1). */
  backoffMs?: (attempt: number) => number;
}

/** 1 s, 2 s, 4 s … up to 30 s. */
export const defaultBackoffMs = (attempt: number) => Math.min(30_000, 1000 * 2 ** (attempt - 1));

/** Failures that may pass: no answer, timeouts, rate limits, server errors. */
export const isRetryable = (status: number) => status === 0 || status === 408 || status === 429 || status >= 500;

type Outcome = { ok: true } | { ok: false; status: number; error: string };

interface Write {
  kind: 'create' | 'epoch' | 'update' | 'heartbeat' | 'weights';
  label: string;
  send: (runId: string) => Promise<Outcome>;
  done?: (error: string | null) => void;
}

export class RunRecorder {
  runId: string | null = null;
  private queue: Write[] = [];
  private draining: Promise<void> | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private attempt = 0;
  private retryAt: number | null = null;
  private lastError: string | null = null;
  private wakeUp: (() => void) | null = null;
  private readonly onSync: (state: RunSyncState) => void;
  private readonly backoffMs: (attempt: number) => number;

  constructor(
    private readonly api: RunsApi,
    private readonly architectureId: string,
    /** A write was refused for good: the page says so (training goes on). */
    private readonly onError: (message: string) => void,
    private readonly onRunId: (runId: string) => void = () => {},
    options: RecorderOptions = {},
  ) {
    this.onSync = options.onSync ?? (() => {});
    this.backoffMs = options.backoffMs ?? defaultBackoffMs;
  }

  /** Resolves when every queued write is done (tests, and before loading a run back). */
  settled(): Promise<void> {
    return this.draining ?? Promise.resolve();
  }

  get syncState(): RunSyncState {
    return {
      epochsWaiting: this.queue.filter((w) => w.kind === 'epoch').length,
      writesWaiting: this.queue.length,
      retryAt: this.retryAt,
      error: this.queue.length > 0 ? this.lastError : null,
    };
  }

  /** Tries a waiting write now instead of at the end of its backoff (the user asked, or the browser is online again). */
  retryNow(): void {
    this.wakeUp?.();
  }

  create(body: CreateRunBody): void {
    this.enqueue({
      kind: 'create',
      label: 'create',
      send: async () => {
        const result = await this.api.createRun(this.architectureId, body);
        if (!result.ok) return result;
        this.runId = result.data.id;
        this.onRunId(result.data.id);
        return { ok: true };
      },
    });
  }

  /** Continues an existing run (train more, another backend, a run loaded back). */
  attach(runId: string, patch: RunPatch): void {
    this.runId = runId;
    this.update(patch);
  }

  epoch(metrics: EpochMetrics): void {
    // Appending an epoch is idempotent per index, so a retry after a lost answer does no harm.
    this.enqueue({ kind: 'epoch', label: `epoch ${metrics.epoch + 1}`, send: (runId) => this.api.appendEpoch(runId, metrics) });
  }

  update(patch: RunPatch): void {
    const heartbeatOnly = Object.keys(patch).length === 1 && patch.heartbeat === true;
    // One heartbeat waiting says as much as ten.
    if (heartbeatOnly && this.queue.some((w) => w.kind === 'heartbeat')) return;
    this.enqueue({ kind: heartbeatOnly ? 'heartbeat' : 'update', label: 'update', send: (runId) => this.api.updateRun(runId, patch) });
  }

  weights(weights: RunWeights, onDone: (error: string | null) => void): void {
    this.enqueue({
      kind: 'weights',
      label: 'weights',
      done: onDone,
      send: async (runId) => {
        try {
          await runWeightsIOHandler(runId, this.api).save!({ weightSpecs: weights.weightSpecs as tf.io.WeightsManifestEntry[], weightData: weights.weightData });
          return { ok: true };
        } catch (e) {
          return { ok: false, status: e instanceof RunWeightsError ? e.status : 0, error: e instanceof Error ? e.message : String(e) };
        }
      },
    });
  }

  startHeartbeat(): void {
    this.stopHeartbeat();
    this.heartbeat = setInterval(() => this.update({ heartbeat: true }), HEARTBEAT_MS);
  }

  stopHeartbeat(): void {
    if (this.heartbeat !== null) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  private enqueue(write: Write): void {
    this.queue.push(write);
    this.notify();
    this.draining ??= this.drain().finally(() => {
      this.draining = null;
      this.notify();
    });
  }

  private async drain(): Promise<void> {
    for (let write = this.queue[0]; write; write = this.queue[0]) {
      if (write.kind !== 'create' && this.runId === null) {
        // The run was never created (refused, reported once): nothing to write to.
        this.queue.shift();
        write.done?.('The run was not saved');
        continue;
      }
      let outcome: Outcome;
      try {
        outcome = await write.send(this.runId ?? '');
      } catch (e) {
        outcome = { ok: false, status: 0, error: e instanceof Error ? e.message : String(e) };
      }
      if (outcome.ok) {
        this.queue.shift();
        this.attempt = 0;
        this.lastError = null;
        write.done?.(null);
        this.notify();
        continue;
      }
      if (isRetryable(outcome.status)) {
        this.attempt += 1;
        this.lastError = `${write.label}: ${outcome.error}`;
        const wait = this.backoffMs(this.attempt);
        this.retryAt = Date.now() + wait;
        this.notify();
        await this.sleep(wait);
        this.retryAt = null;
        continue;
      }
      this.queue.shift();
      this.attempt = 0;
      this.lastError = null;
      write.done?.(outcome.error);
      this.onError(`${write.label}: ${outcome.error}`);
      this.notify();
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (typeof window !== 'undefined') window.removeEventListener('online', done);
        this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
      // Back online: no reason to wait out the backoff.
      if (typeof window !== 'undefined') window.addEventListener('online', done);
    });
  }

  private notify() {
    this.onSync(this.syncState);
  }
}
