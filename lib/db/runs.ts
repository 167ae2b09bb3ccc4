// Training runs of an architecture. Only the architecture's owner may create,
// read, update or delete them. Weights live in their own table so that
// listing runs never loads a blob.
import { StoredRunStatus, type CreateRunBody, type EpochMetrics, type Run, type RunPatch, type RunSummary, type WeightSpec, WEIGHT_CHUNK_BYTES } from '@/lib/schema/run';
import { checkRunTransition } from '@/lib/schema/runStates';
import { checkArchitectureOwner, type Denied, type ForOwner } from './architectures';
import { getDb, getWeightChunkStore, type Db } from './client';
import { isIdLike, newId } from './ids';
import { runSummarySelect, StoredDataError, toRun, toRunSummary, writeDocument } from './mappers';

/** What a new run is made of: the API's body, one shape in lib/schema/run.ts. */
export type NewRun = CreateRunBody;

interface OwnedRunState {
  architectureId: string;
  status: string;
  epochsDone: number;
  epochsPlanned: number;
}

/** A run's owner is its architecture's owner. Reads only a few small columns, never a document. */
async function findOwnedRun(runId: string, ownerHash: string | null): Promise<Denied | { status: 'ok'; run: OwnedRunState }> {
  if (!isIdLike(runId)) return { status: 'not-found' };
  const db = await getDb();
  const row = await db.run.findUnique({
    where: { id: runId },
    select: { architectureId: true, status: true, epochsDone: true, epochsPlanned: true, architecture: { select: { ownerHash: true } } },
  });
  if (!row) return { status: 'not-found' };
  if (ownerHash === null || row.architecture.ownerHash !== ownerHash) return { status: 'forbidden' };
  const { architecture: _owner, ...run } = row;
  return { status: 'ok', run };
}

/**
 * Owner check alone: unknown run -> not-found, someone else's -> forbidden.
 * Also for handlers that must refuse before reading a large body (the weights upload).
 */
export async function checkRunOwner(runId: string, ownerHash: string | null): Promise<Denied | null> {
  const found = await findOwnedRun(runId, ownerHash);
  return found.status === 'ok' ? null : found;
}

/**
 * Recomputes the run count and best validation accuracy that the owner's list
 * shows from the architecture's runs. Plain SQL rather than a Prisma update,
 * which would bump the architecture's updatedAt (a run is not an edit) and
 * reorder the list; the statement is standard SQL (no SQLite-only syntax).
 */
function refreshArchitectureRunStats(db: Db, architectureId: string) {
  return db.$executeRaw`UPDATE "Architecture" SET
    "runCount" = (SELECT COUNT(*) FROM "Run" WHERE "architectureId" = ${architectureId}),
    "bestValAccuracy" = (SELECT MAX("bestValAccuracy") FROM "Run" WHERE "architectureId" = ${architectureId})
    WHERE "id" = ${architectureId}`;
}

/**
 * Takes the architecture's row lock, as the first statement of a batch that
 * recomputes counters. The counters are recomputed with subqueries; on
 * PostgreSQL (READ COMMITTED) a statement that waited for another
 * transaction's row lock still counts with the snapshot it started with, so
 * two batches running at once (several instances, retries) would each miss
 * the other's row. Locked first, the second batch waits before it reads
 * anything, and every later statement sees the first one's rows. On SQLite it
 * takes the write lock at once, which it needs anyway. A no-op update, so
 * updatedAt does not move.
 */
function lockArchitectureRow(db: Db, architectureId: string) {
  return db.$executeRaw`UPDATE "Architecture" SET "runCount" = "runCount" WHERE "id" = ${architectureId}`;
}

export async function createRun(architectureId: string, ownerHash: string | null, input: NewRun): Promise<ForOwner<{ id: string }>> {
  const denied = await checkArchitectureOwner(architectureId, ownerHash);
  if (denied) return denied;
  const db = await getDb();
  const now = new Date();
  const create = db.run.create({
    data: {
      id: newId(),
      architectureId,
      name: input.name ?? null,
      document: writeDocument(input.document),
      dataset: JSON.stringify(input.dataset),
      hyperparameters: JSON.stringify(input.hyperparameters),
      backend: input.backend,
      backendMeasurements: JSON.stringify(input.backendMeasurements ?? []),
      status: 'running',
      epochsPlanned: input.hyperparameters.epochs,
      startedAt: now,
      lastHeartbeatAt: now,
    },
    select: { id: true },
  });
  const [, row] = await db.$transaction([lockArchitectureRow(db, architectureId), create, refreshArchitectureRunStats(db, architectureId)]);
  return { status: 'ok', id: row.id };
}

/** Newest first. */
export async function listRunsForOwner(architectureId: string, ownerHash: string | null): Promise<ForOwner<{ runs: RunSummary[] }>> {
  const denied = await checkArchitectureOwner(architectureId, ownerHash);
  if (denied) return denied;
  const db = await getDb();
  const rows = await db.run.findMany({ where: { architectureId }, orderBy: { startedAt: 'desc' }, select: runSummarySelect });
  const now = Date.now();
  return { status: 'ok', runs: rows.map((r) => toRunSummary(r, now)) };
}

export async function getRunForOwner(runId: string, ownerHash: string | null): Promise<ForOwner<{ run: Run }>> {
  const denied = await checkRunOwner(runId, ownerHash);
  if (denied) return denied;
  const db = await getDb();
  const row = await db.run.findUnique({ where: { id: runId }, include: { epochs: { orderBy: { epoch: 'asc' } } } });
  if (!row) return { status: 'not-found' };
  const weights = await db.runWeights.findUnique({ where: { runId }, select: { runId: true } });
  return { status: 'ok', run: toRun(row, row.epochs, weights !== null) };
}

/** A request that the run's state does not allow (answered 409). */
export type RunConflict = { status: 'conflict'; message: string };

/**
 * Records one epoch's metrics; sending the same epoch index again replaces it
 * (a retried request must not count twice). Counts as a sign of life. An
 * epoch index past the run's plan is refused: the plan is raised first
 * ("Train more" patches epochsPlanned before its epochs arrive).
 */
export async function appendEpoch(runId: string, ownerHash: string | null, metrics: EpochMetrics): Promise<ForOwner<object> | RunConflict> {
  const found = await findOwnedRun(runId, ownerHash);
  if (found.status !== 'ok') return found;
  const { architectureId, epochsPlanned } = found.run;
  if (metrics.epoch >= epochsPlanned) {
    return { status: 'conflict', message: `epoch ${metrics.epoch} (0-based) is past this run's plan of ${epochsPlanned} epoch(s)` };
  }
  const db = await getDb();
  const { epoch, ...values } = metrics;
  // One batch (not an interactive transaction, which holds the connection
  // across awaits): the epoch, then the run's counters recomputed in SQL with
  // its sign of life, then the architecture's (what the owner's list shows).
  await db.$transaction([
    lockArchitectureRow(db, architectureId),
    db.runEpoch.upsert({ where: { runId_epoch: { runId, epoch } }, create: { runId, epoch, ...values }, update: values }),
    db.$executeRaw`UPDATE "Run" SET
      "epochsDone" = (SELECT COUNT(*) FROM "RunEpoch" WHERE "runId" = ${runId}),
      "bestValAccuracy" = (SELECT MAX("valAccuracy") FROM "RunEpoch" WHERE "runId" = ${runId}),
      "lastHeartbeatAt" = ${new Date()}
      WHERE "id" = ${runId}`,
    refreshArchitectureRunStats(db, architectureId),
  ]);
  return { status: 'ok' };
}

/**
 * Status changes, final test accuracy, heartbeats. Every patch is a sign of
 * life. A status change must be one lib/schema/runStates.ts allows; it is
 * applied only if the status is still the one it was checked against, so two
 * racing patches cannot both pass the check.
 */
export async function updateRun(runId: string, ownerHash: string | null, patch: RunPatch): Promise<ForOwner<{ run: RunSummary }> | RunConflict> {
  const denied = await checkRunOwner(runId, ownerHash);
  if (denied) return denied;
  const db = await getDb();
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await db.run.findUnique({ where: { id: runId }, select: { status: true, finishedAt: true, epochsDone: true } });
    if (!current) return { status: 'not-found' };
    const from = StoredRunStatus.safeParse(current.status);
    if (!from.success) throw new StoredDataError(`run ${runId}: status ${JSON.stringify(current.status)} is not one we store`);
    const transition = checkRunTransition(from.data, patch, current.epochsDone);
    if (!transition.ok) return { status: 'conflict', message: transition.message };
    const now = new Date();
    const finishing = patch.status !== undefined && patch.status !== 'running';
    const { count } = await db.run.updateMany({
      where: { id: runId, status: current.status },
      data: {
        lastHeartbeatAt: now,
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        // A run that ends keeps the moment it first ended; one set running again is not finished.
        ...(finishing ? { finishedAt: current.finishedAt ?? now } : patch.status === 'running' ? { finishedAt: null } : {}),
        ...(patch.error !== undefined ? { error: patch.error } : {}),
        ...(patch.testAccuracy !== undefined ? { testAccuracy: patch.testAccuracy } : {}),
        ...(patch.epochsPlanned !== undefined ? { epochsPlanned: patch.epochsPlanned } : {}),
        ...(patch.backend !== undefined ? { backend: patch.backend } : {}),
      },
    });
    if (count === 0) continue; // the status changed under us: check again against the new one
    const row = await db.run.findUnique({ where: { id: runId }, select: runSummarySelect });
    if (!row) return { status: 'not-found' };
    return { status: 'ok', run: toRunSummary(row, now.getTime()) };
  }
  return { status: 'conflict', message: 'This run changed while the update was applied; send it again' };
}

export async function deleteRun(runId: string, ownerHash: string | null): Promise<ForOwner<object>> {
  const found = await findOwnedRun(runId, ownerHash);
  if (found.status !== 'ok') return found;
  const db = await getDb();
  await db.$transaction([
    lockArchitectureRow(db, found.run.architectureId),
    db.run.deleteMany({ where: { id: runId } }),
    refreshArchitectureRunStats(db, found.run.architectureId),
  ]);
  return { status: 'ok' };
}

/** Another upload of the same run's weights finished while this one was being stored (and dropped its chunks). */
export class WeightsReplacedMeanwhile extends Error {
  constructor() {
    super('Another upload replaced these weights while this one was being stored');
  }
}

/**
 * Replaces the run's weights with `chunks` (1 MiB pieces, as they arrive from
 * the upload). Each chunk is written on its own under a new chunk set; only
 * when all are in does one short transaction point the run at the new set and
 * drop the old one. A failure midway (the body refused or cut off, the run
 * deleted) drops what was written and leaves the previous weights as they
 * were; errors from `chunks` are rethrown after that.
 */
export async function storeRunWeights(
  runId: string,
  ownerHash: string | null,
  weights: { specs: WeightSpec[]; chunks: AsyncIterable<Uint8Array<ArrayBuffer>> },
): Promise<ForOwner<object>> {
  const denied = await checkRunOwner(runId, ownerHash);
  if (denied) return denied;
  const db = await getDb();
  const store = await getWeightChunkStore();
  const chunkSetId = newId();
  let count = 0;
  let byteLength = 0;
  try {
    for await (const data of weights.chunks) {
      await store.put(runId, chunkSetId, count, data);
      count++;
      byteLength += data.byteLength;
    }
    const specs = JSON.stringify(weights.specs);
    await db.$transaction(async (tx) => {
      // Another upload to the same run that finished meanwhile dropped this set: refuse rather than point at a part.
      const stored = await tx.runWeightChunk.count({ where: { runId, chunkSetId } });
      if (stored !== count) throw new WeightsReplacedMeanwhile();
      await tx.runWeights.upsert({ where: { runId }, create: { runId, specs, byteLength, chunkSetId }, update: { specs, byteLength, chunkSetId } });
      await tx.runWeightChunk.deleteMany({ where: { runId, chunkSetId: { not: chunkSetId } } });
    });
  } catch (e) {
    await db.runWeightChunk.deleteMany({ where: { runId, chunkSetId } }).catch(() => undefined);
    if (e instanceof WeightsReplacedMeanwhile) throw e;
    // The run was deleted (or given away) during the upload: say so rather than fail.
    const gone = await checkRunOwner(runId, ownerHash).catch(() => null);
    if (gone) return gone;
    throw e;
  }
  return { status: 'ok' };
}

/** Replaces the run's weights from bytes in memory (tests and scripts; the API streams through storeRunWeights). */
export async function saveRunWeights(
  runId: string,
  ownerHash: string | null,
  weights: { specs: WeightSpec[]; data: Uint8Array<ArrayBuffer> },
): Promise<ForOwner<object>> {
  async function* chunks() {
    for (let at = 0; at < weights.data.byteLength; at += WEIGHT_CHUNK_BYTES) yield weights.data.slice(at, at + WEIGHT_CHUNK_BYTES);
  }
  return storeRunWeights(runId, ownerHash, { specs: weights.specs, chunks: chunks() });
}

export interface StoredWeights {
  /** WeightSpec[] as stored JSON text. */
  specs: string;
  byteLength: number;
  /** The bytes, one chunk at a time, read from the database as they are asked for. */
  chunks: () => AsyncGenerator<Uint8Array>;
}

/**
 * The run's weights, to stream: the specs and size at once, the bytes chunk
 * by chunk. If the weights are replaced while they are read, the old chunks
 * are gone and reading them throws, naming the chunk.
 */
export async function openRunWeights(runId: string, ownerHash: string | null): Promise<ForOwner<StoredWeights> | { status: 'no-weights' }> {
  const denied = await checkRunOwner(runId, ownerHash);
  if (denied) return denied;
  const db = await getDb();
  const row = await db.runWeights.findUnique({ where: { runId }, select: { specs: true, byteLength: true, chunkSetId: true } });
  if (!row) return { status: 'no-weights' };
  const { chunkSetId, byteLength } = row;
  const store = await getWeightChunkStore();
  const count = Math.ceil(byteLength / WEIGHT_CHUNK_BYTES);
  async function* chunks() {
    for (let index = 0; index < count; index++) {
      const chunk = await store.get(runId, chunkSetId, index);
      if (!chunk) throw new StoredDataError(`Run ${runId}: weight chunk ${index} of ${count} is missing (replaced while it was read?)`);
      yield chunk;
    }
  }
  return { status: 'ok', specs: row.specs, byteLength, chunks };
}

/** The run's weights whole in memory (tests and scripts; the API streams through openRunWeights). */
export async function loadRunWeights(
  runId: string,
  ownerHash: string | null,
): Promise<ForOwner<{ specs: string; data: Uint8Array }> | { status: 'no-weights' }> {
  const opened = await openRunWeights(runId, ownerHash);
  if (opened.status !== 'ok') return opened;
  const data = new Uint8Array(opened.byteLength);
  let at = 0;
  for await (const chunk of opened.chunks()) {
    data.set(chunk, at);
    at += chunk.byteLength;
  }
  return { status: 'ok', specs: opened.specs, data };
}
