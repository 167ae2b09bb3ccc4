// Shared plumbing of the route handlers: size-limited body reading, error
// responses of one shape ({ error, issues? }), the owner cookie, and the
// `route` wrapper every handler goes through: it refuses malformed paths,
// cross-site writes, wrong content types and over-limit writers before the
// handler runs, and turns anything unexpected into a bare 500 (details only in
// the log).
import { createTranslator } from 'next-intl';
import type { z } from 'zod';
import { formatPath, type SchemaIssue } from '@/lib/schema';
import { hashOwnerSecret, newOwnerSecret, ownerCookieHeader, ownerSecretFromCookieHeader } from '@/lib/db/owner-secret';
import { localeCookie, toLocale } from '@/lib/i18n/config';
import { messagesByLocale } from '@/lib/i18n/messages';
import { consumeWrite } from './rate-limit';
import { MAX_JSON_BYTES } from './types';

export type Outcome<T> = { ok: true; value: T } | { ok: false; response: Response };

export function json(data: unknown, status = 200, headers?: HeadersInit): Response {
  const h = new Headers(headers);
  h.set('content-type', 'application/json; charset=utf-8');
  h.set('cache-control', 'no-store');
  return new Response(JSON.stringify(data), { status, headers: h });
}

/** At most this many issues go back; the rest are counted in one last issue. */
export const MAX_ISSUES = 50;
/** Issue paths and messages longer than this are cut (values inside them are already excerpts). */
const MAX_ISSUE_TEXT = 400;

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

/**
 * Every error body is built here, so none grows with the request: echoed
 * values are excerpts (showValue), and paths, messages and the issue count are
 * bounded too (a key of 800 KB in a body must not come back whole).
 */
export function errorResponse(status: number, error: string, extra?: { issues?: SchemaIssue[]; currentVersion?: number }, headers?: HeadersInit): Response {
  let issues = extra?.issues?.slice(0, MAX_ISSUES).map((i) => ({ path: cut(i.path, MAX_ISSUE_TEXT), message: cut(i.message, MAX_ISSUE_TEXT) }));
  if (issues && extra?.issues && extra.issues.length > MAX_ISSUES) {
    issues = [...issues, { path: '(more)', message: `and ${extra.issues.length - MAX_ISSUES} more issues` }];
  }
  return json(
    { error: cut(error, MAX_ISSUE_TEXT), ...(issues ? { issues } : {}), ...(extra?.currentVersion !== undefined ? { currentVersion: extra.currentVersion } : {}) },
    status,
    headers,
  );
}

export const noContent = (): Response => new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });

/** 413 naming the limit, for every body reader. */
export function tooLarge(limit: number): Response {
  return errorResponse(413, `Request body is larger than the limit of ${formatBytes(limit)}`);
}

export function formatBytes(n: number): string {
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
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return { ok: false, response: errorResponse(400, 'Request body is not valid JSON') };
  }
  // Before any schema sees it: zod and the issue formatting recurse, and a body
  // of 100,000 nested arrays would overflow the stack there.
  if (jsonDepthExceeds(value, MAX_JSON_DEPTH)) {
    return { ok: false, response: errorResponse(400, `Request body is nested more than ${MAX_JSON_DEPTH} levels deep`) };
  }
  return { ok: true, value };
}

/** No body this API takes nests anywhere near this deep (a document is about 5 levels). */
export const MAX_JSON_DEPTH = 64;

/** Whether a parsed JSON value nests deeper than `max` arrays/objects. Iterative, so any depth is safe. */
export function jsonDepthExceeds(value: unknown, max: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: v, depth } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') stack.push({ value: child, depth: depth + 1 });
    }
  }
  return false;
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
  return requestOrigin(req).startsWith('https:');
}

// ------------------------------------------------------ where a request is from

/**
 * X-Forwarded-Host/-Proto/-For are believed only when the operator says a
 * proxy of theirs sets them (CNN_STUDIO_TRUST_PROXY=1); otherwise any client
 * could name whatever host, scheme or address it likes.
 */
export function trustsProxy(): boolean {
  return process.env.CNN_STUDIO_TRUST_PROXY === '1';
}

/** The last value of a comma-separated forwarded header: the one the nearest proxy added. */
function lastForwarded(value: string | null): string | null {
  const last = value?.split(',').pop()?.trim();
  return last ? last : null;
}

/**
 * `scheme://host[:port]` this request was addressed to, as the browser saw it.
 * proxy.ts drops client-sent X-Forwarded-* headers unless a proxy is trusted,
 * so Next.js's own view of the scheme (req.url) is the socket's.
 */
export function requestOrigin(req: Request): string {
  const url = new URL(req.url);
  let scheme = url.protocol.replace(/:$/, '');
  let host = req.headers.get('host') ?? url.host;
  if (trustsProxy()) {
    scheme = lastForwarded(req.headers.get('x-forwarded-proto')) ?? scheme;
    host = lastForwarded(req.headers.get('x-forwarded-host')) ?? host;
  }
  return `${scheme}://${host}`.toLowerCase();
}

/**
 * The client's address: X-Forwarded-For as the nearest hop wrote it. Without a
 * trusted proxy, proxy.ts has removed any client-sent value and Next.js fills
 * in the socket's address.
 */
export function clientAddress(req: Request): string | null {
  return lastForwarded(req.headers.get('x-forwarded-for'));
}

/** Maps a repository refusal to its response. No cookie at all is 401; someone else's is 403. */
export function denied(result: { status: 'not-found' } | { status: 'forbidden' }, ownerHash: string | null, what: string): Response {
  if (result.status === 'not-found') return errorResponse(404, `No ${what} with that id`);
  if (ownerHash === null) return errorResponse(401, `Only the owner may do this, and this browser has no owner cookie`);
  return errorResponse(403, `This ${what} belongs to someone else`);
}

// ------------------------------------------------------------- the wrapper

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin.toLowerCase() : null;
  } catch {
    return null;
  }
}

/**
 * Refuses a write that any browser signal places on another site: Sec-Fetch-Site
 * other than same-origin (or none: typed by the user), an Origin that differs in
 * scheme, host or port, or (when a browser sent no Origin) a Referer from
 * elsewhere. A request with none of them is not from a browser page, so it
 * cannot carry a victim's cookie for someone else.
 */
export function crossSiteRefusal(req: Request): Response | null {
  if (!WRITES.has(req.method)) return null;
  const refuse = (why: string) => errorResponse(403, `Cross-site writes are not allowed (${why})`);
  const site = req.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none') return refuse(`Sec-Fetch-Site is ${cut(site, 20)}`);
  const expected = requestOrigin(req);
  const origin = req.headers.get('origin');
  if (origin !== null) {
    return originOf(origin) === expected ? null : refuse(`Origin ${cut(origin, 60)} is not ${expected}`);
  }
  const referer = req.headers.get('referer');
  if (referer !== null && originOf(referer) !== expected) return refuse(`Referer is not from ${expected}`);
  return null;
}

/** What a route's writes carry; everything else is JSON. */
export type BodyType = 'application/json' | 'application/octet-stream';

/**
 * A write with a body must say it is the route's type: text/plain, form and
 * multipart bodies are what a cross-site <form> can send without asking.
 */
export function contentTypeRefusal(req: Request, expected: BodyType): Response | null {
  if (!WRITES.has(req.method)) return null;
  const declared = req.headers.get('content-type');
  const length = req.headers.get('content-length');
  const hasBody = declared !== null || (length !== null && length.trim() !== '0') || req.headers.has('transfer-encoding');
  if (!hasBody) return null;
  const mediaType = declared?.split(';')[0]?.trim().toLowerCase();
  if (mediaType === expected) return null;
  return errorResponse(415, `Expected content-type ${expected}, got ${declared === null ? 'none' : JSON.stringify(cut(declared, 60))}`);
}

/** A path with a `%` that does not decode (e.g. `/api/runs/%E0%A4%A`): 400 instead of a crash. */
export function pathRefusal(req: Request): Response | null {
  try {
    decodeURIComponent(new URL(req.url).pathname);
    return null;
  } catch {
    return errorResponse(400, 'The URL path has a malformed %-encoding');
  }
}

function rateLimited(req: Request, seconds: number): Response {
  // In the language the pages are in (the same cookie), since the client shows `error` as it is.
  const pair = (req.headers.get('cookie') ?? '').split(';').map((p) => p.trim().split('=')).find(([name]) => name === localeCookie);
  const locale = toLocale(pair?.[1]);
  const t = createTranslator({ locale, messages: messagesByLocale[locale], namespace: 'common.api' });
  return errorResponse(429, t('rateLimited', { seconds }), undefined, { 'retry-after': String(seconds) });
}

async function rateRefusal(req: Request): Promise<Response | null> {
  if (!WRITES.has(req.method)) return null;
  const decision = await consumeWrite({ ownerHash: ownerHashFromRequest(req), address: clientAddress(req) });
  return decision.ok ? null : rateLimited(req, decision.retryAfterSeconds);
}

type Handler<C> = (req: Request, context: C) => Promise<Response>;

/**
 * Every route handler goes through this: bad paths, cross-site writes, wrong
 * content types and writers over their rate limit are refused here, before the
 * handler; no stack trace ever reaches the client.
 */
export function route<C>(handler: Handler<C>, options: { body?: BodyType } = {}): Handler<C> {
  const bodyType = options.body ?? 'application/json';
  return async (req, context) => {
    try {
      const refusal = pathRefusal(req) ?? crossSiteRefusal(req) ?? contentTypeRefusal(req, bodyType) ?? (await rateRefusal(req));
      if (refusal) return refusal;
      return await handler(req, context);
    } catch (e) {
      console.error(`[api] ${req.method} ${new URL(req.url).pathname} failed:`, e);
      return errorResponse(500, 'Internal error');
    }
  };
}
