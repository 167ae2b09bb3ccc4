import { getDb } from '@/lib/db/client';
import { errorResponse, json, route } from '@/lib/api/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Liveness that proves the database answers (Playwright waits on it). */
export const GET = route(async () => {
  try {
    const db = await getDb();
    await db.$queryRawUnsafe('SELECT 1');
  } catch (e) {
    console.error('[api] health: database unavailable:', e);
    return errorResponse(503, 'Database unavailable');
  }
  return json({ ok: true, db: 'sqlite' });
});
