// The shapes that cross the HTTP boundary, as zod schemas + inferred types.
// The server validates request bodies with them; the client validates
// responses with them, so neither side trusts the other's JSON blindly.
import { z } from 'zod';
import { parseArchitectureDocument, type ArchitectureDocument, type SchemaIssue } from '@/lib/schema';

export type ApiIssue = SchemaIssue;

/** Every client call returns a value; HTTP and network failures are values too (status 0 = no response). */
export type ApiFailure = {
  ok: false;
  status: number;
  error: string;
  issues?: ApiIssue[];
  /** Only on 409 from updateArchitecture: the version now stored. */
  currentVersion?: number;
  /** Only on 429: how long to wait before writing again (the Retry-After header). */
  retryAfterSeconds?: number;
};
export type ApiResult<T> = { ok: true; data: T } | ApiFailure;

/** Error body of every non-2xx response. */
export const ErrorBody = z.object({
  error: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  currentVersion: z.number().int().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** A document in a response or a body, run through the one parser every document goes through. */
export const DocumentField = z.unknown().transform((value, ctx): ArchitectureDocument => {
  const parsed = parseArchitectureDocument(value);
  if (parsed.ok) return parsed.document;
  for (const issue of parsed.issues) ctx.addIssue({ code: 'custom', message: `${issue.path}: ${issue.message}` });
  return z.NEVER;
});

const Id = z.string().min(1).max(64);
const IsoDate = z.iso.datetime({ offset: true });
const finite = z.number().refine(Number.isFinite, 'expected a finite number');
const nonNegative = finite.refine((n) => n >= 0, 'expected a number ≥ 0');
const positiveInt = z.number().int().positive();
const nonNegativeInt = z.number().int().nonnegative();
/** A finite number in [min, max], with a message naming the range. */
const between = (min: number, max: number, what: string) =>
  finite.refine((n) => n >= min && n <= max, `expected ${what} in [${min}, ${max}]`);

// ---------------------------------------------------------------- architectures

export const ArchitectureName = z.string().trim().min(1).max(100);

export const CreateArchitectureBody = z.strictObject({ name: ArchitectureName, document: z.unknown() });
export type CreateArchitectureBody = { name: string; document: ArchitectureDocument };

export const UpdateArchitectureBody = z.strictObject({ name: ArchitectureName, document: z.unknown(), version: positiveInt });
export type UpdateArchitectureBody = { name: string; document: ArchitectureDocument; version: number };

export const CreatedArchitecture = z.object({ id: Id, shareId: z.string(), version: positiveInt });
export type CreatedArchitecture = z.infer<typeof CreatedArchitecture>;

export const UpdatedArchitecture = z.object({ version: positiveInt });
export type UpdatedArchitecture = z.infer<typeof UpdatedArchitecture>;

/** GET /api/architectures/:id (owner only). Dates are ISO strings on the wire. */
export const Architecture = z.object({
  id: Id,
  name: z.string(),
  document: DocumentField,
  version: positiveInt,
  /** null while the owner has turned the share link off. */
  shareId: z.string().nullable(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
});
export type Architecture = z.infer<typeof Architecture>;

/** One row of GET /api/architectures (the caller's own only). */
export const ArchitectureSummary = z.object({
  id: Id,
  name: z.string(),
  /** null while the owner has the share link turned off. */
  shareId: z.string().nullable(),
  /** Total parameters; null while the graph has errors. */
  paramCount: nonNegativeInt.nullable(),
  /** Errors in the graph (0 when it builds); optional for servers older than it. */
  errorCount: nonNegativeInt.optional(),
  updatedAt: IsoDate,
  bestValAccuracy: finite.nullable(),
  runCount: nonNegativeInt,
});
export type ArchitectureSummary = z.infer<typeof ArchitectureSummary>;
/** One page, most recently modified first; pass `nextCursor` back as `cursor` for the next (null: last page). */
export const ArchitectureList = z.object({ architectures: z.array(ArchitectureSummary), nextCursor: z.string().nullable().optional() });
export type ArchitectureList = z.infer<typeof ArchitectureList>;

/** Query of GET /api/architectures: `limit` 1-100 (default 50), `cursor` from the previous page. */
export const ArchitectureListQuery = z.strictObject({
  limit: z
    .string()
    .regex(/^\d{1,3}$/, 'expected a whole number from 1 to 100')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 100, 'expected a whole number from 1 to 100')
    .optional(),
  cursor: z.string().min(1).max(200).optional(),
});

/** GET /api/shared/:shareId — read-only. */
export const SharedArchitecture = z.object({ name: z.string(), document: DocumentField });
export type SharedArchitecture = z.infer<typeof SharedArchitecture>;

export const ForkedArchitecture = z.object({ id: Id, shareId: z.string() });
export type ForkedArchitecture = z.infer<typeof ForkedArchitecture>;

// ------------------------------------------------------------------------- runs

export const BackendName = z.enum(['webgpu', 'webgl', 'wasm', 'cpu']);
export type BackendName = z.infer<typeof BackendName>;

export const DatasetRef = z.strictObject({
  name: z.string().min(1).max(200),
  hash: z.string().min(1).max(200),
  shape: z.tuple([positiveInt, positiveInt, positiveInt]),
  classNames: z.array(z.string().max(200)).min(1).max(1000),
  trainCount: nonNegativeInt,
  testCount: nonNegativeInt,
});
export type DatasetRef = z.infer<typeof DatasetRef>;

/** Most epochs a run may plan (the form allows 1,000 per start; "Train more" adds to it). */
export const MAX_EPOCHS = 10_000;

export const Hyperparameters = z.strictObject({
  optimizer: z.enum(['adam', 'sgd', 'rmsprop']),
  learningRate: finite.refine((n) => n > 0, 'expected a learning rate > 0'),
  batchSize: positiveInt,
  epochs: positiveInt.max(MAX_EPOCHS),
  validationSplit: finite.refine((n) => n >= 0 && n < 1, 'expected a fraction in [0, 1)'),
  shuffle: z.boolean(),
  seed: z.number().int(),
  trainLimit: positiveInt.optional(),
});
export type Hyperparameters = z.infer<typeof Hyperparameters>;

export const BackendMeasurement = z.strictObject({
  backend: BackendName,
  samplesPerSec: nonNegative,
  error: z.string().max(2000).optional(),
});
export type BackendMeasurement = z.infer<typeof BackendMeasurement>;

/** What the trainer may set. */
export const StoredRunStatus = z.enum(['running', 'completed', 'stopped', 'failed']);
export type StoredRunStatus = z.infer<typeof StoredRunStatus>;
/** What a reader sees: 'interrupted' = still 'running' but silent for over a minute (the tab died). */
export const RunStatus = z.enum(['running', 'completed', 'stopped', 'failed', 'interrupted']);
export type RunStatus = z.infer<typeof RunStatus>;

/** Bounds of recorded metrics. Cross-entropy as tfjs computes it (probabilities clipped at 1e-7) stays below ~16.2. */
export const MAX_LOSS = 1e6;
/** An epoch may include a long pause; a week is far past any real one. */
export const MAX_EPOCH_DURATION_MS = 7 * 24 * 60 * 60 * 1000;
export const MAX_SAMPLES_PER_SEC = 1e9;

/** A run still 'running' with no heartbeat or epoch for this long is shown as interrupted. */
export const RUN_HEARTBEAT_TIMEOUT_MS = 60_000;

const loss = between(0, MAX_LOSS, 'a loss');
const accuracy = between(0, 1, 'an accuracy');

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
  hyperparameters: Hyperparameters,
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

// ---------------------------------------------------------------------- weights

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
/** Largest JSON body, in bytes (1 MiB). */
export const MAX_JSON_BYTES = 1024 * 1024;
