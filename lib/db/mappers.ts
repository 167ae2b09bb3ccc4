// Row <-> domain. The only place that JSON.parses stored text; every stored
// document goes back through parseArchitectureDocument (which also migrates
// documents saved by older versions of the app).
import { describeIssue, parseArchitectureDocument, type ArchitectureDocument } from '@/lib/schema';
import {
  BackendName,
  parseStoredRunData,
  RUN_HEARTBEAT_TIMEOUT_MS,
  StoredRunStatus,
  type EpochMetrics,
  type Run as RunDomain,
  type RunStatus,
  type RunSummary,
  type StoredRunColumn,
  type StoredRunData,
} from '@/lib/schema/run';
import type { Run as RunRow, RunEpoch as RunEpochRow } from './generated/client';

/** Stored data that no longer parses: a bug or a hand-edited database, never the caller's fault. */
export class StoredDataError extends Error {
  override name = 'StoredDataError';
}

function parseJsonText(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new StoredDataError(`${what} is not valid JSON`);
  }
}

export function readStoredDocument(text: string, what: string): ArchitectureDocument {
  const parsed = parseArchitectureDocument(parseJsonText(text, what));
  if (!parsed.ok) throw new StoredDataError(`${what} no longer parses: ${parsed.issues.map(describeIssue).join('; ')}`);
  return parsed.document;
}

export function writeDocument(doc: ArchitectureDocument): string {
  return JSON.stringify(doc);
}

/** A JSON column of Run, through lib/schema/run.ts's schema for it (which also reads what older versions stored). */
function readStored<C extends StoredRunColumn>(text: string, column: C, what: string): StoredRunData[C] {
  const result = parseStoredRunData(column, parseJsonText(text, what));
  if (!result.ok) throw new StoredDataError(`${what} no longer parses: ${result.message}`);
  return result.value;
}

export function toEpochMetrics(row: RunEpochRow): EpochMetrics {
  return {
    epoch: row.epoch,
    loss: row.loss,
    accuracy: row.accuracy,
    valLoss: row.valLoss,
    valAccuracy: row.valAccuracy,
    durationMs: row.durationMs,
    samplesPerSec: row.samplesPerSec,
  };
}

/** 'interrupted' is not stored: a run still 'running' that has gone silent (the tab died). */
export function statusOf(row: Pick<RunRow, 'status' | 'lastHeartbeatAt'>, now: number): RunStatus {
  const stored = StoredRunStatus.safeParse(row.status);
  if (!stored.success) throw new StoredDataError(`run status ${JSON.stringify(row.status)} is not one we store`);
  if (stored.data === 'running' && now - row.lastHeartbeatAt.getTime() > RUN_HEARTBEAT_TIMEOUT_MS) return 'interrupted';
  return stored.data;
}

export type RunSummaryRow = Omit<RunRow, 'document' | 'backendMeasurements' | 'error'>;

export function toRunSummary(row: RunSummaryRow, now: number = Date.now()): RunSummary {
  const what = `run ${row.id}`;
  const status = statusOf(row, now);
  const start = row.startedAt.getTime();
  const end = row.finishedAt?.getTime() ?? (status === 'running' ? now : row.lastHeartbeatAt.getTime());
  const backend = BackendName.safeParse(row.backend);
  if (!backend.success) throw new StoredDataError(`${what}: backend ${JSON.stringify(row.backend)} is unknown`);
  return {
    id: row.id,
    name: row.name,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    status,
    dataset: readStored(row.dataset, 'dataset', `${what} dataset`),
    backend: backend.data,
    epochsDone: row.epochsDone,
    epochsPlanned: row.epochsPlanned,
    bestValAccuracy: row.bestValAccuracy,
    testAccuracy: row.testAccuracy,
    durationMs: Math.max(0, end - start),
    hyperparameters: readStored(row.hyperparameters, 'hyperparameters', `${what} hyperparameters`),
  };
}

export function toRun(row: RunRow, epochs: RunEpochRow[], hasWeights: boolean, now: number = Date.now()): RunDomain {
  return {
    ...toRunSummary(row, now),
    document: readStoredDocument(row.document, `run ${row.id} document`),
    epochs: epochs.map(toEpochMetrics),
    error: row.error,
    backendMeasurements: readStored(row.backendMeasurements, 'backendMeasurements', `run ${row.id} backend measurements`),
    hasWeights,
  };
}

/** Columns of Run without the big text ones, for listings. */
export const runSummarySelect = {
  id: true,
  name: true,
  architectureId: true,
  dataset: true,
  hyperparameters: true,
  backend: true,
  status: true,
  testAccuracy: true,
  epochsDone: true,
  bestValAccuracy: true,
  epochsPlanned: true,
  startedAt: true,
  finishedAt: true,
  lastHeartbeatAt: true,
} as const;
