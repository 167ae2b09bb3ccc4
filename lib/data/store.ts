// Imported datasets live in IndexedDB so a reload does not re-import. The
// summaries sit in their own store so listing never reads the pixel buffers.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { DatasetSummary, ImageSplit } from './types';

interface StoredContent {
  id: string;
  train: ImageSplit;
  test: ImageSplit | null;
}

interface DataDB extends DBSchema {
  summaries: { key: string; value: DatasetSummary & { createdAt: number } };
  contents: { key: string; value: StoredContent };
}

let dbPromise: Promise<IDBPDatabase<DataDB>> | null = null;

function db(): Promise<IDBPDatabase<DataDB>> {
  dbPromise ??= openDB<DataDB>('cnn-studio-datasets', 1, {
    upgrade(database) {
      database.createObjectStore('summaries', { keyPath: 'id' });
      database.createObjectStore('contents', { keyPath: 'id' });
    },
  });
  return dbPromise;
}

export async function listStored(): Promise<DatasetSummary[]> {
  const rows = await (await db()).getAll('summaries');
  return rows.sort((a, b) => a.createdAt - b.createdAt).map(({ createdAt: _createdAt, ...summary }) => summary);
}

export async function getStoredSummary(id: string): Promise<DatasetSummary | undefined> {
  const row = await (await db()).get('summaries', id);
  if (!row) return undefined;
  const { createdAt: _createdAt, ...summary } = row;
  return summary;
}

export async function getStoredContent(id: string): Promise<StoredContent | undefined> {
  return (await db()).get('contents', id);
}

/** Both records in one transaction: a dataset is stored whole or not at all. */
export async function putStored(summary: DatasetSummary, train: ImageSplit, test: ImageSplit | null): Promise<void> {
  const tx = (await db()).transaction(['summaries', 'contents'], 'readwrite');
  await Promise.all([
    tx.objectStore('summaries').put({ ...summary, createdAt: Date.now() }),
    tx.objectStore('contents').put({ id: summary.id, train, test }),
    tx.done,
  ]);
}

export async function updateStoredSummary(summary: DatasetSummary): Promise<void> {
  const database = await db();
  const old = await database.get('summaries', summary.id);
  await database.put('summaries', { ...summary, createdAt: old?.createdAt ?? Date.now() });
}

export async function deleteStored(id: string): Promise<void> {
  const tx = (await db()).transaction(['summaries', 'contents'], 'readwrite');
  await Promise.all([tx.objectStore('summaries').delete(id), tx.objectStore('contents').delete(id), tx.done]);
}
