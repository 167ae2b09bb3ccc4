/// <reference lib="webworker" />
// Reads, parses, hashes and stores an import off the page's thread, so an
// 80 MB CSV neither freezes the page nor crosses back to it: the page only
// gets progress and the stored dataset's summary.
import { dataError } from './errors';
import { contentHash } from './hash';
import type { DecodedImage } from './image';
import { parseImport, type InputFile } from './importer';
import type { ImportEvent, ImportRequest } from './importProtocol';
import { listStored, putStored } from './store';
import type { DatasetSummary, ImportResult } from './types';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (event: ImportEvent) => scope.postMessage(event);

async function decodeImage(bytes: Uint8Array): Promise<DecodedImage> {
  const bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>]), {
    colorSpaceConversion: 'none',
    premultiplyAlpha: 'none',
  });
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('no 2D canvas in this worker');
    context.drawImage(bitmap, 0, 0);
    const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    return { width: bitmap.width, height: bitmap.height, rgba: data };
  } finally {
    bitmap.close();
  }
}

function newId(hash: string): string {
  const random = typeof crypto.randomUUID === 'function' ? crypto.randomUUID().slice(0, 8) : Math.random().toString(36).slice(2, 10);
  return `imported-${hash.slice(0, 8)}-${random}`;
}

async function run({ files, options }: ImportRequest): Promise<ImportResult> {
  // Reading is quick next to parsing: 5% of the bar, parsing 85%, hashing and storing the rest.
  const inputs: InputFile[] = [];
  for (const [i, { file, role }] of files.entries()) {
    inputs.push({ name: file.name, role, bytes: new Uint8Array(await file.arrayBuffer()) });
    post({ type: 'progress', fraction: (0.05 * (i + 1)) / files.length });
  }
  const parsed = await parseImport(inputs, options, decodeImage, (f) => post({ type: 'progress', fraction: 0.05 + 0.85 * f }));
  if (!parsed.ok) return parsed;
  const { name, shape, classNames, train, test } = parsed.value;
  const hash = await contentHash(shape, classNames.length, train, test);
  post({ type: 'progress', fraction: 0.95 });
  // The same pixels and labels imported again under the same name: keep the one already there.
  const existing = (await listStored()).find((s) => s.hash === hash && s.name === name);
  if (existing) return { ok: true, summary: existing };
  const summary: DatasetSummary = { id: newId(hash), name, source: 'imported', shape, classNames, hash, trainCount: train.count, testCount: test?.count ?? 0 };
  try {
    await putStored(summary, train, test);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return { ok: false, errors: [dataError(name, 'storageFailed', { reason })] };
  }
  return { ok: true, summary };
}

scope.onmessage = (message: MessageEvent<ImportRequest>) => {
  run(message.data).then(
    (result) => post({ type: 'done', result }),
    (e: unknown) => {
      const reason = e instanceof Error ? e.message : String(e);
      const names = message.data.files.map((f) => f.file.name).join(', ');
      post({ type: 'done', result: { ok: false, errors: [dataError(names, 'importFailed', { reason })] } });
    },
  );
};
