import { errorResponse, isHttps, json, ownerHashFromRequest, parseBody, readJsonBody, route } from '@/lib/api/http';
import { RecoverBody } from '@/lib/api/owner-types';
import { recoverOwner } from '@/lib/db/owner-recovery';
import { hashOwnerSecret, ownerCookieHeader, RECOVERY_KEY_LENGTH, recoveryKeyProblem } from '@/lib/db/owner-secret';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Makes this browser an owner by its recovery key (in the body, never in the
 * URL). Architectures this browser owned under its previous key move to the
 * recovered owner. The key is never echoed, not even in error messages.
 */
export const POST = route(async (req) => {
  // Only a script on our own pages can send JSON: an HTML form on another
  // site cannot make this browser adopt someone else's key.
  if (!(req.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json')) {
    return errorResponse(415, 'Send the recovery key as application/json');
  }
  const raw = await readJsonBody(req);
  if (!raw.ok) return raw.response;
  const body = parseBody(RecoverBody, raw.value);
  if (!body.ok) return body.response;
  const key = body.value.key.trim();
  const problem = recoveryKeyProblem(key);
  if (problem !== null) {
    return errorResponse(400, problem, { issues: [{ path: 'key', message: `expected a recovery key (${RECOVERY_KEY_LENGTH} characters)` }] });
  }
  const result = await recoverOwner(hashOwnerSecret(key), ownerHashFromRequest(req));
  if (result.status === 'unknown-key') return errorResponse(404, 'No architectures belong to this recovery key: check that it was copied whole');
  const res = json({ owned: result.owned, moved: result.moved });
  res.headers.append('set-cookie', ownerCookieHeader(key, isHttps(req)));
  return res;
});
