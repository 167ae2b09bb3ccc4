// Writes a run to the server as it happens: created when training starts,
// one epoch at a time as each ends (so a closed tab loses at most the epoch
// under way), a heartbeat every 15 s, the final status and the weights.
// Calls run one after another; a failed call is reported, never thrown.
import type * as tf from '@tensorflow/tfjs';
import type { ApiResult } from '../api/client';
import type { CreateRunBody, EpochMetrics, RunPatch, RunSummary, RunWeights } from '../api/types';
import { runWeightsIOHandler } from './runWeightsIO';

export interface RunsApi {
  createRun(architectureId: string, body: CreateRunBody): Promise<ApiResult<{ id: string }>>;
  appendEpoch(runId: string, metrics: EpochMetrics): Promise<ApiResult<unknown>>;
  updateRun(runId: string, patch: RunPatch): Promise<ApiResult<RunSummary>>;
  saveRunWeights(runId: string, weights: RunWeights): Promise<ApiResult<unknown>>;
  loadRunWeights(runId: string): Promise<ApiResult<RunWeights>>;
}

export const HEARTBEAT_MS = 15_000;

export class RunRecorder {
  runId: string | null = null;
  private chain: Promise<void> = Promise.resolve();
  private heartbeat: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly api: RunsApi,
    private readonly architectureId: string,
    /** A write failed: the page says so (training goes on). */
    private readonly onError: (message: string) => void,
    private readonly onRunId: (runId: string) => void = () => {},
  ) {}

  /** Resolves when every queued write is done (tests, and before loading a run back). */
  settled(): Promise<void> {
    return this.chain;
  }

  create(body: CreateRunBody): void {
    this.enqueue(async () => {
      const result = await this.api.createRun(this.architectureId, body);
      if (!result.ok) return this.fail('create', result);
      this.runId = result.data.id;
      this.onRunId(result.data.id);
    }, false);
  }

  /** Continues an existing run (train more, another backend, a run loaded back). */
  attach(runId: string, patch: RunPatch): void {
    this.runId = runId;
    this.update(patch);
  }

  epoch(metrics: EpochMetrics): void {
    this.enqueue(async (runId) => {
      const result = await this.api.appendEpoch(runId, metrics);
      if (!result.ok) this.fail(`epoch ${metrics.epoch + 1}`, result);
    });
  }

  update(patch: RunPatch): void {
    this.enqueue(async (runId) => {
      const result = await this.api.updateRun(runId, patch);
      if (!result.ok) this.fail('update', result);
    });
  }

  weights(weights: RunWeights, onDone: (error: string | null) => void): void {
    this.enqueue(async (runId) => {
      try {
        await runWeightsIOHandler(runId, this.api).save!({ weightSpecs: weights.weightSpecs as tf.io.WeightsManifestEntry[], weightData: weights.weightData });
        onDone(null);
      } catch (e) {
        onDone(e instanceof Error ? e.message : String(e));
      }
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

  private fail(what: string, result: { status: number; error: string }) {
    this.onError(`${what}: ${result.error}`);
  }

  private enqueue(work: (runId: string) => Promise<void>, needsRun = true): void {
    this.chain = this.chain
      .then(async () => {
        if (needsRun && this.runId === null) return;
        await work(this.runId ?? '');
      })
      .catch((e: unknown) => this.onError(e instanceof Error ? e.message : String(e)));
  }
}
