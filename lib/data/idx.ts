// IDX (the MNIST file format): big-endian magic 0x0000TTDD (TT = element type,
// DD = number of dimensions), DD big-endian uint32 sizes, then the data.
// Only unsigned bytes (type 0x08) are images or labels we can use.
import type { DataError, ParseResult } from './types';

export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

const typeNames: Record<number, string> = {
  0x08: 'unsigned byte',
  0x09: 'signed byte',
  0x0b: 'short',
  0x0c: 'int',
  0x0d: 'float',
  0x0e: 'double',
};

function fail(file: string, message: string): { ok: false; errors: DataError[] } {
  return { ok: false, errors: [{ file, message }] };
}

export function parseIdx(bytes: Uint8Array, file: string): ParseResult<IdxArray> {
  if (bytes.length < 4) return fail(file, `is ${bytes.length} bytes long, too short for an IDX header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    const magic = [...bytes.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    return fail(file, `is not an IDX file: it starts with ${magic} instead of 00 00 08 0n`);
  }
  const type = bytes[2] ?? 0;
  const rank = bytes[3] ?? 0;
  if (type !== 0x08) {
    const name = typeNames[type] ?? `unknown type 0x${type.toString(16)}`;
    return fail(file, `holds ${name} values; only unsigned-byte (0x08) IDX files can be images or labels`);
  }
  if (rank < 1 || rank > 4) return fail(file, `has ${rank} dimensions; expected 1 (labels) or 3 to 4 (images)`);
  const headerLength = 4 + 4 * rank;
  if (bytes.length < headerLength) return fail(file, `ends inside its header (${bytes.length} of ${headerLength} bytes)`);
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(view.getUint32(4 + 4 * i, false));
  const expected = dims.reduce((a, b) => a * b, 1);
  const actual = bytes.length - headerLength;
  if (actual !== expected) {
    return fail(file, `header says ${dims.join('×')} = ${expected} values but the file holds ${actual}`);
  }
  return { ok: true, value: { dims, data: bytes.subarray(headerLength) } };
}

export interface IdxImages {
  shape: [number, number, number];
  count: number;
  images: Uint8Array;
}

/** An images file: [count, rows, cols] or [count, rows, cols, channels]. */
export function parseIdxImages(bytes: Uint8Array, file: string): ParseResult<IdxImages> {
  const parsed = parseIdx(bytes, file);
  if (!parsed.ok) return parsed;
  const { dims, data } = parsed.value;
  if (dims.length !== 3 && dims.length !== 4) {
    return fail(file, `has ${dims.length} dimension${dims.length === 1 ? '' : 's'} (${dims.join('×')}); an images file has 3 (count×rows×cols) or 4`);
  }
  const [count = 0, h = 0, w = 0, c = 1] = dims;
  if (count === 0) return fail(file, 'holds no images');
  if (h === 0 || w === 0 || c === 0) return fail(file, `has images of size ${h}×${w}×${c}`);
  return { ok: true, value: { shape: [h, w, c], count, images: data } };
}

/** A labels file: [count]. */
export function parseIdxLabels(bytes: Uint8Array, file: string): ParseResult<Uint8Array> {
  const parsed = parseIdx(bytes, file);
  if (!parsed.ok) return parsed;
  const { dims, data } = parsed.value;
  if (dims.length !== 1) return fail(file, `has ${dims.length} dimensions (${dims.join('×')}); a labels file has 1`);
  if (data.length === 0) return fail(file, 'holds no labels');
  return { ok: true, value: data };
}

/** Builds an IDX file, for the MNIST setup step and for tests. */
export function encodeIdx(dims: number[], data: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(out.buffer);
  out[2] = 0x08;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(data, 4 + 4 * dims.length);
  return out;
}
