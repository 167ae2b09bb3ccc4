// Weights are stored in 1 MiB chunks as the upload arrives and streamed back
// chunk by chunk; an upload that fails midway leaves the previous weights as
// they were. Runs on both engines (scripts/test-postgres.mjs).
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createTempDatabase } from '@/lib/db/testing';
import { getDb } from '@/lib/db/client';
import { TestBrowser } from '@/lib/api/testing';
import type { CreateRunBody } from '@/lib/api/types';
import { decodeWeights, encodeWeights } from '@/lib/api/weights';
import { templateDocument } from '@/lib/templates';
import { POST as createArch } from './architectures/route';
import { POST as createRun } from './architectures/[id]/runs/route';
import { GET as getWeights, PUT as putWeights } from './runs/[id]/weights/route';

const temp = createTempDatabase();
afterAll(() => temp.cleanup());

const MiB = 1024 * 1024;

const runBody = (): CreateRunBody => ({
  document: templateDocument('dense-baseline'),
  dataset: { name: 'MNIST', hash: 'abc123', shape: [28, 28, 1], classNames: ['0', '1'], trainCount: 80, testCount: 20 },
  hyperparameters: { optimizer: 'adam', learningRate: 0.001, batchSize: 8, epochs: 3, validationSplit: 0.1, shuffle: true, seed: 42 },
  backend: 'cpu',
});

async function setup() {
  const owner = new TestBrowser();
  const arch = await owner.call(createArch, { method: 'POST', path: '/api/architectures', body: { name: 'Net', document: { ...templateDocument('dense-baseline'), name: 'Net' } } });
  const created = await owner.call(createRun, { method: 'POST', path: '/x', params: { id: (arch.body as { id: string }).id }, body: runBody() });
  expect(created.status).toBe(201);
  return { owner, runId: (created.body as { id: string }).id };
}

/** `bytes` of random float32 weights in the wire format. */
function weightsBody(bytes: number) {
  const data = new Uint8Array(randomBytes(bytes));
  const specs = [{ name: 'dense/kernel', shape: [bytes / 4], dtype: 'float32' as const }];
  return { data, body: encodeWeights(specs, data.buffer) };
}

/**
 * The body as a stream of uneven pieces (as a network delivers it), calling
 * `onPiece` before each and erroring instead of sending piece `failAt`.
 */
function streamOf(body: Uint8Array, opts: { piece?: number; failAt?: number; onPiece?: (sent: number) => Promise<void> } = {}) {
  const piece = opts.piece ?? 300_001;
  let at = 0;
  let index = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        await opts.onPiece?.(at);
        if (index++ === opts.failAt) {
          controller.error(new Error('connection reset'));
          return;
        }
        if (at >= body.byteLength) {
          controller.close();
          return;
        }
        controller.enqueue(body.slice(at, at + piece));
        at += piece;
      },
    },
    { highWaterMark: 0 },
  );
}

const put = (owner: TestBrowser, runId: string, raw: BodyInit, headers: Record<string, string> = {}) =>
  owner.call(putWeights, { method: 'PUT', path: '/x', params: { id: runId }, raw, headers: { 'content-type': 'application/octet-stream', ...headers } });

async function download(owner: TestBrowser, runId: string) {
  const res = await owner.call(getWeights, { path: '/x', params: { id: runId } });
  expect(res.status).toBe(200);
  const bytes = res.body as Uint8Array;
  expect(Number(res.headers.get('content-length'))).toBe(bytes.byteLength);
  const decoded = decodeWeights(bytes);
  if (!decoded.ok) throw new Error(decoded.message);
  return new Uint8Array(decoded.weightData);
}

/** The run's stored chunks, each with its size and a digest of its bytes. */
const chunkRows = async (runId: string) =>
  (await (await getDb()).runWeightChunk.findMany({ where: { runId }, select: { chunkSetId: true, index: true, data: true }, orderBy: { index: 'asc' } })).map(
    ({ data, ...row }) => ({ ...row, byteLength: data.byteLength, sha256: createHash('sha256').update(data).digest('hex') }),
  );

describe('chunked weights', () => {
  it('round-trips a multi-chunk upload byte for byte, stored in 1 MiB chunks while the body still arrives', async () => {
    const { owner, runId } = await setup();
    const { data, body } = weightsBody(5 * MiB + 4 * 1234);
    let storedBeforeTheEnd = 0;
    const stream = streamOf(body, {
      onPiece: async (sent) => {
        // Three quarters in, chunks are already in the database.
        if (sent >= body.byteLength * 0.75 && storedBeforeTheEnd === 0) storedBeforeTheEnd = (await chunkRows(runId)).length;
      },
    });
    const res = await put(owner, runId, stream);
    expect(res.status).toBe(204);
    expect(storedBeforeTheEnd).toBeGreaterThanOrEqual(3);

    const rows = await chunkRows(runId);
    expect(rows.map((r) => r.byteLength)).toEqual([MiB, MiB, MiB, MiB, MiB, 4 * 1234]);
    expect(new Set(rows.map((r) => r.chunkSetId)).size).toBe(1);
    expect(Buffer.from(await download(owner, runId)).equals(Buffer.from(data))).toBe(true);

    // Replacing them drops the old chunks.
    const next = weightsBody(2 * MiB);
    expect((await put(owner, runId, next.body)).status).toBe(204);
    expect((await chunkRows(runId)).map((r) => r.byteLength)).toEqual([MiB, MiB]);
    expect(Buffer.from(await download(owner, runId)).equals(Buffer.from(next.data))).toBe(true);
  });

  it('keeps the previous weights, readable and unchanged, when an upload is cut off midway or turns out too long', async () => {
    const { owner, runId } = await setup();
    const before = weightsBody(3 * MiB + 8);
    expect((await put(owner, runId, before.body)).status).toBe(204);
    const rowsBefore = await chunkRows(runId);

    const next = weightsBody(6 * MiB);
    // Errors after ~4.5 MiB, when four chunks of the new weights have been written.
    const cut = await put(owner, runId, streamOf(next.body, { piece: 512 * 1024, failAt: 9 }));
    expect(cut.status).toBe(400);
    expect((cut.body as { error: string }).error).toBe(`The upload was cut off after ${9 * 512 * 1024} bytes`);
    expect(await chunkRows(runId)).toEqual(rowsBefore);
    expect(Buffer.from(await download(owner, runId)).equals(Buffer.from(before.data))).toBe(true);

    // 2 MiB more than the specs describe: refused after 6 MiB were stored, and those dropped.
    const long = new Uint8Array(next.body.byteLength + 2 * MiB);
    long.set(next.body);
    const tooLong = await put(owner, runId, streamOf(long));
    expect(tooLong.status).toBe(400);
    expect((tooLong.body as { error: string }).error).toBe(`Weights are malformed: weight specs describe ${6 * MiB} bytes, got ${8 * MiB}`);
    expect(await chunkRows(runId)).toEqual(rowsBefore);
    expect(Buffer.from(await download(owner, runId)).equals(Buffer.from(before.data))).toBe(true);
  });

  it('answers 409 to an upload that another upload of the same run overtook, and keeps the one that finished', async () => {
    const { owner, runId } = await setup();
    const slow = weightsBody(3 * MiB);
    let resume: () => void = () => undefined;
    const paused = new Promise<void>((r) => (resume = r));
    let reachedPause: () => void = () => undefined;
    const atPause = new Promise<void>((r) => (reachedPause = r));
    const slowUpload = put(
      owner,
      runId,
      streamOf(slow.body, {
        piece: 512 * 1024,
        onPiece: async (sent) => {
          if (sent === 4 * 512 * 1024) {
            reachedPause();
            await paused;
          }
        },
      }),
    );
    await atPause; // 2 MiB of the slow upload are stored
    const fast = weightsBody(MiB + 4);
    expect((await put(owner, runId, fast.body)).status).toBe(204);
    resume();
    const res = await slowUpload;
    expect(res.status).toBe(409);
    expect((res.body as { error: string }).error).toBe("Another upload replaced these weights while this one was being stored: the other upload's weights are kept");
    expect((await chunkRows(runId)).map((r) => r.byteLength)).toEqual([MiB, 4]);
    expect(Buffer.from(await download(owner, runId)).equals(Buffer.from(fast.data))).toBe(true);
  });

  it('refuses specs whose bytes the Content-Length cannot hold before storing anything', async () => {
    const { owner, runId } = await setup();
    const { body } = weightsBody(2 * MiB);
    const res = await put(owner, runId, streamOf(body), { 'content-length': String(body.byteLength - MiB) });
    expect(res.status).toBe(400);
    expect((res.body as { error: string }).error).toMatch(/^Weights are malformed: weight specs describe 2097152 bytes, but the Content-Length leaves 1048576$/);
    expect(await chunkRows(runId)).toEqual([]);
    expect((await owner.call(getWeights, { path: '/x', params: { id: runId } })).status).toBe(404);
  });

  it('streams a download: the response starts before the chunks are read', async () => {
    const { owner, runId } = await setup();
    const { data, body } = weightsBody(4 * MiB);
    expect((await put(owner, runId, body)).status).toBe(204);
    const res = await getWeights(new Request('http://localhost:3201/x', { headers: { cookie: owner.cookie! } }), { params: Promise.resolve({ id: runId }) });
    expect(res.status).toBe(200);
    expect(res.body).toBeInstanceOf(ReadableStream);
    const reader = res.body!.getReader();
    const pieces: number[] = [];
    const all: Uint8Array[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      pieces.push(r.value.byteLength);
      all.push(r.value);
    }
    // The header, then one piece per stored chunk.
    expect(pieces.slice(1)).toEqual([MiB, MiB, MiB, MiB]);
    const decoded = decodeWeights(Buffer.concat(all));
    expect(decoded.ok && Buffer.from(decoded.weightData).equals(Buffer.from(data))).toBe(true);
  });
});
