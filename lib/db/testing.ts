// Test helpers: a throwaway SQLite file per test file. Import and call
// createTempDatabase() at the top of a test file, before anything touches the db.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { disconnectDb } from './client';

export function createTempDatabase(): { file: string; dir: string; cleanup: () => Promise<void> } {
  const dir = mkdtempSync(path.join(tmpdir(), 'cnn-studio-db-'));
  const file = path.join(dir, 'test.db');
  process.env.DATABASE_URL = `file:${file}`;
  return {
    file,
    dir,
    cleanup: async () => {
      await disconnectDb();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
