// IDX (the MNIST file format): big-endian magic 0x0000TTDD (TT = element type,
// DD = number of dimensions), DD big-endian uint32 sizes, then the data.
// Only unsigned bytes (type 0x08) are images or labels we can use.
import { failure, formatShape } from './errors';
import type { ParseResult } from './types';

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

export function parseIdx(bytes: Uint8Array, file: string): ParseResult<IdxArray> {
  if (bytes.length < 4) return failure(file, 'idxTooShort', { length: bytes.length });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    const magic = [...bytes.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    return failure(file, 'idxBadMagic', { magic });
  }
  const type = bytes[2] ?? 0;
  const rank = bytes[3] ?? 0;
  if (type !== 0x08) {
    const name = typeNames[type] ?? `unknown type 0x${type.toString(16)}`;
    return failure(file, 'idxUnsupportedType', { type: name });
  }
  if (rank < 1 || rank > 4) return failure(file, 'idxBadRank', { rank });
  const headerLength = 4 + 4 * rank;
  if (bytes.length < headerLength) return failure(file, 'idxHeaderCut', { length: bytes.length, headerLength });
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(view.getUint32(4 + 4 * i, false));
  const expected = dims.reduce((a, b) => a * b, 1);
  const actual = bytes.length - headerLength;
  if (actual !== expected) {
    return failure(file, 'idxSizeMismatch', { dims: formatShape(dims), expected, actual });
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
    return failure(file, 'idxNotImages', { dims: formatShape(dims) });
  }
  const [count = 0, h = 0, w = 0, c = 1] = dims;
  if (count === 0) return failure(file, 'idxNoImages');
  if (h === 0 || w === 0 || c === 0) return failure(file, 'idxBadImageSize', { size: formatShape([h, w, c]) });
  return { ok: true, value: { shape: [h, w, c], count, images: data } };
}

/** A labels file: [count]. */
export function parseIdxLabels(bytes: Uint8Array, file: string): ParseResult<Uint8Array> {
  const parsed = parseIdx(bytes, file);
  if (!parsed.ok) return parsed;
  const { dims, data } = parsed.value;
  if (dims.length !== 1) return failure(file, 'idxNotLabels', { dims: formatShape(dims) });
  if (data.length === 0) return failure(file, 'idxNoLabels');
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
