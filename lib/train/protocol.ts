// The messages between the page and the training worker. Both sides import
// these types, so a message the other side does not understand fails to compile.
import type { ArchitectureDocument } from '../schema';
import type { DatasetInfo } from '../schema/run';
import type { BackendChoice, BackendName } from './backendNames';
import type { BackendMeasurement } from './measurements';
import type { Evaluation } from './worker/evaluate';
import type { Hyperparameters } from './page/hyperparameters';
import type { BatchMetrics, BatchProgress, EpochMetrics } from './metrics';
import type { WeightsPayload } from './worker/weights';

/** What a run records about its data, plus the page's id for the dataset. */
export type { DatasetInfo } from '../schema/run';

export interface PrepareRequest {
  type: 'prepare';
  document: ArchitectureDocument;
  datasetId: string;
  hyperparameters: Hyperparameters;
  backend: BackendChoice;
  /** With backend 'auto': measurements of this model from an earlier start, so it is not measured again. */
  measurements?: BackendMeasurement[];
  /** Weights to start from (a saved run, or the last epoch before a failure), instead of fresh ones. */
  initialWeights?: WeightsPayload;
  /** Epochs already trained (numbering continues from here). */
  epochsDone?: number;
  /** Train this many epochs once prepared; 0 only loads (to evaluate or predict). */
  epochs: number;
}

export type TrainerRequest =
  | PrepareRequest
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  | { type: 'trainMore'; epochs: number }
  | { type: 'evaluate'; requestId: number; /** Only the first N images of the split (all when absent). */ limit?: number }
  | { type: 'predict'; requestId: number; pixels: Float32Array }
  | { type: 'examples'; requestId: number; split: Evaluation['split']; indices: number[] }
  | { type: 'exportWeights'; requestId: number };

export type LoadingStage = 'dataset' | 'measuring' | 'backend' | 'model';

/** Where a loss stopped being a number, so the page can say it in the user's language. */
export interface DivergedDetail {
  epoch: number;
  /** 0: in validation. */
  batch: number;
  learningRate: number;
  value: number;
}

export type FailureKind = 'deviceLost' | 'outOfMemory' | 'diverged' | 'invalid' | 'error';

export type TrainerEvent =
  | { type: 'loading'; stage: LoadingStage; progress: number | null }
  /** One backend measured by the autotune (backend 'auto'), as it finishes. */
  | { type: 'measurement'; measurement: BackendMeasurement }
  | {
      type: 'ready';
      backend: BackendName;
      /** Why a backend earlier in the order was not used, e.g. "webgpu: no adapter". */
      backendNotes: string[];
      /** WASM only: the threads it trains on (1 when the page is not cross-origin isolated). */
      threads?: number;
      /** WASM only: the threads it asked for (every core, up to 8, when cross-origin isolated). */
      threadsWanted?: number;
      /** What the autotune measured (empty when the user named a backend). */
      measurements: BackendMeasurement[];
      dataset: DatasetInfo;
      trainImages: number;
      validationImages: number;
      epochsDone: number;
    }
  | { type: 'training'; epochsPlanned: number }
  | { type: 'batch'; progress: BatchProgress }
  | { type: 'batchMetrics'; metrics: BatchMetrics }
  | { type: 'validating'; epoch: number }
  /** weights: a snapshot after this epoch, kept by the page to save or to continue elsewhere after a failure. */
  | { type: 'epoch'; metrics: EpochMetrics; weights: WeightsPayload | null }
  | { type: 'paused' }
  | { type: 'resumed' }
  | { type: 'finished'; outcome: 'completed' | 'stopped'; epochsDone: number }
  | { type: 'failed'; kind: FailureKind; error: string; diverged?: DivergedDetail }
  | { type: 'evaluation'; requestId: number; evaluation: Evaluation }
  | { type: 'prediction'; requestId: number; probabilities: number[] }
  | { type: 'examples'; requestId: number; images: Uint8Array; shape: [number, number, number]; labels: number[] }
  | { type: 'weights'; requestId: number; weights: WeightsPayload }
  | { type: 'requestFailed'; requestId: number; error: string };
