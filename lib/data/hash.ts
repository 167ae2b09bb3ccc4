// The content hash a run records to say which data it trained on. It covers
// the pixels, labels, shape and class count, not the names: renaming classes
// does not make it different data. Works in browsers, workers and Node 20.
import type { ImageSplit } from './types';

export async function contentHash(shape: readonly [number, number, number], classCount: number, train: ImageSplit, test: ImageSplit | null): Promise<string> {
  const header = new TextEncoder().encode(
    JSON.stringify({ shape, classCount, trainCount: train.count, testCount: test?.count ?? 0 }) + '\n',
  );
  const parts: Uint8Array[] = [header, train.images, labelBytes(train.labels)];
  if (test) parts.push(test.images, labelBytes(test.labels));
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    all.set(p, offset);
    offset += p.length;
  }
  const digest = await crypto.subtle.digest('SHA-256', all);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

// Little-endian whatever the machine, so the hash is the same everywhere.
function labelBytes(labels: Uint16Array): Uint8Array {
  const out = new Uint8Array(labels.length * 2);
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i] ?? 0;
    out[2 * i] = v & 0xff;
    out[2 * i + 1] = v >> 8;
  }
  return out;
}
