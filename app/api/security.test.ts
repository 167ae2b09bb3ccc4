// What the API refuses before any handler runs, as a browser (or an attacker's
// page, or a script) would meet it: bad paths, deep JSON, wrong content types,
// cross-site writes and writers over their rate limit. Each refusal changes
// nothing stored and answers a short { error } that names the culprit.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createTempDatabase } from '@/lib/db/testing';
import { disconnectDb } from '@/lib/db/client';
import { TestBrowser, type Reply } from '@/lib/api/testing';
import { encodeWeights } from '@/lib/api/weights';
import { templateDocument } from '@/lib/templates';
import { GET as list, POST as create } from './architectures/route';
import { GET as read, PUT as update } from './architectures/[id]/route';
import { POST as createRun } from './architectures/[id]/runs/route';
import { PUT as putWeights } from './runs/[id]/weights/route';
import { POST as fork } from './shared/[shareId]/fork/route';

const temp = createTempDatabase();
afterAll(() => temp.cleanup());

const ENV = ['CNN_STUDIO_TRUST_PROXY', 'CNN_STUDIO_WRITES_PER_OWNER', 'CNN_STUDIO_WRITES_PER_ADDRESS', 'CNN_STUDIO_RATE_WINDOW_S'] as const;
afterEach(() => {
  for (const name of ENV) delete process.env[name];
});

const doc = (name = 'Net') => ({ ...templateDocument('course-cnn'), name });
const createBody = (name = 'Net') => ({ name, document: doc(name) });

async function createOne(browser: TestBrowser, name = 'Net', headers?: Record<string, string>) {
  return browser.call(create, { method: 'POST', path: '/api/architectures', body: createBody(name), headers });
}

async function names(browser: TestBrowser): Promise<string[]> {
  const res = await browser.call(list, { path: '/api/architectures' });
  return (res.body as { architectures: { name: string }[] }).architectures.map((a) => a.name);
}

function errorOf(res: Reply): string {
  return (res.body as { error: string }).error;
}

/** A run of the owner's architecture, as the trainer creates it; returns its id. */
async function createRunOf(owner: TestBrowser, architectureId: string): Promise<string> {
  const run = await owner.call(createRun, {
    method: 'POST',
    path: `/api/architectures/${architectureId}/runs`,
    params: { id: architectureId },
    body: {
      document: templateDocument('dense-baseline'),
      dataset: { name: 'MNIST', hash: 'abc123', shape: [28, 28, 1], classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], trainCount: 8000, testCount: 2000 },
      hyperparameters: { optimizer: 'adam', learningRate: 0.001, batchSize: 32, epochs: 3, validationSplit: 0.1, shuffle: true, seed: 42 },
      backend: 'cpu',
    },
  });
  expect(run.status).toBe(201);
  return (run.body as { id: string }).id;
}

describe('malformed input (item 13)', () => {
  it('answers 100,000 levels of nested JSON in a field with 400 and a message, not a 500', async () => {
    const browser = new TestBrowser();
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    for (const raw of [
      `{"name":"x","document":{"version":${deep}}}`,
      `{"name":"x","document":${JSON.stringify(doc('x')).replace('"nodes":', `"extra":${deep},"nodes":`)}}`,
    ]) {
      const res = await browser.call(create, { method: 'POST', path: '/api/architectures', raw, headers: { 'content-type': 'application/json' } });
      expect(res.status).toBe(400);
      expect(errorOf(res)).toBe('Request body is nested more than 64 levels deep');
    }
    expect(browser.cookie).toBeNull();
  });

  it('answers a malformed %-encoding in the path with 400', async () => {
    const browser = new TestBrowser();
    const res = await browser.call(read, { path: '/api/architectures/%E0%A4%A', params: { id: '%E0%A4%A' } });
    expect(res.status).toBe(400);
    expect(errorOf(res)).toBe('The URL path has a malformed %-encoding');
  });
});

describe('content types (item 14)', () => {
  it('refuses JSON sent as text/plain, a form or no type at all with 415, storing nothing', async () => {
    const browser = new TestBrowser();
    await createOne(browser, 'Kept');
    const json = JSON.stringify(createBody('Sneaked'));
    for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await browser.call(create, { method: 'POST', path: '/api/architectures', raw: json, headers: { 'content-type': type } });
      expect(res.status, type).toBe(415);
      expect(errorOf(res)).toContain('Expected content-type application/json');
    }
    const untyped = await browser.call(create, { method: 'POST', path: '/api/architectures', raw: new TextEncoder().encode(json), headers: { 'content-length': String(json.length) } });
    expect(untyped.status).toBe(415);
    expect(errorOf(untyped)).toBe('Expected content-type application/json, got none');
    const charset = await browser.call(create, { method: 'POST', path: '/api/architectures', raw: json, headers: { 'content-type': 'Application/JSON; charset=utf-8' } });
    expect(charset.status).toBe(201);
    expect((await names(browser)).sort()).toEqual(['Kept', 'Sneaked']);
  });

  it('takes weights only as application/octet-stream, and a bodyless fork with no type', async () => {
    const owner = new TestBrowser();
    const created = (await createOne(owner)).body as { id: string; shareId: string };
    const runId = await createRunOf(owner, created.id);
    const weights = encodeWeights([{ name: 'w', shape: [2], dtype: 'float32' }], new Float32Array([1, 2]).buffer);
    const asJson = await owner.call(putWeights, { method: 'PUT', path: `/api/runs/${runId}/weights`, params: { id: runId }, raw: weights, headers: { 'content-type': 'application/json' } });
    expect(asJson.status).toBe(415);
    expect(errorOf(asJson)).toBe('Expected content-type application/octet-stream, got "application/json"');
    const ok = await owner.call(putWeights, { method: 'PUT', path: `/api/runs/${runId}/weights`, params: { id: runId }, raw: weights, headers: { 'content-type': 'application/octet-stream' } });
    expect(ok.status).toBe(204);

    const forked = await new TestBrowser().call(fork, { method: 'POST', path: `/api/shared/${created.shareId}/fork`, params: { shareId: created.shareId }, headers: { 'content-length': '0' } });
    expect(forked.status).toBe(201);
  });
});

describe('echoed values (item 17)', () => {
  it('answers an 800 KB bad value with a short excerpt, not the value', async () => {
    const browser = new TestBrowser();
    const huge = 'x'.repeat(800_000);
    const document = doc();
    document.nodes[1] = { ...document.nodes[1]!, type: huge as never };
    const bad = await browser.call(create, { method: 'POST', path: '/api/architectures', body: { name: 'n', document } });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body).length).toBeLessThan(2_000);
    const [issue] = (bad.body as { issues: { path: string; message: string }[] }).issues;
    expect(issue!.path).toBe('nodes[1].type');
    // 60 characters of the value as typed (its opening quote and 59 x's), then an ellipsis.
    expect(issue!.message).toMatch(new RegExp(`, got "x{59}…$`));

    // A huge unknown key and a huge value in a stray field: the paths are cut too.
    const shape = await browser.call(create, { method: 'POST', path: '/api/architectures', body: { name: 'n', document: doc(), ['k'.repeat(400_000)]: 'v'.repeat(400_000) } });
    expect(shape.status).toBe(400);
    expect(JSON.stringify(shape.body).length).toBeLessThan(2_000);
  });
});

describe('cross-site writes (item 18)', () => {
  const host = { host: 'localhost:3201' };

  it('refuses a foreign Referer with no Origin, a foreign Sec-Fetch-Site, and an https Origin on the http host', async () => {
    const browser = new TestBrowser();
    await createOne(browser, 'Kept');
    for (const headers of [
      { ...host, referer: 'https://evil.example/attack.html' },
      { ...host, 'sec-fetch-site': 'cross-site' },
      { ...host, 'sec-fetch-site': 'same-site', origin: 'http://localhost:3201' },
      { ...host, origin: 'https://localhost:3201' },
      { ...host, origin: 'null' },
    ]) {
      const res = await createOne(browser, 'Forged', headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(errorOf(res)).toMatch(/^Cross-site writes are not allowed \(/);
    }
    expect(await names(browser)).toEqual(['Kept']);
  });

  it('believes X-Forwarded-Host and -Proto only when a proxy is trusted', async () => {
    const browser = new TestBrowser();
    const forwarded = { ...host, origin: 'https://studio.example', 'x-forwarded-host': 'studio.example', 'x-forwarded-proto': 'https' };
    const untrusted = await createOne(browser, 'Forged', forwarded);
    expect(untrusted.status).toBe(403);
    expect(errorOf(untrusted)).toBe('Cross-site writes are not allowed (Origin https://studio.example is not http://localhost:3201)');
    process.env.CNN_STUDIO_TRUST_PROXY = '1';
    const trusted = await createOne(browser, 'Behind proxy', forwarded);
    expect(trusted.status).toBe(201);
    // Secure cookie when the trusted proxy says the browser used https.
    expect(trusted.headers.get('set-cookie')).toMatch(/Secure/);
    expect(await names(browser)).toEqual(['Behind proxy']);
  });

  it('accepts same-origin writes from a browser and writes from non-browser clients', async () => {
    const browser = new TestBrowser();
    expect((await createOne(browser, 'A', { ...host, origin: 'http://localhost:3201', 'sec-fetch-site': 'same-origin', referer: 'http://localhost:3201/new' })).status).toBe(201);
    expect((await createOne(browser, 'B', { ...host, referer: 'http://localhost:3201/a/x' })).status).toBe(201);
    expect((await createOne(browser, 'C')).status).toBe(201);
  });
});

describe('rate limits (item 11)', () => {
  it('answers the owner’s write over the limit with 429, Retry-After and a message in the page language, saving nothing', async () => {
    process.env.CNN_STUDIO_WRITES_PER_OWNER = '3';
    const browser = new TestBrowser();
    // The first write mints the owner cookie; the owner's count starts with it (its address counts it).
    expect((await createOne(browser, 'Zero')).status).toBe(201);
    const first = (await createOne(browser, 'One')).body as { id: string; version: number };
    expect((await createOne(browser, 'Two')).status).toBe(201);
    const put = await browser.call(update, { method: 'PUT', path: `/api/architectures/${first.id}`, params: { id: first.id }, body: { name: 'One v2', document: doc('One v2'), version: 1 } });
    expect(put.status).toBe(200);

    const refused = await createOne(browser, 'Three');
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(errorOf(refused)).toMatch(/^Too many changes in a short time: wait \d+ seconds? and try again\.$/);

    browser.cookie = `${browser.cookie}; NEXT_LOCALE=zh-CN`;
    const zh = await browser.call(update, { method: 'PUT', path: `/api/architectures/${first.id}`, params: { id: first.id }, body: { name: 'Lost', document: doc('Lost'), version: 2 } });
    expect(zh.status).toBe(429);
    expect(errorOf(zh)).toMatch(/^短时间内的更改过多：请等待 \d+ 秒后再试。$/);

    // Reads are not limited, and nothing refused was stored.
    expect((await names(browser)).sort()).toEqual(['One v2', 'Two', 'Zero']);
    // Another owner is not held back by this one.
    expect((await createOne(new TestBrowser(), 'Other')).status).toBe(201);
  });

  it('limits writes per client address too (a browser that drops its cookie gains nothing)', async () => {
    process.env.CNN_STUDIO_WRITES_PER_ADDRESS = '2';
    const from = (address: string) => ({ 'x-forwarded-for': address });
    expect((await createOne(new TestBrowser(), 'a', from('203.0.113.7'))).status).toBe(201);
    expect((await createOne(new TestBrowser(), 'b', from('203.0.113.7'))).status).toBe(201);
    const third = await createOne(new TestBrowser(), 'c', from('203.0.113.7'));
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await createOne(new TestBrowser(), 'd', from('198.51.100.1'))).status).toBe(201);
  });

  it('keeps its counters in the database, so another app instance sees them', async () => {
    process.env.CNN_STUDIO_WRITES_PER_OWNER = '1';
    const browser = new TestBrowser();
    expect((await createOne(browser, 'Mints the cookie')).status).toBe(201);
    expect((await createOne(browser, 'First')).status).toBe(201);
    // A fresh connection: nothing in this process's memory carries over.
    await disconnectDb();
    expect((await createOne(browser, 'Second')).status).toBe(429);
  });

  it('leaves normal use alone by default: 20 saves at once and a burst of epochs', async () => {
    const browser = new TestBrowser();
    const created = (await createOne(browser)).body as { id: string };
    const saves = await Promise.all(
      Array.from({ length: 20 }, () =>
        browser.call(update, { method: 'PUT', path: `/api/architectures/${created.id}`, params: { id: created.id }, body: { name: 'Net', document: doc(), version: 1 } }),
      ),
    );
    expect(saves.filter((s) => s.status === 429)).toEqual([]);
  });

  it('starts a new window once the last one has expired', async () => {
    process.env.CNN_STUDIO_WRITES_PER_ADDRESS = '2';
    process.env.CNN_STUDIO_RATE_WINDOW_S = '1';
    const from = { 'x-forwarded-for': '198.51.100.77' };
    expect((await createOne(new TestBrowser(), 'w1', from)).status).toBe(201);
    expect((await createOne(new TestBrowser(), 'w2', from)).status).toBe(201);
    expect((await createOne(new TestBrowser(), 'w3', from)).status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await createOne(new TestBrowser(), 'w4', from)).status).toBe(201);
    expect((await createOne(new TestBrowser(), 'w5', from)).status).toBe(201);
    expect((await createOne(new TestBrowser(), 'w6', from)).status).toBe(429);
  });

  it('counts 20 simultaneous first writes of one new address without a clash (the counter row is upserted)', async () => {
    process.env.CNN_STUDIO_WRITES_PER_ADDRESS = '15';
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => createOne(new TestBrowser(), `s${i}`, { 'x-forwarded-for': '192.0.2.99' })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(15);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
  });
});

describe('weights with hostile specs (items 13 and 17)', () => {
  it('answers deeply nested or huge weight specs with a short 400', async () => {
    const owner = new TestBrowser();
    const created = (await createOne(owner)).body as { id: string };
    const runId = await createRunOf(owner, created.id);
    const framed = (specsJson: string) => {
      const json = new TextEncoder().encode(specsJson);
      const out = new Uint8Array(4 + json.length);
      new DataView(out.buffer).setUint32(0, json.length, true);
      out.set(json, 4);
      return out;
    };
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    for (const specs of [deep, `[{"name":"w","shape":${deep},"dtype":"float32"}]`, `[{"name":"${'n'.repeat(400_000)}","shape":"${'s'.repeat(400_000)}","dtype":"float32","${'k'.repeat(100_000)}":1}]`]) {
      const res = await owner.call(putWeights, { method: 'PUT', path: `/api/runs/${runId}/weights`, params: { id: runId }, raw: framed(specs), headers: { 'content-type': 'application/octet-stream' } });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body).length).toBeLessThan(1_000);
    }
  });
});
