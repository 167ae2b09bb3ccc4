import { errorResponse, json, route } from '@/lib/api/http';
import { ownerSecretFromCookieHeader } from '@/lib/db/owner-secret';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * The recovery key is this browser's owner secret. A POST, so it never sits
 * in a URL, a history entry or a cache (and json() says no-store); never logged.
 */
export const POST = route(async (req) => {
  const secret = ownerSecretFromCookieHeader(req.headers.get('cookie'));
  if (secret === null) return errorResponse(401, 'This browser has no owner key yet: save an architecture first');
  return json({ key: secret });
});
