// Architectures: owned by whoever created (or forked) them, shared read-only
// by share id, never listed to anyone but their owner.
import { analyzeGraph } from '@/lib/graph';
import { LIMITS, type ArchitectureDocument } from '@/lib/schema';
import { getDb } from './client';
import { isIdLike, newId, newShareId } from './ids';
import { readStoredDocument, writeDocument } from './mappers';

export interface OwnedArchitecture {
  id: string;
  name: string;
  document: ArchitectureDocument;
  version: number;
  /** null while the owner has turned the share link off. */
  shareId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ArchitectureListItem {
  id: string;
  name: string;
  shareId: string;
  /** Total parameters; null while the graph has errors. */
  paramCount: number | null;
  updatedAt: Date;
  /** Best validation accuracy across its runs; null without any. */
  bestValAccuracy: number | null;
  runCount: number;
}

export interface SharedArchitectureView {
  name: string;
  document: ArchitectureDocument;
  shareId: string;
}

export type Denied = { status: 'not-found' } | { status: 'forbidden' };
export type ForOwner<T> = ({ status: 'ok' } & T) | Denied;

/** The stored name is the document's name, so the two never disagree. */
function named(document: ArchitectureDocument, name: string): ArchitectureDocument {
  return document.name === name ? document : { ...document, name };
}

function forkName(name: string): string {
  const suffix = ' (fork)';
  return name.slice(0, LIMITS.name - suffix.length) + suffix;
}

/** Owner check shared by every owner-only operation: unknown -> not-found, someone else's -> forbidden. */
async function ownerCheck(id: string, ownerHash: string | null): Promise<Denied | null> {
  if (!isIdLike(id)) return { status: 'not-found' };
  const db = await getDb();
  const row = await db.architecture.findUnique({ where: { id }, select: { ownerHash: true } });
  if (!row) return { status: 'not-found' };
  return ownerHash !== null && row.ownerHash === ownerHash ? null : { status: 'forbidden' };
}

export async function createArchitecture(
  ownerHash: string,
  input: { name: string; document: ArchitectureDocument; forkedFromId?: string },
): Promise<{ id: string; shareId: string; version: number }> {
  const db = await getDb();
  const row = await db.architecture.create({
    data: {
      id: newId(),
      shareId: newShareId(),
      name: input.name,
      document: writeDocument(named(input.document, input.name)),
      ownerHash,
      forkedFromId: input.forkedFromId ?? null,
    },
    select: { id: true, shareId: true, version: true },
  });
  return row;
}

export async function listArchitecturesForOwner(ownerHash: string): Promise<ArchitectureListItem[]> {
  const db = await getDb();
  const rows = await db.architecture.findMany({
    where: { ownerHash },
    orderBy: { updatedAt: 'desc' },
    select: { id: true, name: true, shareId: true, document: true, updatedAt: true },
  });
  if (rows.length === 0) return [];
  const stats = await db.run.groupBy({
    by: ['architectureId'],
    where: { architectureId: { in: rows.map((r) => r.id) } },
    _max: { bestValAccuracy: true },
    _count: { _all: true },
  });
  const statsById = new Map(stats.map((s) => [s.architectureId, s]));
  return rows.map((row) => {
    const document = readStoredDocument(row.document, `architecture ${row.id}`);
    const s = statsById.get(row.id);
    return {
      id: row.id,
      name: row.name,
      shareId: row.shareId,
      paramCount: analyzeGraph(document).totals?.total ?? null,
      updatedAt: row.updatedAt,
      bestValAccuracy: s?._max.bestValAccuracy ?? null,
      runCount: s?._count._all ?? 0,
    };
  });
}

/** Read-for-edit: only the owner gets the architecture. */
export async function getArchitectureForOwner(
  id: string,
  ownerHash: string | null,
): Promise<ForOwner<{ architecture: OwnedArchitecture }>> {
  if (!isIdLike(id)) return { status: 'not-found' };
  const db = await getDb();
  const row = await db.architecture.findUnique({ where: { id } });
  if (!row) return { status: 'not-found' };
  if (ownerHash === null || row.ownerHash !== ownerHash) return { status: 'forbidden' };
  return {
    status: 'ok',
    architecture: {
      id: row.id,
      name: row.name,
      document: readStoredDocument(row.document, `architecture ${row.id}`),
      version: row.version,
      shareId: row.shareEnabled ? row.shareId : null,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    },
  };
}

/**
 * Saves an edit based on `version`. Atomic: the row changes only if it is
 * still at that version, so a stale tab can never overwrite a newer save.
 */
export async function updateArchitecture(
  id: string,
  ownerHash: string | null,
  input: { name: string; document: ArchitectureDocument; version: number },
): Promise<ForOwner<{ version: number }> | { status: 'conflict'; currentVersion: number }> {
  if (!isIdLike(id)) return { status: 'not-found' };
  const db = await getDb();
  if (ownerHash !== null) {
    const { count } = await db.architecture.updateMany({
      where: { id, ownerHash, version: input.version },
      data: { name: input.name, document: writeDocument(named(input.document, input.name)), version: { increment: 1 } },
    });
    if (count === 1) return { status: 'ok', version: input.version + 1 };
  }
  const row = await db.architecture.findUnique({ where: { id }, select: { ownerHash: true, version: true } });
  if (!row) return { status: 'not-found' };
  if (ownerHash === null || row.ownerHash !== ownerHash) return { status: 'forbidden' };
  return { status: 'conflict', currentVersion: row.version };
}

/** Deletes the architecture and (by cascade) its runs, epochs and weights. */
export async function deleteArchitecture(id: string, ownerHash: string | null): Promise<ForOwner<object>> {
  const denied = await ownerCheck(id, ownerHash);
  if (denied) return denied;
  const db = await getDb();
  const { count } = await db.architecture.deleteMany({ where: { id, ownerHash: ownerHash! } });
  return count === 1 ? { status: 'ok' } : { status: 'not-found' };
}

/** Anyone with the share id may view, while the link is on; nothing else is revealed (no owner, no runs). */
export async function getSharedArchitecture(shareId: string): Promise<SharedArchitectureView | null> {
  if (!isIdLike(shareId)) return null;
  const db = await getDb();
  const row = await db.architecture.findUnique({ where: { shareId }, select: { id: true, name: true, document: true, shareId: true, shareEnabled: true } });
  if (!row?.shareEnabled) return null;
  return { name: row.name, document: readStoredDocument(row.document, `architecture ${row.id}`), shareId: row.shareId };
}

/** Copies a shared architecture into `ownerHash`'s own; the original is untouched. */
export async function forkSharedArchitecture(shareId: string, ownerHash: string): Promise<{ id: string; shareId: string } | null> {
  if (!isIdLike(shareId)) return null;
  const db = await getDb();
  const source = await db.architecture.findUnique({ where: { shareId }, select: { id: true, name: true, document: true, shareEnabled: true } });
  if (!source?.shareEnabled) return null;
  const name = forkName(source.name);
  const document = readStoredDocument(source.document, `architecture ${source.id}`);
  const created = await createArchitecture(ownerHash, { name, document, forkedFromId: source.id });
  return { id: created.id, shareId: created.shareId };
}

/** Owner check for runs and other things that belong to an architecture. */
export async function checkArchitectureOwner(id: string, ownerHash: string | null): Promise<Denied | null> {
  return ownerCheck(id, ownerHash);
}
