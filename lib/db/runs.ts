// Training runs of an architecture. Only the architecture's owner may create,
// read, update or delete them. Weights live in their own table so that
// listing runs never loads a blob.
import type { ArchitectureDocument } from '@/lib/schema';
import type { BackendMeasurement, BackendName, DatasetRef, EpochMetrics, Hyperparameters, Run, RunPatch, RunSummary, WeightSpec } from '@/lib/api/types';
import { checkArchitectureOwner, type Denied, type ForOwner } from './architectures';
import { getDb } from './client';
import { isIdLike, newId } from './ids';
import { runSummarySelect, toRun, toRunSummary, writeDocument } from './mappers';

export interface NewRun {
  document: ArchitectureDocument;
  dataset: DatasetRef;
  hyperparameters: Hyperparameters;
  backend: BackendName;
  backendMeasurements?: BackendMeasurement[];
}

/** A run's owner is its architecture's owner. */
async function runOwnerCheck(runId: string, ownerHash: string | null): Promise<Denied | null> {
  if (!isIdLike(runId)) return { status: 'not-found' };
  const db = await getDb();
  const row = await db.run.findUnique({ where: { id: runId }, select: { architecture: { select: { ownerHash: true } } } });
  if (!row) return { status: 'not-found' };
  return ownerHash !== null && row.architecture.ownerHash === ownerHash ? null : { status: 'forbidden' };
}

export async function createRun(architectureId: string, ownerHash: string | null, input: NewRun): Promise<ForOwner<{ id: string }>> {
  const denied = await checkArchitectureOwner(architectureId, ownerHash);
  if (denied) return denied;
  const db = await getDb();
  const now = new Date();
  const row = await db.run.create({
    data: {
      id: newId(),
      architectureId,
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
  const denied = await runOwnerCheck(runId, ownerHash);
  if (denied) return denied;
  const db = await getDb();
  const row = await db.run.findUnique({ where: { id: runId }, include: { epochs: { orderBy: { epoch: 'asc' } } } });
  if (!row) return { status: 'not-found' };
  const weights = await db.runWeights.findUnique({ where: { runId }, select: { runId: true } });
  return { status: 'ok', run: toRun(row, row.epochs, weights !== null) };
}

/**
 * Records one epoch's metrics; sending the same epoch index again replaces it
 * (a retried request must not count twice). Counts as a sign of life.
 */
export async function appendEpoch(runId: string, ownerHash: string | null, metrics: EpochMetrics): Promise<ForOwner<object>> {
  const denied = await runOwnerCheck(runId, ownerHash);
  if (denied) return denied;
  const db = await getDb();
  const { epoch, ...values } = metrics;
  // One batch (not an interactive transaction, which holds the connection
  // across awaits): the epoch, then the run's counters recomputed in SQL.
  await db.$transaction([
    db.runEpoch.upsert({ where: { runId_epoch: { runId, epoch } }, create: { runId, epoch, ...values }, update: values }),
    db.$executeRaw`UPDATE "Run" SET
      "epochsDone" = (SELECT COUNT(*) FROM "RunEpoch" WHERE "runId" = ${runId}),
      "bestValAccuracy" = (SELECT MAX("valAccuracy") FROM "RunEpoch" WHERE "runId" = ${runId})
      WHERE "id" = ${runId}`,
    db.run.update({ where: { id: runId }, data: { lastHeartbeatAt: new Date() } }),
  ]);
  return { status: 'ok' };
}

/** Status changes, final test accuracy, heartbeats. Every patch is a sign of life. */
export async function updateRun(runId: string, ownerHash: string | null, patch: RunPatch): Promise<ForOwner<{ run: RunSummary }>> {
  const denied = await runOwnerCheck(runId, ownerHash);
  if (denied) return denied;
  const db = await getDb();
  const now = new Date();
  const finishing = patch.status !== undefined && patch.status !== 'running';
  const current = await db.run.findUnique({ where: { id: runId }, select: { finishedAt: true } });
  if (!current) return { status: 'not-found' };
  const row = await db.run.update({
    where: { id: runId },
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
    select: runSummarySelect,
  });
  return { status: 'ok', run: toRunSummary(row, now.getTime()) };
}

export async function deleteRun(runId: string, ownerHash: string | null): Promise<ForOwner<object>> {
  const denied = await runOwnerCheck(runId, ownerHash);
  if (denied) return denied;
  const db = await getDb();
  await db.run.deleteMany({ where: { id: runId } });
  return { status: 'ok' };
}

/** Replaces the run's weights. `data` is the raw weight bytes described by `specs`. */
export async function saveRunWeights(
  runId: string,
  ownerHash: string | null,
  weights: { specs: WeightSpec[]; data: Uint8Array<ArrayBuffer> },
): Promise<ForOwner<object>> {
  const denied = await runOwnerCheck(runId, ownerHash);
  if (denied) return denied;
  const db = await getDb();
  const values = { specs: JSON.stringify(weights.specs), data: weights.data, byteLength: weights.data.byteLength };
  await db.runWeights.upsert({ where: { runId }, create: { runId, ...values }, update: values });
  return { status: 'ok' };
}

export async function loadRunWeights(
  runId: string,
  ownerHash: string | null,
): Promise<ForOwner<{ specs: string; data: Uint8Array }> | { status: 'no-weights' }> {
  const denied = await runOwnerCheck(runId, ownerHash);
  if (denied) return denied;
  const db = await getDb();
  const row = await db.runWeights.findUnique({ where: { runId }, select: { specs: true, data: true } });
  if (!row) return { status: 'no-weights' };
  return { status: 'ok', specs: row.specs, data: row.data };
}
