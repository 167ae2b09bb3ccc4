// Architectures: owned by whoever created (or forked) them, shared read-only
// by share id, never listed to anyone but their owner.
import { analyzeGraph } from '@/lib/graph';
import { LIMITS, type ArchitectureDocument } from '@/lib/schema';
import { getDb } from './client';
import { Prisma } from './generated/client';
import { isIdLike, newId, newShareId } from './ids';
import { readStoredDocument, StoredDataError, writeDocument } from './mappers';

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
  /** null while the owner has the share link turned off. */
  shareId: string | null;
  /** Total parameters; null while the graph has errors. */
  paramCount: number | null;
  /** Errors in the graph (0 when it builds). */
  errorCount: number;
  updatedAt: Date;
  /** Best validation accuracy across its runs; null without any. */
  bestValAccuracy: number | null;
  runCount: number;
}

/** One page of an owner's list, newest first; `nextCursor` is null on the last page. */
export interface ArchitecturePage {
  architectures: ArchitectureListItem[];
  nextCursor: string | null;
}

/** Architectures per page when the caller does not say, and the most it may ask for. */
export const LIST_PAGE_SIZE = 50;
export const MAX_LIST_PAGE_SIZE = 100;

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

/** What lists show, computed once when a document is written so that listing never parses documents. */
function summaryOf(document: ArchitectureDocument): { paramCount: number | null; errorCount: number } {
  const analysis = analyzeGraph(document);
  return { paramCount: analysis.totals?.total ?? null, errorCount: analysis.errorCount };
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
  const document = named(input.document, input.name);
  const row = await db.architecture.create({
    data: {
      id: newId(),
      shareId: newShareId(),
      name: input.name,
      document: writeDocument(document),
      ...summaryOf(document),
      ownerHash,
      forkedFromId: input.forkedFromId ?? null,
    },
    select: { id: true, shareId: true, version: true },
  });
  return row;
}

/**
 * Where a page ends: the last row's (updatedAt, id), the list's sort key, so
 * a page never repeats or skips a row even when rows share a timestamp or
 * rows before the cursor are deleted meanwhile. Opaque to clients.
 */
interface ListCursor {
  updatedAt: Date;
  id: string;
}

function encodeListCursor(row: ListCursor): string {
  return Buffer.from(`${row.updatedAt.getTime()}.${row.id}`, 'utf8').toString('base64url');
}

function decodeListCursor(cursor: string): ListCursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? { updatedAt: new Date(Number(match[1])), id: match[2]! } : null;
}

/** The columns a list row reads; the driver adapters type them as Prisma would. */
interface ListRow {
  id: string;
  name: string;
  shareId: string;
  shareEnabled: boolean;
  updatedAt: Date;
  paramCount: number | null;
  errorCount: number | null;
  runCount: number;
  bestValAccuracy: number | null;
}

/**
 * One page of the owner's architectures, most recently modified first. Reads
 * only the stored summary columns, never a document, except once for rows
 * saved before summaries were stored (errorCount null): those are analysed
 * and their summary stored, a page at a time, as lists first reach them.
 */
export async function listArchitecturesForOwner(
  ownerHash: string,
  page: { cursor?: string; limit?: number } = {},
): Promise<{ ok: true; page: ArchitecturePage } | { ok: false; message: string }> {
  const limit = Math.min(Math.max(1, Math.trunc(page.limit ?? LIST_PAGE_SIZE)), MAX_LIST_PAGE_SIZE);
  const after = page.cursor === undefined ? null : decodeListCursor(page.cursor);
  if (page.cursor !== undefined && after === null) return { ok: false, message: `${JSON.stringify(page.cursor.slice(0, 40))} is not a cursor this list gave out` };
  const db = await getDb();
  // One plain statement rather than findMany: the list is the busiest read,
  // and Prisma's query building and row mapping cost about a quarter more
  // per request under load (docs/load.md). Standard SQL that both engines
  // run, in the order of the index Architecture_ownerHash_updatedAt_id_idx.
  const rows = await db.$queryRaw<ListRow[]>`
    SELECT "id", "name", "shareId", "shareEnabled", "updatedAt", "paramCount", "errorCount", "runCount", "bestValAccuracy"
    FROM "Architecture"
    WHERE "ownerHash" = ${ownerHash}
      ${after ? Prisma.sql`AND ("updatedAt" < ${after.updatedAt} OR ("updatedAt" = ${after.updatedAt} AND "id" < ${after.id}))` : Prisma.empty}
    ORDER BY "updatedAt" DESC, "id" DESC
    LIMIT ${limit + 1}`;
  const shown = rows.slice(0, limit);
  const summaries = await backfillSummaries(shown.filter((r) => r.errorCount === null).map((r) => r.id));
  const architectures = shown.map((row): ArchitectureListItem => {
    const summary = summaries.get(row.id) ?? { paramCount: row.paramCount, errorCount: row.errorCount ?? 0 };
    return {
      id: row.id,
      name: row.name,
      shareId: row.shareEnabled ? row.shareId : null,
      paramCount: summary.paramCount,
      errorCount: summary.errorCount,
      updatedAt: row.updatedAt,
      bestValAccuracy: row.bestValAccuracy,
      runCount: row.runCount,
    };
  });
  const last = shown[shown.length - 1];
  return { ok: true, page: { architectures, nextCursor: rows.length > limit && last ? encodeListCursor(last) : null } };
}

/**
 * A document stored before a schema limit it now breaks still gets a row in
 * the list (one error, no count) instead of failing the whole page.
 */
function storedSummaryOf(text: string, id: string): { paramCount: number | null; errorCount: number } {
  try {
    return summaryOf(readStoredDocument(text, `architecture ${id}`));
  } catch (e) {
    if (!(e instanceof StoredDataError)) throw e;
    console.error(`[db] ${e.message}`);
    return { paramCount: null, errorCount: 1 };
  }
}

/** Stores the summary of rows written before summaries were (at most a page of ids). */
async function backfillSummaries(ids: string[]): Promise<Map<string, { paramCount: number | null; errorCount: number }>> {
  const out = new Map<string, { paramCount: number | null; errorCount: number }>();
  if (ids.length === 0) return out;
  const db = await getDb();
  const rows = await db.architecture.findMany({ where: { id: { in: ids } }, select: { id: true, document: true, updatedAt: true } });
  for (const row of rows) {
    const summary = storedSummaryOf(row.document, row.id);
    out.set(row.id, summary);
    // updatedAt given explicitly: filling in a summary is not a modification (it would reorder the list).
    await db.architecture.updateMany({ where: { id: row.id, errorCount: null }, data: { ...summary, updatedAt: row.updatedAt } });
  }
  return out;
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
    const document = named(input.document, input.name);
    const { count } = await db.architecture.updateMany({
      where: { id, ownerHash, version: input.version },
      data: { name: input.name, document: writeDocument(document), ...summaryOf(document), version: { increment: 1 } },
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
