import { describe, expect, it, vi } from 'vitest';
import { readJsonBody, route } from './http';

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
