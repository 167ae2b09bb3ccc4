// Pure (fflate only): the files a user picked -> one model file's JSON plus
// its weight shards. Takes a TF.js model.json with its .bin files (picked
// together or in a zip), a Keras JSON, a `.keras` zip (its config.json; the
// weights inside a .keras file are not read) or a CNN Studio document. Every
// problem names the file and what is wrong with it; nothing is half-read.
import { strFromU8, unzipSync } from 'fflate';
import { importModelJson, type ModelJsonImport, type WeightsManifestGroup } from './keras';
import { MAX_MODEL_JSON_BYTES, problem, type ImportProblem } from './problems';

export interface PickedFile {
  name: string;
  bytes: Uint8Array;
}

export interface ImportedWeights {
  specs: { name: string; shape: number[]; dtype: 'float32' | 'int32' | 'bool'; quantization?: { dtype: 'uint8' | 'uint16' | 'float16'; scale?: number; min?: number } }[];
  data: ArrayBuffer;
}

export type ModelFilesImport =
  | (Extract<ModelJsonImport, { ok: true }> & {
      /** The file the model came from (for messages). */
      modelFile: string;
      /** The weights, when the model is a TF.js model.json and its shards came with it. */
      weights: ImportedWeights | null;
      /** A .keras zip: its weights (model.weights.h5) are not read. */
      kerasWeightsIgnored: boolean;
      /** A TF.js model.json came without its weight files. */
      weightsNotGiven: boolean;
    })
  | { ok: false; problems: ImportProblem[] };

const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;
const stem = (name: string) => baseName(name).replace(/\.(json|zip|keras)$/i, '');
const isZip = (f: PickedFile) => /\.(zip|keras)$/i.test(f.name) || (f.bytes[0] === 0x50 && f.bytes[1] === 0x4b);

const BYTES_PER: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2, complex64: 8 };

function weightBytes(w: WeightsManifestGroup['weights'][number]): number | null {
  const q = w.quantization as { dtype?: string } | undefined;
  const per = BYTES_PER[q?.dtype ?? w.dtype];
  if (per === undefined || w.dtype === 'string') return null;
  return w.shape.reduce((n, d) => n * d, 1) * per;
}

export function readModelFiles(picked: readonly PickedFile[]): ModelFilesImport {
  const problems: ImportProblem[] = [];
  const files: PickedFile[] = [];
  let kerasZip = false;
  for (const f of picked) {
    if (!isZip(f)) {
      files.push(f);
      continue;
    }
    try {
      const entries = unzipSync(f.bytes);
      const names = Object.keys(entries).filter((n) => !n.endsWith('/'));
      if (/\.keras$/i.test(f.name) || (names.includes('config.json') && names.includes('metadata.json'))) {
        kerasZip = true;
        const config = entries['config.json'];
        if (!config) problems.push(problem('noModelFile', { file: f.name }, `${f.name} has no config.json: it is not a .keras model`));
        else files.push({ name: `${stem(f.name)}.keras/config.json`, bytes: config });
        continue;
      }
      for (const n of names) files.push({ name: n, bytes: entries[n]! });
    } catch (e) {
      problems.push(problem('zipUnreadable', { file: f.name, detail: e instanceof Error ? e.message : String(e) }, `${f.name} is not a readable zip (cut short or damaged): ${e instanceof Error ? e.message : String(e)}`));
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  const jsons = files.filter((f) => /\.json$/i.test(f.name));
  const preferred = jsons.filter((f) => ['model.json', 'config.json'].includes(baseName(f.name)));
  const candidates = preferred.length > 0 ? preferred : jsons;
  if (candidates.length === 0) {
    const named = picked.map((f) => f.name).join(', ');
    return { ok: false, problems: [problem('noModelFile', { file: named }, `${named}: no model.json or Keras JSON among the files`)] };
  }
  if (candidates.length > 1) {
    const named = candidates.map((f) => f.name).join(', ');
    return { ok: false, problems: [problem('severalModelFiles', { file: named }, `${named}: pick one model file at a time`)] };
  }
  const model = candidates[0]!;
  if (model.bytes.byteLength > MAX_MODEL_JSON_BYTES) {
    return { ok: false, problems: [problem('tooLarge', { file: model.name, size: model.bytes.byteLength, limit: MAX_MODEL_JSON_BYTES }, `${model.name} is ${model.bytes.byteLength} bytes, over the ${MAX_MODEL_JSON_BYTES} a model file may have`)] };
  }
  const pickedModel = picked.find((p) => p.name === model.name);
  const name = stem(pickedModel ? model.name : (picked.find(isZip)?.name ?? model.name));
  const parsed = importModelJson(strFromU8(model.bytes), model.name, name === 'model' || name === 'config' ? 'Imported model' : name);
  if (!parsed.ok) return parsed;

  const shards = new Map(files.filter((f) => f !== model && !/\.json$/i.test(f.name)).map((f) => [baseName(f.name), f]));
  const base = { ...parsed, modelFile: model.name, kerasWeightsIgnored: kerasZip, weightsNotGiven: false };
  if (!parsed.weightsManifest || parsed.weightsManifest.length === 0) return { ...base, weights: null };
  if (shards.size === 0) return { ...base, weights: null, weightsNotGiven: true };

  const parts: Uint8Array[] = [];
  const specs: ImportedWeights['specs'] = [];
  for (const group of parsed.weightsManifest) {
    let expected = 0;
    for (const w of group.weights) {
      const bytes = weightBytes(w);
      if (bytes === null) {
        problems.push(problem('notAModel', { file: model.name, detail: `weight ${w.name} has dtype ${w.dtype}` }, `${model.name}: weight ${w.name} has dtype ${w.dtype}, which a model of images does not use`));
        continue;
      }
      expected += bytes;
      specs.push(w as ImportedWeights['specs'][number]);
    }
    let actual = 0;
    const groupParts: Uint8Array[] = [];
    for (const path of group.paths) {
      const shard = shards.get(baseName(path));
      if (!shard) {
        problems.push(problem('missingShard', { file: model.name, shard: path }, `${model.name} names the weight file ${path}, which is not among the files given`));
        continue;
      }
      actual += shard.bytes.byteLength;
      groupParts.push(shard.bytes);
    }
    if (groupParts.length === group.paths.length && actual !== expected) {
      const shardNames = group.paths.map(baseName).join(', ');
      problems.push(problem('shardSize', { file: shardNames, expected, actual }, `${shardNames}: ${actual} bytes of weights, but ${model.name} describes ${expected}`));
    }
    parts.push(...groupParts);
  }
  if (problems.length > 0) return { ok: false, problems };
  const total = parts.reduce((n, p) => n + p.byteLength, 0);
  const data = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    data.set(p, offset);
    offset += p.byteLength;
  }
  return { ...base, weights: { specs, data: data.buffer } };
}
