// The setup step on a fresh database file: creates the directory, applies the
// migrations, and does nothing the second time.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import setupDatabase from './10-database.mjs';
import { databaseFileFromUrl } from '@/lib/db/database-file.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'cnn-studio-setup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('setup step 10-database', () => {
  it('creates the data directory and database, then is a quick no-op', async () => {
    const file = path.join(dir, 'nested', 'data', 'app.db');
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = `file:${file}`;
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await setupDatabase();
      expect(existsSync(file)).toBe(true);
      expect(log.mock.calls.flat().join('\n')).toMatch(/applied \d+ migration\(s\).*20250601000000_init/);
      log.mockClear();
      const t0 = performance.now();
      await setupDatabase();
      expect(performance.now() - t0).toBeLessThan(1000);
      expect(log).not.toHaveBeenCalled();
    } finally {
      log.mockRestore();
      process.env.DATABASE_URL = saved;
    }
  });

  it('refuses a DATABASE_URL that is not an SQLite file', async () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = 'postgresql://user@host/db';
    try {
      await expect(setupDatabase()).rejects.toThrow(/not an SQLite file URL/);
    } finally {
      process.env.DATABASE_URL = saved;
    }
  });
});

describe('DATABASE_URL', () => {
  it('resolves file URLs relative to the project root', () => {
    expect(databaseFileFromUrl('file:data/x.db', '/proj')).toBe('/proj/data/x.db');
    expect(databaseFileFromUrl('file:./data/x.db', '/proj')).toBe('/proj/data/x.db');
    expect(databaseFileFromUrl('file:/abs/x.db', '/proj')).toBe('/abs/x.db');
    expect(databaseFileFromUrl('file:///abs/x.db', '/proj')).toBe('/abs/x.db');
    expect(databaseFileFromUrl('.tmp/e2e-3100.db', '/proj')).toBe('/proj/.tmp/e2e-3100.db');
    expect(databaseFileFromUrl('file::memory:', '/proj')).toBeNull();
    expect(databaseFileFromUrl('mysql://h/db', '/proj')).toBeNull();
  });
});
