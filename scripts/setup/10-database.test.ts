// The setup step on a fresh database file: creates the directory, applies the
// migrations, and does nothing the second time.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import setupDatabase from './10-database.mjs';
import { databaseFileFromUrl } from '@/lib/db/database-file.mjs';
import { databaseEngine, postgresConnection } from '@/lib/db/database-url.mjs';

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
      expect(log.mock.calls.flat().join('\n')).toMatch(/applied \d+ migration\(s\).*20250601000000_init/); // every migration on disk, the first one first
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

  it('refuses a DATABASE_URL that is neither an SQLite file nor PostgreSQL, hiding its password', async () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = 'mysql://user:hunter2@host/db';
    try {
      await expect(setupDatabase()).rejects.toThrow(/"mysql:\/\/user:\*\*\*@host\/db" is neither an SQLite file URL .* nor a PostgreSQL URL/);
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

describe('databaseEngine', () => {
  it('reads the engine from DATABASE_URL: unset and file: are SQLite, postgres(ql):// is PostgreSQL', () => {
    expect(databaseEngine(undefined)).toBe('sqlite');
    expect(databaseEngine('')).toBe('sqlite');
    expect(databaseEngine('file:data/x.db')).toBe('sqlite');
    expect(databaseEngine('postgresql://u:p@h:5432/db')).toBe('postgresql');
    expect(databaseEngine('postgres://u@h/db?schema=s1')).toBe('postgresql');
    expect(databaseEngine('mysql://h/db')).toBeNull();
  });

  it('takes ?schema= out of the URL and makes it the search_path, refusing one that is not an identifier', () => {
    expect(postgresConnection('postgresql://u:p@h:5432/db?schema=test_1&sslmode=disable')).toEqual({
      connectionString: 'postgresql://u:p@h:5432/db?sslmode=disable',
      schema: 'test_1',
      options: '-c search_path="test_1"',
    });
    expect(postgresConnection('postgresql://h/db').schema).toBe('public');
    expect(() => postgresConnection('postgresql://h/db?schema=a";drop')).toThrow(/schema "a\\";drop" is not a plain identifier/);
  });
});
