// Shared plumbing of the route handlers: size-limited body reading, error
// responses of one shape ({ error, issues? }), the owner cookie, and a wrapper
// that turns anything unexpected into a bare 500 (details only in the log).
import type { z } from 'zod';
import { formatPath, type SchemaIssue } from '@/lib/schema';
import { hashOwnerSecret, newOwnerSecret, ownerCookieHeader, ownerSecretFromCookieHeader } from '@/lib/db/owner-secret';
import { MAX_JSON_BYTES } from './types';

export type Outcome<T> = { ok: true; value: T } | { ok: false; response: Response };

export function json(data: unknown, status = 200, headers?: HeadersInit): Response {
  const h = new Headers(headers);
  h.set('content-type', 'application/json; charset=utf-8');
  h.set('cache-control', 'no-store');
  return new Response(JSON.stringify(data), { status, headers: h });
}

export function errorResponse(status: number, error: string, extra?: { issues?: SchemaIssue[]; currentVersion?: number }): Response {
  return json({ error, ...(extra?.issues ? { issues: extra.issues } : {}), ...(extra?.currentVersion !== undefined ? { currentVersion: extra.currentVersion } : {}) }, status);
}

export const noContent = (): Response => new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });

function tooLarge(limit: number): Response {
  return errorResponse(413, `Request body is larger than the limit of ${formatBytes(limit)}`);
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${n / (1024 * 1024)} MiB` : `${n} bytes`;
}

/**
 * Reads the whole body, refusing it with 413 as soon as it is known to be
 * over `limit`: from Content-Length before reading, and by counting bytes
 * while reading (a client may lie or send it chunked).
 */
export async function readBodyBytes(req: Request, limit: number): Promise<Outcome<Uint8Array<ArrayBuffer>>> {
  const declared = req.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) return { ok: false, response: tooLarge(limit) };
  if (!req.body) return { ok: true, value: new Uint8Array(new ArrayBuffer(0)) };
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, response: tooLarge(limit) };
    }
    chunks.push(value);
  }
  const out = new Uint8Array(new ArrayBuffer(total));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, value: out };
}

/** A JSON body of at most `limit` bytes: 413 over it, 400 when it is not JSON. */
export async function readJsonBody(req: Request, limit = MAX_JSON_BYTES): Promise<Outcome<unknown>> {
  const bytes = await readBodyBytes(req, limit);
  if (!bytes.ok) return bytes;
  if (bytes.value.byteLength === 0) return { ok: false, response: errorResponse(400, 'Expected a JSON body, got an empty one') };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.value);
  } catch {
    return { ok: false, response: errorResponse(400, 'Request body is not valid UTF-8') };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, response: errorResponse(400, 'Request body is not valid JSON') };
  }
}

export function zodIssues(error: z.ZodError): SchemaIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/** Wrong body shape -> 400 naming each bad field. */
export function parseBody<S extends z.ZodType>(schema: S, value: unknown): Outcome<z.output<S>> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, response: errorResponse(400, 'Request body has the wrong shape', { issues: zodIssues(result.error) }) };
}

// ------------------------------------------------------------------ the owner

/** The caller's owner hash, from the request's cookie; null when there is none. */
export function ownerHashFromRequest(req: Request): string | null {
  const secret = ownerSecretFromCookieHeader(req.headers.get('cookie'));
  return secret === null ? null : hashOwnerSecret(secret);
}

/**
 * For writes that create something: the caller's owner hash, minting a new
 * owner secret on the first write. `withCookie` adds its Set-Cookie header.
 */
export function ownerForWrite(req: Request): { ownerHash: string; withCookie: (res: Response) => Response } {
  const existing = ownerSecretFromCookieHeader(req.headers.get('cookie'));
  if (existing !== null) return { ownerHash: hashOwnerSecret(existing), withCookie: (res) => res };
  const secret = newOwnerSecret();
  const secure = isHttps(req);
  return {
    ownerHash: hashOwnerSecret(secret),
    withCookie: (res) => {
      res.headers.append('set-cookie', ownerCookieHeader(secret, secure));
      return res;
    },
  };
}

export function isHttps(req: Request): boolean {
  const forwarded = req.headers.get('x-forwarded-proto');
  if (forwarded) return forwarded.split(',')[0]?.trim() === 'https';
  return new URL(req.url).protocol === 'https:';
}

/** Maps a repository refusal to its response. No cookie at all is 401; someone else's is 403. */
export function denied(result: { status: 'not-found' } | { status: 'forbidden' }, ownerHash: string | null, what: string): Response {
  if (result.status === 'not-found') return errorResponse(404, `No ${what} with that id`);
  if (ownerHash === null) return errorResponse(401, `Only the owner may do this, and this browser has no owner cookie`);
  return errorResponse(403, `This ${what} belongs to someone else`);
}

// ------------------------------------------------------------- the wrapper

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A browser sends Origin on cross-site writes; SameSite=Lax already keeps the
 * owner cookie off them, and this refuses them outright.
 */
function crossSiteWrite(req: Request): boolean {
  if (!UNSAFE.has(req.method)) return false;
  const origin = req.headers.get('origin');
  if (origin === null || origin === 'null') return origin === 'null';
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

type Handler<C> = (req: Request, context: C) => Promise<Response>;

/** Every route handler goes through this: no stack trace ever reaches the client. */
export function route<C>(handler: Handler<C>): Handler<C> {
  return async (req, context) => {
    if (crossSiteWrite(req)) return errorResponse(403, 'Cross-site writes are not allowed');
    try {
      return await handler(req, context);
    } catch (e) {
      console.error(`[api] ${req.method} ${new URL(req.url).pathname} failed:`, e);
      return errorResponse(500, 'Internal error');
    }
  };
}
