// A training run's data, one zod schema per shape: the training form, the
// worker protocol, the runs API and the database's JSON columns all derive
// their types and bounds from here, so a field or a limit is written once.
//
// RUN_SCHEMA_VERSION counts changes to the stored shapes (the Run table's
// JSON columns: dataset, hyperparameters, backendMeasurements). Version 1 is
// the shape every run has been stored in so far, so nothing needs upgrading
// yet; a change to a stored shape raises it and upgrades older values in
// parseStoredRunData before they are parsed, the way ./migrate.ts upgrades
// architecture documents.
import { z } from 'zod';
import { showValue } from '../layers/shared/params';
import { parseArchitectureDocument, type ArchitectureDocument } from './index';

export const RUN_SCHEMA_VERSION = 1 as const;

const Id = z.string().min(1).max(64);
const IsoDate = z.iso.datetime({ offset: true });
const finite = z.number().refine(Number.isFinite, 'expected a finite number');
const nonNegative = finite.refine((n) => n >= 0, 'expected a number ≥ 0');
const positiveInt = z.number().int().positive();
const nonNegativeInt = z.number().int().nonnegative();
/** A finite number in [min, max], with a message naming the range. */
const between = (min: number, max: number, what: string) => finite.refine((n) => n >= min && n <= max, `expected ${what} in [${min}, ${max}]`);

interface Bound {
  min: number;
  max?: number;
  /** The minimum itself is not allowed (a learning rate of 0 trains nothing). */
  minExclusive?: boolean;
}

export function describeRange(bound: Bound): string {
  return `${bound.minExclusive ? '(' : '['}${bound.min}, ${bound.max ?? '∞'}]`;
}

/** A number within `bound`; the message names the range and the value given. */
function boundedNumber(bound: Bound, integer: boolean) {
  const what = `${integer ? 'a whole number' : 'a number'} in ${describeRange(bound)}`;
  return z.number({ error: (issue) => `expected ${what}, got ${showValue(issue.input)}` }).superRefine((n, ctx) => {
    const low = bound.minExclusive ? n <= bound.min : n < bound.min;
    if ((integer && !Number.isInteger(n)) || low || (bound.max !== undefined && n > bound.max)) {
      ctx.addIssue({ code: 'custom', message: `expected ${what}, got ${n}` });
    }
  });
}

// ------------------------------------------------------------------- backends

export const backendNames = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export const BackendName = z.enum(backendNames);
export type BackendName = z.infer<typeof BackendName>;

/** What a run records about one backend the autotune tried (0 samples/s and an error when it could not train). */
export const BackendMeasurement = z.strictObject({
  backend: BackendName,
  samplesPerSec: nonNegative,
  error: z.string().max(2000).optional(),
});
export type BackendMeasurement = z.infer<typeof BackendMeasurement>;

/**
 * What the autotune measured on one backend, as the worker reports it and the
 * browser keeps it (lib/train's measurement cache). A run stores the
 * BackendMeasurement part of it.
 */
export const AutotuneMeasurement = z.object({
  backend: BackendName,
  /** 0 when the backend could not start or train (see error). */
  samplesPerSec: z.number().nonnegative(),
  /** Timed steps behind the figure; 0 when it comes from the warm-up step alone (a backend slower than the time box). */
  steps: nonNegativeInt,
  error: z.string().optional(),
  /**
   * The figure comes from the probe (steps of a few images): that backend was
   * already far slower than the fastest probed before it, so it was not
   * measured at the full batch.
   */
  probeOnly: z.boolean().optional(),
  /** Tensors the measurement left behind (should be 0). */
  leakedTensors: z.number().optional(),
  /** Not timed, and why (lib/train/worker/triage.ts): a software GPU adapter (`device` names it), or tfjs's CPU backend while WASM runs. */
  skipped: z.enum(['softwareGpu', 'slowerThanWasm']).optional(),
  /** The adapter or renderer found, for a skipped GPU backend. */
  device: z.string().max(200).optional(),
  /** Started but not timed: it was the only backend left that could win, so timing it would only delay the start. */
  untimed: z.boolean().optional(),
});
export type AutotuneMeasurement = z.infer<typeof AutotuneMeasurement>;

// -------------------------------------------------------------------- dataset

/** What a run records about its data. */
export const DatasetRef = z.strictObject({
  name: z.string().min(1).max(200),
  hash: z.string().min(1).max(200),
  shape: z.tuple([positiveInt, positiveInt, positiveInt]),
  classNames: z.array(z.string().max(200)).min(1).max(1000),
  trainCount: nonNegativeInt,
  testCount: nonNegativeInt,
});
export type DatasetRef = z.infer<typeof DatasetRef>;

/** The dataset as the worker reports it: the run's DatasetRef plus the page's id for it. */
export const DatasetInfo = DatasetRef.extend({ id: z.string().min(1) });
export type DatasetInfo = z.infer<typeof DatasetInfo>;

// ------------------------------------------------------------ hyperparameters

/** Most epochs a run may plan (the form allows 1,000 per start; "Train more" adds to it). */
export const MAX_EPOCHS = 10_000;

export const optimizers = ['adam', 'sgd', 'rmsprop'] as const;
export const OptimizerName = z.enum(optimizers);
export type OptimizerName = z.infer<typeof OptimizerName>;

/**
 * What a run may be started with: the training form checks these (with a
 * message per field in the user's language) and the runs API refuses a body
 * outside them.
 */
export const HYPERPARAMETER_LIMITS = {
  learningRate: { min: 0, max: 10, minExclusive: true },
  batchSize: { min: 1, max: 4096 },
  epochs: { min: 1, max: 1000 },
  validationSplit: { min: 0, max: 0.5 },
  seed: { min: 0, max: 2 ** 31 - 1 },
  trainLimit: { min: 1, max: Number.MAX_SAFE_INTEGER },
} as const satisfies Record<string, Bound>;

/**
 * What a stored run may hold. Runs created before the API checked
 * HYPERPARAMETER_LIMITS were held only to these, and must still read.
 */
const RECORDED_LIMITS = {
  learningRate: { min: 0, minExclusive: true },
  batchSize: { min: 1 },
  epochs: { min: 1, max: MAX_EPOCHS },
  validationSplit: { min: 0, max: 1 - Number.EPSILON },
  seed: { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER },
  trainLimit: { min: 1 },
} as const satisfies Record<keyof typeof HYPERPARAMETER_LIMITS, Bound>;

/** Which number fields are whole numbers. */
export const HYPERPARAMETER_INTEGERS = { learningRate: false, batchSize: true, epochs: true, validationSplit: false, seed: true, trainLimit: true } as const satisfies Record<
  keyof typeof HYPERPARAMETER_LIMITS,
  boolean
>;

function hyperparametersWithin(limits: Record<keyof typeof HYPERPARAMETER_LIMITS, Bound>) {
  const field = (name: keyof typeof HYPERPARAMETER_LIMITS) => boundedNumber(limits[name], HYPERPARAMETER_INTEGERS[name]);
  return z.strictObject({
    optimizer: OptimizerName,
    learningRate: field('learningRate'),
    batchSize: field('batchSize'),
    epochs: field('epochs'),
    /** Fraction of the training images held out to validate after each epoch, 0 for none. */
    validationSplit: field('validationSplit'),
    shuffle: z.boolean(),
    seed: field('seed'),
    /** "Use the first N images": trains on a subset so a try takes seconds. */
    trainLimit: field('trainLimit').optional(),
  });
}

/** Training settings a run is started with (POST of a run; the form's checked value). */
export const Hyperparameters = hyperparametersWithin(HYPERPARAMETER_LIMITS);
export type Hyperparameters = z.infer<typeof Hyperparameters>;
/** Training settings as stored with a run (and served back): the same fields, held only to the bounds every version of the app kept. */
export const RecordedHyperparameters = hyperparametersWithin(RECORDED_LIMITS);
export type HyperparameterField = keyof Hyperparameters;

export const defaultHyperparameters: Hyperparameters = {
  optimizer: 'adam',
  learningRate: 0.001,
  batchSize: 32,
  epochs: 5,
  validationSplit: 0.1,
  shuffle: true,
  seed: 42,
};

// ---------------------------------------------------------------------- status

/** What the trainer may set. */
export const StoredRunStatus = z.enum(['running', 'completed', 'stopped', 'failed']);
export type StoredRunStatus = z.infer<typeof StoredRunStatus>;
/** What a reader sees: 'interrupted' = still 'running' but silent for over a minute (the tab died). */
export const RunStatus = z.enum(['running', 'completed', 'stopped', 'failed', 'interrupted']);
export type RunStatus = z.infer<typeof RunStatus>;

/** A run still 'running' with no heartbeat or epoch for this long is shown as interrupted. */
export const RUN_HEARTBEAT_TIMEOUT_MS = 60_000;

// --------------------------------------------------------------------- epochs

/** Bounds of recorded metrics. Cross-entropy as tfjs computes it (probabilities clipped at 1e-7) stays below ~16.2. */
export const MAX_LOSS = 1e6;
/** An epoch may include a long pause; a week is far past any real one. */
export const MAX_EPOCH_DURATION_MS = 7 * 24 * 60 * 60 * 1000;
export const MAX_SAMPLES_PER_SEC = 1e9;

const loss = between(0, MAX_LOSS, 'a loss');
const accuracy = between(0, 1, 'an accuracy');

/** One finished epoch, as the worker reports it and a run stores it. */
export const EpochMetrics = z.strictObject({
  /** 0-based; below the run's epochsPlanned (checked against the stored run). */
  epoch: nonNegativeInt.max(MAX_EPOCHS - 1),
  loss,
  accuracy,
  valLoss: loss.nullable(),
  valAccuracy: accuracy.nullable(),
  durationMs: between(0, MAX_EPOCH_DURATION_MS, 'a duration in ms'),
  samplesPerSec: between(0, MAX_SAMPLES_PER_SEC, 'a rate'),
});
export type EpochMetrics = z.infer<typeof EpochMetrics>;

// ------------------------------------------------------------------------ runs

/** A document in a response or a body, run through the one parser every document goes through. */
export const DocumentField = z.unknown().transform((value, ctx): ArchitectureDocument => {
  const parsed = parseArchitectureDocument(value);
  if (parsed.ok) return parsed.document;
  for (const issue of parsed.issues) ctx.addIssue({ code: 'custom', message: `${issue.path}: ${issue.message}` });
  return z.NEVER;
});

/** A run's own name, e.g. "Imported weights" for weights that came with an imported model. */
export const RunName = z.string().trim().min(1).max(100);

export const CreateRunBody = z.strictObject({
  name: RunName.optional(),
  document: z.unknown(),
  dataset: DatasetRef,
  hyperparameters: Hyperparameters,
  backend: BackendName,
  backendMeasurements: z.array(BackendMeasurement).max(16).optional(),
});
export type CreateRunBody = {
  name?: string;
  document: ArchitectureDocument;
  dataset: DatasetRef;
  hyperparameters: Hyperparameters;
  backend: BackendName;
  backendMeasurements?: BackendMeasurement[];
};

export const CreatedRun = z.object({ id: Id });
export type CreatedRun = z.infer<typeof CreatedRun>;

export const RunPatch = z.strictObject({
  status: StoredRunStatus.optional(),
  error: z.string().max(2000).optional(),
  heartbeat: z.literal(true).optional(),
  testAccuracy: accuracy.optional(),
  epochsPlanned: positiveInt.max(MAX_EPOCHS).optional(),
  backend: BackendName.optional(),
});
export type RunPatch = z.infer<typeof RunPatch>;

export const RunSummary = z.object({
  id: Id,
  /** null for a run trained here; optional for servers older than it. */
  name: z.string().nullable().optional(),
  startedAt: IsoDate,
  finishedAt: IsoDate.nullable(),
  status: RunStatus,
  dataset: DatasetRef,
  backend: BackendName,
  epochsDone: nonNegativeInt,
  epochsPlanned: nonNegativeInt,
  bestValAccuracy: finite.nullable(),
  testAccuracy: finite.nullable(),
  /** finishedAt (or the last sign of life) minus startedAt. */
  durationMs: nonNegative,
  hyperparameters: RecordedHyperparameters,
});
export type RunSummary = z.infer<typeof RunSummary>;
export const RunList = z.object({ runs: z.array(RunSummary) });

export const Run = RunSummary.extend({
  document: DocumentField,
  epochs: z.array(EpochMetrics),
  error: z.string().nullable(),
  backendMeasurements: z.array(BackendMeasurement),
  hasWeights: z.boolean(),
});
export type Run = z.infer<typeof Run>;

// --------------------------------------------------------------------- weights

/**
 * Plain-object form of tf.io.WeightsManifestEntry. Wire format of
 * PUT/GET /api/runs/:id/weights (application/octet-stream):
 * [uint32 little-endian byte length of the JSON][JSON array of WeightSpec][raw weight bytes].
 */
export const WeightSpec = z.strictObject({
  name: z.string().min(1).max(500),
  shape: z.array(nonNegativeInt).max(8),
  dtype: z.enum(['float32', 'int32', 'bool', 'complex64', 'string']),
  group: z.enum(['model', 'optimizer']).optional(),
  // Exactly the keys tf.io.WeightsManifestEntry has: anything else would be stored and served back as is.
  quantization: z.strictObject({ scale: finite.optional(), min: finite.optional(), dtype: z.enum(['uint16', 'uint8', 'float16']) }).optional(),
});
export type WeightSpec = z.infer<typeof WeightSpec>;
export const WeightSpecs = z.array(WeightSpec).max(10_000);

export type RunWeights = { weightSpecs: WeightSpec[]; weightData: ArrayBuffer };

/** Largest weights upload, in bytes (64 MiB). */
export const MAX_WEIGHTS_BYTES = 64 * 1024 * 1024;
/** Weights are stored and streamed in pieces of this many bytes (the last may be shorter). */
export const WEIGHT_CHUNK_BYTES = 1024 * 1024;

// ------------------------------------------------------------- stored columns

/** The Run table's JSON columns and the schema each is read with. */
export const storedRunColumns = {
  dataset: DatasetRef,
  hyperparameters: RecordedHyperparameters,
  backendMeasurements: z.array(BackendMeasurement),
} as const;
export type StoredRunColumn = keyof typeof storedRunColumns;

export type StoredRunData = { [C in StoredRunColumn]: z.output<(typeof storedRunColumns)[C]> };

/** unknown -> parse, for one stored column; an error names the first bad field. */
export function parseStoredRunData<C extends StoredRunColumn>(column: C, value: unknown): { ok: true; value: StoredRunData[C] } | { ok: false; message: string } {
  const result = storedRunColumns[column].safeParse(value);
  if (result.success) return { ok: true, value: result.data as StoredRunData[C] };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
  return { ok: false, message: `${where}${issue?.message ?? 'does not parse'}` };
}
