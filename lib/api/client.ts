// Typed browser client for the REST API. Every response is validated with zod
// and every failure (HTTP, network, malformed response) comes back as a value:
// nothing here throws.
import type { z } from 'zod';
import type { ArchitectureDocument } from '@/lib/schema';
import {
  Architecture,
  ArchitectureList,
  CreatedArchitecture,
  CreatedRun,
  ErrorBody,
  ForkedArchitecture,
  Run,
  RunList,
  RunSummary,
  SharedArchitecture,
  UpdatedArchitecture,
  type ApiFailure,
  type ApiResult,
  type ArchitectureSummary,
  type CreateRunBody,
  type EpochMetrics,
  type RunPatch,
  type RunWeights,
} from './types';
import { decodeWeights, encodeWeights } from './weights';
import { OwnerReady, Recovered, RecoveryKey, ShareLink } from './owner-types';

export type { ApiResult, ApiFailure } from './types';

const enc = encodeURIComponent;

async function send(path: string, init: RequestInit): Promise<Response | ApiFailure> {
  try {
    return await fetch(path, { credentials: 'same-origin', cache: 'no-store', ...init });
  } catch (e) {
    return { ok: false, status: 0, error: `Could not reach the server: ${(e as Error).message}` };
  }
}

async function failureOf(res: Response): Promise<ApiFailure> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy page, an empty body): fall back to the status line.
  }
  const parsed = ErrorBody.safeParse(body);
  if (!parsed.success) return { ok: false, status: res.status, error: `${res.status} ${res.statusText || 'Request failed'}` };
  const { error, issues, currentVersion } = parsed.data;
  // 429: the server's message (in the page's language) says how long; the number is here for retries.
  const retryAfterSeconds = Number(res.headers.get('retry-after'));
  return {
    ok: false,
    status: res.status,
    error,
    ...(issues ? { issues } : {}),
    ...(currentVersion !== undefined ? { currentVersion } : {}),
    ...(res.status === 429 && Number.isInteger(retryAfterSeconds) && retryAfterSeconds > 0 ? { retryAfterSeconds } : {}),
  };
}

async function request<S extends z.ZodType>(path: string, init: RequestInit, schema: S): Promise<ApiResult<z.output<S>>> {
  const res = await send(path, init);
  if (!(res instanceof Response)) return res;
  if (!res.ok) return failureOf(res);
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    return { ok: false, status: res.status, error: 'The server answered with something that is not JSON' };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return {
      ok: false,
      status: res.status,
      error: `Unexpected response from the server${first ? ` at ${first.path.join('.') || '(body)'}: ${first.message}` : ''}`,
    };
  }
  return { ok: true, data: parsed.data };
}

/** For endpoints whose success carries nothing the caller needs (204, or 201 without a payload). */
async function requestEmpty(path: string, init: RequestInit): Promise<ApiResult<null>> {
  const res = await send(path, init);
  if (!(res instanceof Response)) return res;
  if (!res.ok) return failureOf(res);
  return { ok: true, data: null };
}

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

// ------------------------------------------------------------------------ owner

let ownerReady: Promise<ApiResult<OwnerReady>> | null = null;

/**
 * Makes sure this browser has an owner cookie before a write that could mint
 * one: one request in flight per page, and one at a time across tabs (a Web
 * Lock), so ten first saves at once end up with one owner, not ten. A failure
 * is forgotten, so the next write tries again.
 */
export function ensureOwner(): Promise<ApiResult<OwnerReady>> {
  ownerReady ??= mintOwner().then((result) => {
    if (!result.ok) ownerReady = null;
    return result;
  });
  return ownerReady;
}

function mintOwner(): Promise<ApiResult<OwnerReady>> {
  const mint = () => request('/api/owner', { method: 'POST' }, OwnerReady);
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  // lib.dom types request() as resolving to the callback's promise; it resolves to that promise's value.
  return locks ? (locks.request('cnn-studio-owner-mint', mint) as unknown as Promise<ApiResult<OwnerReady>>) : mint();
}

/** Sends `write` once this browser is known to have an owner cookie. */
async function asOwner<T>(write: () => Promise<ApiResult<T>>): Promise<ApiResult<T>> {
  const owner = await ensureOwner();
  return owner.ok ? write() : owner;
}

/** This browser's recovery key (its owner secret). A POST, so it is never in a URL or a cache. */
export async function revealRecoveryKey(): Promise<ApiResult<string>> {
  const r = await request('/api/owner/recovery-key', { method: 'POST' }, RecoveryKey);
  return r.ok ? { ok: true, data: r.data.key } : r;
}

/** Makes this browser the owner of the key's architectures; this browser's own move to that owner too. */
export function recoverOwner(key: string) {
  return request('/api/owner/recover', json('POST', { key }), Recovered);
}

// ---------------------------------------------------------------- architectures

export function createArchitecture(body: { name: string; document: ArchitectureDocument }) {
  return asOwner(() => request('/api/architectures', json('POST', body), CreatedArchitecture));
}

/** One page of the caller's architectures, most recently modified first; `nextCursor` null on the last. */
export async function listArchitecturePage(page: { cursor?: string | null; limit?: number } = {}): Promise<ApiResult<{ architectures: ArchitectureSummary[]; nextCursor: string | null }>> {
  const query = new URLSearchParams();
  if (page.limit !== undefined) query.set('limit', String(page.limit));
  if (page.cursor) query.set('cursor', page.cursor);
  const r = await request(`/api/architectures${query.size > 0 ? `?${query}` : ''}`, { method: 'GET' }, ArchitectureList);
  return r.ok ? { ok: true, data: { architectures: r.data.architectures, nextCursor: r.data.nextCursor ?? null } } : r;
}

/** All of the caller's architectures, following every page (for pickers that need the whole list). */
export async function listArchitectures(): Promise<ApiResult<ArchitectureSummary[]>> {
  const all: ArchitectureSummary[] = [];
  let cursor: string | null = null;
  // Bounded, so a server that kept answering with a cursor could not keep the caller looping.
  for (let pages = 0; pages < 1000 && (pages === 0 || cursor !== null); pages++) {
    const r: ApiResult<{ architectures: ArchitectureSummary[]; nextCursor: string | null }> = await listArchitecturePage({ cursor, limit: 100 });
    if (!r.ok) return r;
    all.push(...r.data.architectures);
    cursor = r.data.nextCursor;
  }
  return { ok: true, data: all };
}

export function getArchitecture(id: string) {
  return request(`/api/architectures/${enc(id)}`, { method: 'GET' }, Architecture);
}

/** Browsers refuse keepalive requests whose bodies add up to more than 64 KiB; leave room for others in flight. */
export const KEEPALIVE_MAX_BYTES = 60 * 1024;

/**
 * `version` is the one the edit was based on; a stale one fails with status 409 and `currentVersion`.
 * `keepalive` (the page is closing) is used only when the body fits the browser's keepalive limit;
 * a bigger one goes as a normal request, which a closing page may cut off (the editor keeps a local draft).
 */
export function updateArchitecture(id: string, body: { name: string; document: ArchitectureDocument; version: number }, options: { keepalive?: boolean } = {}) {
  const init = json('PUT', body);
  const fits = typeof init.body === 'string' && new TextEncoder().encode(init.body).byteLength <= KEEPALIVE_MAX_BYTES;
  return request(`/api/architectures/${enc(id)}`, { ...init, ...(options.keepalive && fits ? { keepalive: true } : {}) }, UpdatedArchitecture);
}

export function deleteArchitecture(id: string) {
  return requestEmpty(`/api/architectures/${enc(id)}`, { method: 'DELETE' });
}

export function getShared(shareId: string) {
  return request(`/api/shared/${enc(shareId)}`, { method: 'GET' }, SharedArchitecture);
}

/** Copies a shared architecture into the caller's own (named "<name> (fork)"). */
export function forkShared(shareId: string) {
  return asOwner(() => request(`/api/shared/${enc(shareId)}/fork`, { method: 'POST' }, ForkedArchitecture));
}

/** A new share link for the architecture; the old one answers 404 from now on. */
export async function replaceShareLink(id: string): Promise<ApiResult<string>> {
  const r = await request(`/api/architectures/${enc(id)}/share`, { method: 'POST' }, ShareLink);
  return r.ok ? { ok: true, data: r.data.shareId } : r;
}

/** Turns the share link off; it answers 404 from now on. */
export function turnOffShareLink(id: string) {
  return requestEmpty(`/api/architectures/${enc(id)}/share`, { method: 'DELETE' });
}

// ------------------------------------------------------------------------- runs

export function createRun(architectureId: string, body: CreateRunBody) {
  return request(`/api/architectures/${enc(architectureId)}/runs`, json('POST', body), CreatedRun);
}

export async function listRuns(architectureId: string): Promise<ApiResult<RunSummary[]>> {
  const r = await request(`/api/architectures/${enc(architectureId)}/runs`, { method: 'GET' }, RunList);
  return r.ok ? { ok: true, data: r.data.runs } : r;
}

export function getRun(runId: string) {
  return request(`/api/runs/${enc(runId)}`, { method: 'GET' }, Run);
}

/** Idempotent per epoch index: sending an epoch again replaces it. */
export function appendEpoch(runId: string, metrics: EpochMetrics) {
  return requestEmpty(`/api/runs/${enc(runId)}/epochs`, json('POST', metrics));
}

export function updateRun(runId: string, patch: RunPatch) {
  return request(`/api/runs/${enc(runId)}`, json('PATCH', patch), RunSummary);
}

export function deleteRun(runId: string) {
  return requestEmpty(`/api/runs/${enc(runId)}`, { method: 'DELETE' });
}

export function saveRunWeights(runId: string, weights: RunWeights) {
  return requestEmpty(`/api/runs/${enc(runId)}/weights`, {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream' },
    body: encodeWeights(weights.weightSpecs, weights.weightData),
  });
}

export async function loadRunWeights(runId: string): Promise<ApiResult<RunWeights>> {
  const res = await send(`/api/runs/${enc(runId)}/weights`, { method: 'GET' });
  if (!(res instanceof Response)) return res;
  if (!res.ok) return failureOf(res);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch (e) {
    return { ok: false, status: 0, error: `Could not read the weights: ${(e as Error).message}` };
  }
  const decoded = decodeWeights(bytes);
  if (!decoded.ok) return { ok: false, status: res.status, error: `Stored weights are unreadable: ${decoded.message}` };
  return { ok: true, data: { weightSpecs: decoded.weightSpecs, weightData: decoded.weightData } };
}
