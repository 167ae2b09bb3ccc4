// The health check as a load balancer sees it on a busy PostgreSQL instance:
// it must answer while every connection of the app's pool is taken
// (docs/load.md). SQLite has no pool to wait for (its queries run in this
// process), so this runs in the PostgreSQL half of the tests. That health
// answers 503 when the database cannot be reached is in architectures.test.ts.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createTempDatabase, testEngine } from '@/lib/db/testing';
import { getDb, postgresPoolSize } from '@/lib/db/client';
import { TestBrowser } from '@/lib/api/testing';
import { GET as health } from './health/route';

// A small pool, so that a few transactions take all of it.
process.env.CNN_STUDIO_PG_POOL_SIZE = '2';
const temp = createTempDatabase();
afterAll(() => {
  delete process.env.CNN_STUDIO_PG_POOL_SIZE;
  return temp.cleanup();
});

const probe = () => new TestBrowser().call(health, { path: '/api/health' });

describe.skipIf(testEngine() !== 'postgresql')('health on a busy instance', () => {
  it('answers 200 while every pooled connection is held by an open transaction', async () => {
    const db = await getDb();
    const holders = postgresPoolSize();
    expect(holders).toBe(2);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let started = 0;
    const transactions = Array.from({ length: holders }, () =>
      db.$transaction(
        async (tx) => {
          await tx.$queryRawUnsafe('SELECT 1');
          started += 1;
          await released;
        },
        { maxWait: 30_000, timeout: 30_000 },
      ),
    );
    await vi.waitFor(() => expect(started).toBe(holders), { timeout: 10_000 });
    // The app's own queries now wait for a connection: one through Prisma is still pending when health answers.
    let queued = false;
    const waiting = db.$queryRawUnsafe('SELECT 1').then(() => (queued = true));
    const answered = await Promise.race([probe(), new Promise<'no answer'>((resolve) => setTimeout(() => resolve('no answer'), 5_000))]);
    expect(answered).toMatchObject({ status: 200, body: { ok: true, db: 'postgresql', migrations: 'current' } });
    expect(queued).toBe(false);
    release();
    await Promise.all(transactions);
    await waiting;
  });
});
