// What the Train tab shows of a training session: one immutable snapshot,
// replaced on every change (React reads it with useSyncExternalStore).
import type { BackendName } from '../backendNames';
import { syncedState, type RunSyncState } from './recorder';
import type { BackendMeasurement } from '../measurements';
import type { Evaluation } from '../worker/evaluate';
import type { Hyperparameters } from './hyperparameters';
import type { BatchProgress, EpochMetrics } from '../metrics';
import type { DatasetInfo, DivergedDetail, FailureKind, LoadingStage } from '../protocol';

export type Phase = 'idle' | 'loading' | 'training' | 'paused' | 'stopping' | 'finished' | 'failed';

export interface BatchPoint {
  /** Epochs done, fractional: 1.5 is halfway through the second epoch. */
  x: number;
  loss: number;
  accuracy: number;
}

export interface SessionState {
  phase: Phase;
  loading: { stage: LoadingStage; progress: number | null } | null;
  backend: BackendName | null;
  /** WASM's thread count, when WASM trains. */
  threads: number | null;
  backendNotes: string[];
  /** Samples/s of this model per backend, from the autotune ('auto'); empty when the user named a backend. */
  measurements: BackendMeasurement[];
  /** When the figures shown were measured, if they were kept from an earlier start (else null: measured now). */
  measuredAt: number | null;
  dataset: DatasetInfo | null;
  hyperparameters: Hyperparameters | null;
  trainImages: number;
  validationImages: number;
  epochsPlanned: number;
  epochsDone: number;
  progress: BatchProgress | null;
  validating: boolean;
  epochs: EpochMetrics[];
  batches: BatchPoint[];
  outcome: 'completed' | 'stopped' | null;
  failure: { kind: FailureKind; error: string; diverged?: DivergedDetail } | null;
  /** The run this session writes to; null when runs are not kept (shared page) or not created yet. */
  runId: string | null;
  recordErrors: string[];
  /** Writes of the run not on the server yet (queued, or waiting to be retried). */
  sync: RunSyncState;
  weights: { state: 'none' | 'saving' | 'saved' | 'tooLarge' | 'failed'; bytes: number; error: string | null };
  evaluation: Evaluation | null;
  evaluating: boolean;
  evaluationError: string | null;
  /** Whether a model is in the worker (trained, stopped, or loaded from a run) to evaluate and predict with. */
  hasModel: boolean;
}

export const initialSessionState: SessionState = {
  phase: 'idle',
  loading: null,
  backend: null,
  threads: null,
  backendNotes: [],
  measurements: [],
  measuredAt: null,
  dataset: null,
  hyperparameters: null,
  trainImages: 0,
  validationImages: 0,
  epochsPlanned: 0,
  epochsDone: 0,
  progress: null,
  validating: false,
  epochs: [],
  batches: [],
  outcome: null,
  failure: null,
  runId: null,
  recordErrors: [],
  sync: syncedState,
  weights: { state: 'none', bytes: 0, error: null },
  evaluation: null,
  evaluating: false,
  evaluationError: null,
  hasModel: false,
};
