// Reading a large binary body (run weights, up to 64 MiB) with as little
// memory as it can take: the caller checks the owner and the target before
// calling this; the header is parsed and checked from the first bytes, and the
// weight bytes then come out 1 MiB at a time, for the caller to store as they
// arrive. Nothing here holds more than one chunk.
import { errorResponse, formatBytes, tooLarge, type Outcome } from './http';
import { WEIGHT_CHUNK_BYTES, type WeightSpec } from './types';
import { decodeWeightSpecs, expectedWeightBytes } from './weights';

/** The specs JSON is parsed whole, so it has its own, much smaller, limit. */
export const MAX_WEIGHT_SPECS_BYTES = 1024 * 1024;

/**
 * The Content-Length a body declares: null when absent (a chunked upload), or
 * a response refusing it when it is not a byte count or over `limit` (413).
 */
export function declaredLength(req: Request, limit: number): Outcome<number | null> {
  const header = req.headers.get('content-length');
  if (header === null) return { ok: true, value: null };
  if (!/^\d{1,16}$/.test(header.trim())) return { ok: false, response: errorResponse(400, 'Content-Length is not a byte count') };
  const length = Number(header.trim());
  if (length > limit) return { ok: false, response: tooLarge(limit) };
  return { ok: true, value: length };
}

/**
 * Thrown out of an upload's `chunks` when the body turns out to be wrong (or
 * is cut off) after storing began; carries the answer for the client. Whoever
 * stores the chunks drops what it stored and lets this through.
 */
export class UploadRefused extends Error {
  constructor(readonly response: Response) {
    super('upload refused');
  }
}

const refused = (status: number, message: string) => new UploadRefused(errorResponse(status, message));
const malformed = (message: string) => refused(400, `Weights are malformed: ${message}`);

/** The request body as bytes on demand, counted against its Content-Length and the limit as they arrive. */
class BodyBytes {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array> | null;
  private pending: Uint8Array = new Uint8Array(0);
  private received = 0;

  constructor(
    req: Request,
    private readonly declared: number | null,
    private readonly limit: number,
  ) {
    this.reader = req.body?.getReader() ?? null;
  }

  /** Fills `out` from the body; returns how many bytes it got (fewer only where the body ended). */
  async fill(out: Uint8Array): Promise<number> {
    let filled = 0;
    while (filled < out.byteLength) {
      if (this.pending.byteLength === 0) {
        const next = await this.next();
        if (next === null) break;
        this.pending = next;
      }
      const n = Math.min(out.byteLength - filled, this.pending.byteLength);
      out.set(this.pending.subarray(0, n), filled);
      filled += n;
      this.pending = this.pending.subarray(n);
    }
    return filled;
  }

  /** Reads (and drops) the rest of the body; returns how many bytes there were. */
  async skipRest(): Promise<number> {
    let rest = this.pending.byteLength;
    this.pending = new Uint8Array(0);
    for (let next = await this.next(); next !== null; next = await this.next()) rest += next.byteLength;
    return rest;
  }

  async cancel(): Promise<void> {
    await this.reader?.cancel().catch(() => undefined);
  }

  private async next(): Promise<Uint8Array | null> {
    if (!this.reader) return this.ended();
    let part: ReadableStreamReadResult<Uint8Array>;
    try {
      part = await this.reader.read();
    } catch {
      throw refused(400, `The upload was cut off after ${this.received} bytes`);
    }
    if (part.done) return this.ended();
    this.received += part.value.byteLength;
    if (this.declared !== null && this.received > this.declared) {
      await this.cancel();
      throw refused(400, `Request body is longer than its Content-Length of ${this.declared} bytes`);
    }
    if (this.received > this.limit) {
      await this.cancel();
      throw new UploadRefused(tooLarge(this.limit));
    }
    return part.value;
  }

  private ended(): null {
    if (this.declared !== null && this.received < this.declared) {
      throw refused(400, `Request body ended after ${this.received} of the ${this.declared} bytes its Content-Length declares`);
    }
    return null;
  }
}

export interface WeightsUpload {
  specs: WeightSpec[];
  /**
   * The weight bytes in pieces of WEIGHT_CHUNK_BYTES (the last may be
   * shorter), read from the body as they are asked for. Throws UploadRefused
   * when the body holds fewer or more bytes than the specs describe, does not
   * match its Content-Length, passes the limit or is cut off.
   */
  chunks: AsyncIterable<Uint8Array<ArrayBuffer>>;
}

/**
 * Starts reading a weights upload ([uint32 LE JSON length][JSON WeightSpec[]][bytes]):
 * reads and checks the header (strict specs; a Content-Length too short for
 * the bytes they describe) from the first bytes, and hands back the weight
 * bytes as chunks to store as they come.
 */
export async function readWeightsUpload(req: Request, declared: number | null, limit: number): Promise<Outcome<WeightsUpload>> {
  const body = new BodyBytes(req, declared, limit);
  const fail = async (e: unknown): Promise<Outcome<WeightsUpload>> => {
    await body.cancel();
    if (e instanceof UploadRefused) return { ok: false, response: e.response };
    throw e;
  };
  try {
    const head = new Uint8Array(4);
    const got = await body.fill(head);
    if (got < 4) throw malformed(`expected at least 4 bytes, got ${got}`);
    const jsonLength = new DataView(head.buffer).getUint32(0, true);
    if (declared !== null && 4 + jsonLength > declared) {
      throw malformed(`header says ${jsonLength} bytes of weight specs, but only ${declared - 4} bytes follow`);
    }
    if (jsonLength > MAX_WEIGHT_SPECS_BYTES) throw malformed(`header says ${jsonLength} bytes of weight specs, more than the limit of ${formatBytes(MAX_WEIGHT_SPECS_BYTES)}`);
    const json = new Uint8Array(jsonLength);
    const jsonGot = await body.fill(json);
    if (jsonGot < jsonLength) throw malformed(`header says ${jsonLength} bytes of weight specs, but only ${jsonGot} bytes follow`);
    const specs = decodeWeightSpecs(json);
    if (!specs.ok) throw malformed(specs.message);
    const expected = expectedWeightBytes(specs.data);
    if (declared !== null && expected !== null && declared - 4 - jsonLength < expected) {
      throw malformed(`weight specs describe ${expected} bytes, but the Content-Length leaves ${declared - 4 - jsonLength}`);
    }
    return { ok: true, value: { specs: specs.data, chunks: weightChunks(body, expected) } };
  } catch (e) {
    return fail(e);
  }
}

async function* weightChunks(body: BodyBytes, expected: number | null): AsyncGenerator<Uint8Array<ArrayBuffer>> {
  let read = 0;
  try {
    for (;;) {
      const size = expected === null ? WEIGHT_CHUNK_BYTES : Math.min(WEIGHT_CHUNK_BYTES, expected - read);
      if (size === 0) break;
      const chunk = new Uint8Array(new ArrayBuffer(size));
      const got = await body.fill(chunk);
      read += got;
      if (got > 0) yield got === size ? chunk : chunk.slice(0, got);
      if (got < size) break;
    }
    const extra = await body.skipRest();
    if (expected !== null && read + extra !== expected) throw malformed(`weight specs describe ${expected} bytes, got ${read + extra}`);
  } finally {
    // The consumer stopped early (a failed write) or the body was refused: stop reading it.
    await body.cancel();
  }
}
