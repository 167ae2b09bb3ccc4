import { getDbEngine, pingDatabase } from '@/lib/db/client';
import { errorResponse, json, route } from '@/lib/api/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Liveness that proves the database answers (Playwright and load balancers
 * wait on it). The first use applies pending migrations, so once it answers
 * the migrations this instance ships with are all applied ("current"). The
 * probe has a connection of its own, so it does not wait behind the app's
 * queries when every pooled connection is busy.
 */
export const GET = route(async () => {
  let engine;
  try {
    engine = await getDbEngine();
    await pingDatabase();
  } catch (e) {
    console.error('[api] health: database unavailable:', e);
    return errorResponse(503, 'Database unavailable');
  }
  return json({ ok: true, db: engine, migrations: 'current' });
});
