// Wire format of a run's trained weights, shared by the client and the server:
// [uint32 little-endian byte length of the JSON][JSON array of WeightSpec][raw weight bytes]
import { WeightSpecs, type WeightSpec } from './types';

const BYTES_PER_ELEMENT: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8 };

export function encodeWeights(weightSpecs: WeightSpec[], weightData: ArrayBuffer): Uint8Array<ArrayBuffer> {
  return encodeWeightsJson(JSON.stringify(weightSpecs), new Uint8Array(weightData));
}

/** Same format, from specs already stored as JSON text (the server never re-parses them to send them). */
export function encodeWeightsJson(specsJson: string, weightData: Uint8Array): Uint8Array<ArrayBuffer> {
  const json = new TextEncoder().encode(specsJson);
  const out = new Uint8Array(new ArrayBuffer(4 + json.byteLength + weightData.byteLength));
  new DataView(out.buffer).setUint32(0, json.byteLength, true);
  out.set(json, 4);
  out.set(weightData, 4 + json.byteLength);
  return out;
}

export type DecodedWeights =
  | { ok: true; weightSpecs: WeightSpec[]; weightData: ArrayBuffer }
  | { ok: false; message: string };

/** Bytes the specs describe, or null when they cannot be known (quantized or string weights). */
export function expectedWeightBytes(specs: WeightSpec[]): number | null {
  let total = 0;
  for (const spec of specs) {
    const per = BYTES_PER_ELEMENT[spec.dtype];
    if (spec.quantization || per === undefined) return null;
    total += spec.shape.reduce((a, b) => a * b, 1) * per;
  }
  return total;
}

export type DecodedWeightsView =
  | { ok: true; weightSpecs: WeightSpec[]; weightBytes: Uint8Array<ArrayBuffer> }
  | { ok: false; message: string };

/** The JSON part of the format (the bytes after the length): strict WeightSpec[], or what is wrong with it. */
export function decodeWeightSpecs(json: Uint8Array): { ok: true; data: WeightSpec[] } | { ok: false; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
  } catch {
    return { ok: false, message: 'weight specs are not valid UTF-8 JSON' };
  }
  const specs = WeightSpecs.safeParse(value);
  if (!specs.success) {
    const first = specs.error.issues[0];
    // Cut short: a message may quote a key, and keys are whatever the sender chose.
    return { ok: false, message: `weight specs: ${first ? `${first.path.join('.').slice(0, 100) || '(list)'}: ${first.message.slice(0, 200)}` : 'invalid'}` };
  }
  return { ok: true, data: specs.data };
}

/** Decodes without copying: `weightBytes` is a view into `bytes` (the server stores it as is). */
export function decodeWeightsView(bytes: Uint8Array<ArrayBuffer>): DecodedWeightsView {
  if (bytes.byteLength < 4) return { ok: false, message: `expected at least 4 bytes, got ${bytes.byteLength}` };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const jsonLength = view.getUint32(0, true);
  if (4 + jsonLength > bytes.byteLength) {
    return { ok: false, message: `header says ${jsonLength} bytes of weight specs, but only ${bytes.byteLength - 4} bytes follow` };
  }
  const specs = decodeWeightSpecs(bytes.subarray(4, 4 + jsonLength));
  if (!specs.ok) return specs;
  const data = bytes.subarray(4 + jsonLength);
  const expected = expectedWeightBytes(specs.data);
  if (expected !== null && expected !== data.byteLength) {
    return { ok: false, message: `weight specs describe ${expected} bytes, got ${data.byteLength}` };
  }
  return { ok: true, weightSpecs: specs.data, weightBytes: data };
}

/** Decodes into a standalone ArrayBuffer of the weights (what tfjs takes). */
export function decodeWeights(bytes: Uint8Array): DecodedWeights {
  const decoded = decodeWeightsView(new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength));
  if (!decoded.ok) return decoded;
  return { ok: true, weightSpecs: decoded.weightSpecs, weightData: decoded.weightBytes.slice().buffer };
}
