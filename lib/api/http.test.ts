import { afterEach, describe, expect, it, vi } from 'vitest';
import { showValue } from '@/lib/layers/shared/params';
import { MAX_ISSUES, contentTypeRefusal, crossSiteRefusal, errorResponse, jsonDepthExceeds, readJsonBody, requestOrigin, route } from './http';

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request('http://localhost/api/x', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

describe('route', () => {
  it('turns an unexpected error into a bare 500 and logs the details only on the server', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const handler = route(async () => {
      throw new Error('SQLITE_CORRUPT at /work/main/lib/db/runs.ts:42');
    });
    const res = await handler(new Request('http://localhost/api/x'), {});
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'Internal error' });
    expect(String(log.mock.calls[0]?.[1])).toMatch(/SQLITE_CORRUPT/);
    log.mockRestore();
  });
});

describe('readJsonBody', () => {
  it('reads JSON within the limit', async () => {
    expect(await readJsonBody(post('{"a":[1,2]}'), 100)).toEqual({ ok: true, value: { a: [1, 2] } });
  });

  it('refuses a body whose Content-Length is over the limit without reading it', async () => {
    const res = await readJsonBody(post('{}', { 'content-length': '5000' }), 100);
    expect(!res.ok && res.response.status).toBe(413);
  });

  it('refuses an over-limit body that claims to be small', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode(`"${'x'.repeat(500)}"`));
        c.close();
      },
    });
    const res = await readJsonBody(post(stream), 100);
    expect(!res.ok && res.response.status).toBe(413);
  });

  it('answers an empty body, junk and invalid UTF-8 with 400', async () => {
    for (const body of ['', '{"a":', new Uint8Array([0x22, 0xff, 0x22])]) {
      const res = await readJsonBody(post(body), 100);
      expect(!res.ok && res.response.status).toBe(400);
    }
  });
});

describe('jsonDepthExceeds', () => {
  it('measures nesting of arrays and objects without recursion, at any depth', () => {
    // object > array > object > array: 4 levels.
    expect(jsonDepthExceeds({ a: [1, { b: [] }] }, 4)).toBe(false);
    expect(jsonDepthExceeds({ a: [1, { b: [] }] }, 3)).toBe(true);
    expect(jsonDepthExceeds('text', 0)).toBe(false);
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)) as unknown;
    expect(jsonDepthExceeds(deep, 64)).toBe(true);
  });

  it('refuses a deeply nested body with 400 in readJsonBody', async () => {
    const res = await readJsonBody(post(`{"a":${'['.repeat(65)}${']'.repeat(65)}}`), 1_000);
    expect(!res.ok && res.response.status).toBe(400);
    expect(!res.ok && (await res.response.json())).toEqual({ error: 'Request body is nested more than 64 levels deep' });
    expect((await readJsonBody(post(`${'['.repeat(64)}${']'.repeat(64)}`), 1_000)).ok).toBe(true);
  });
});

describe('echoed values', () => {
  it('shows a value as JSON, cut to 60 characters with an ellipsis, however big or deep', () => {
    expect(showValue(-2)).toBe('-2');
    expect(showValue('full')).toBe('"full"');
    expect(showValue([3, 3])).toBe('[3,3]');
    expect(showValue(undefined)).toBe('nothing');
    expect(showValue('x'.repeat(800_000))).toBe(`"${'x'.repeat(59)}…`);
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)) as unknown;
    expect(showValue(deep)).toBe('[[[[[[[…]]]]]]]');
    const wide = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]));
    expect(showValue(wide)).toHaveLength(61);
    // A cut never splits a surrogate pair.
    expect(showValue('😀'.repeat(100))).toBe(`"${'😀'.repeat(29)}…`);
  });

  it('bounds every error body: messages, paths and the number of issues', async () => {
    const issues = Array.from({ length: 5_000 }, (_, i) => ({ path: `p${i}.${'k'.repeat(10_000)}`, message: 'm'.repeat(10_000) }));
    const body = (await errorResponse(422, 'e'.repeat(10_000), { issues }).json()) as { error: string; issues: { path: string; message: string }[] };
    expect(JSON.stringify(body).length).toBeLessThan(50_000);
    expect(body.issues).toHaveLength(MAX_ISSUES + 1);
    expect(body.issues.at(-1)).toEqual({ path: '(more)', message: `and ${5_000 - MAX_ISSUES} more issues` });
  });
});

describe('where a write comes from', () => {
  afterEach(() => {
    delete process.env.CNN_STUDIO_TRUST_PROXY;
  });
  const write = (headers: Record<string, string>, url = 'http://localhost:3000/api/x') => new Request(url, { method: 'POST', headers });

  it('compares scheme, host and port of Origin with the request', () => {
    expect(crossSiteRefusal(write({ host: 'localhost:3000', origin: 'http://localhost:3000' }))).toBeNull();
    for (const origin of ['https://localhost:3000', 'http://localhost:3001', 'http://evil.example', 'null', 'file://x']) {
      expect(crossSiteRefusal(write({ host: 'localhost:3000', origin }))?.status, origin).toBe(403);
    }
    // Reads are never refused for their origin (a share link opened from anywhere).
    expect(crossSiteRefusal(new Request('http://localhost:3000/api/x', { headers: { origin: 'http://evil.example' } }))).toBeNull();
  });

  it('uses X-Forwarded-Host and -Proto only when a proxy is trusted', () => {
    const req = write({ host: 'internal:3000', 'x-forwarded-host': 'studio.example', 'x-forwarded-proto': 'https' }, 'http://internal:3000/api/x');
    expect(requestOrigin(req)).toBe('http://internal:3000');
    process.env.CNN_STUDIO_TRUST_PROXY = '1';
    expect(requestOrigin(req)).toBe('https://studio.example');
  });

  it('wants the route’s content type on writes with a body, and nothing of bodyless ones', () => {
    const typed = (type: string | null, extra: Record<string, string> = {}) => write({ ...(type ? { 'content-type': type } : {}), ...extra });
    expect(contentTypeRefusal(typed('application/json; charset=utf-8'), 'application/json')).toBeNull();
    expect(contentTypeRefusal(typed('text/plain'), 'application/json')?.status).toBe(415);
    expect(contentTypeRefusal(typed(null, { 'content-length': '12' }), 'application/json')?.status).toBe(415);
    expect(contentTypeRefusal(typed(null, { 'content-length': '0' }), 'application/json')).toBeNull();
    expect(contentTypeRefusal(typed('application/json'), 'application/octet-stream')?.status).toBe(415);
  });
});
