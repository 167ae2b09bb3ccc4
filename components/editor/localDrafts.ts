// Unsaved editor work kept in this browser (IndexedDB), so a closed tab, a
// crash or a lost connection does not lose it. One draft per architecture
// (`a:<id>`, with the server version it was based on) and one per new,
// never-saved editor (`new:<editor>`). A draft is offered back only when the
// user says so, dropped once the server has the same document, read through
// the document schema like any other input, and never put over a newer
// server version.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { z } from 'zod';
import { parseArchitectureDocument, serializeDocument, type ArchitectureDocument } from '@/lib/schema';

export interface LocalDraft {
  key: string;
  /** The server version the draft was edited from; null for an architecture never saved. */
  baseVersion: number | null;
  savedAt: number;
  document: ArchitectureDocument;
}

const StoredDraft = z.object({
  key: z.string().min(1),
  baseVersion: z.number().int().positive().nullable(),
  savedAt: z.number().finite(),
  document: z.unknown(),
});

/** A stored value, checked: a broken or foreign record is never put into the editor. */
export function readDraft(value: unknown): { ok: true; draft: LocalDraft } | { ok: false; reason: string } {
  const record = StoredDraft.safeParse(value);
  if (!record.success) return { ok: false, reason: `draft record: ${record.error.issues[0]?.message ?? 'invalid'}` };
  const document = parseArchitectureDocument(record.data.document);
  if (!document.ok) return { ok: false, reason: `draft document: ${document.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}` };
  return { ok: true, draft: { ...record.data, document: document.document } };
}

/**
 * What to do with a draft found when an editor opens:
 * - `restore`: it was edited from the version the server has now (or was never saved): offer to restore it.
 * - `stale`: the server has a newer version since: restoring would overwrite it, so offer it as a copy.
 * - `same`: the server already has exactly this document: drop the draft.
 */
export type DraftOffer = { kind: 'restore' | 'stale'; draft: LocalDraft } | { kind: 'same' };

export function draftOffer(draft: LocalDraft, current: { version: number | null; document: ArchitectureDocument }): DraftOffer {
  if (serializeDocument(draft.document) === serializeDocument(current.document)) return { kind: 'same' };
  if (current.version === null || draft.baseVersion === current.version) return { kind: 'restore', draft };
  return { kind: 'stale', draft };
}

export const draftKey = {
  saved: (architectureId: string) => `a:${architectureId}`,
  newEditor: (editorId: string) => `new:${editorId}`,
  isNew: (key: string) => key.startsWith('new:'),
};

interface DraftsDB extends DBSchema {
  drafts: { key: string; value: unknown };
}

let dbPromise: Promise<IDBPDatabase<DraftsDB>> | null = null;

function db(): Promise<IDBPDatabase<DraftsDB>> {
  dbPromise ??= openDB<DraftsDB>('cnn-studio-drafts', 1, {
    upgrade(database) {
      database.createObjectStore('drafts', { keyPath: 'key' });
    },
  });
  return dbPromise;
}

export async function putDraft(draft: LocalDraft): Promise<void> {
  await (await db()).put('drafts', draft);
}

export async function deleteDraft(key: string): Promise<void> {
  await (await db()).delete('drafts', key);
}

/** The draft under `key`; an unreadable one is deleted (it could never be restored). */
export async function getDraft(key: string): Promise<LocalDraft | null> {
  const value = await (await db()).get('drafts', key);
  if (value === undefined) return null;
  const read = readDraft(value);
  if (read.ok) return read.draft;
  await deleteDraft(key);
  return null;
}

/** The most recent draft of a never-saved architecture, other than the editor's own. */
export async function latestNewDraft(exceptKey: string): Promise<LocalDraft | null> {
  const values = await (await db()).getAll('drafts');
  let latest: LocalDraft | null = null;
  for (const value of values) {
    const read = readDraft(value);
    if (!read.ok || !draftKey.isNew(read.draft.key) || read.draft.key === exceptKey) continue;
    if (!latest || read.draft.savedAt > latest.savedAt) latest = read.draft;
  }
  return latest;
}
