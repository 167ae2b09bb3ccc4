// The shapes that cross the HTTP boundary, as zod schemas + inferred types.
// The server validates request bodies with them; the client validates
// responses with them, so neither side trusts the other's JSON blindly.
import { z } from 'zod';
import type { ArchitectureDocument, SchemaIssue } from '@/lib/schema';
import { DocumentField } from '@/lib/schema/run';

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

const Id = z.string().min(1).max(64);
const IsoDate = z.iso.datetime({ offset: true });
const finite = z.number().refine(Number.isFinite, 'expected a finite number');
const positiveInt = z.number().int().positive();
const nonNegativeInt = z.number().int().nonnegative();

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

// A run's data has one home, lib/schema/run.ts (the form, the worker and the
// database read it too); the API's bodies and responses are these schemas.
export {
  EpochMetrics,
  CreateRunBody,
  CreatedRun,
  RunPatch,
  RunSummary,
  RunList,
  Run,
  WeightSpec,
  WeightSpecs,
  type RunWeights,
  MAX_WEIGHTS_BYTES,
  WEIGHT_CHUNK_BYTES,
} from '@/lib/schema/run';

/** Largest JSON body, in bytes (1 MiB). */
export const MAX_JSON_BYTES = 1024 * 1024;
