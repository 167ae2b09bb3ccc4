// Reading a large binary body (run weights, up to 64 MiB) with as little
// memory as it can take: the caller checks the owner and the target before
// calling this, and the bytes land in one buffer allocated once.
import { errorResponse, readBodyBytes, type Outcome } from './http';

function formatMiB(n: number): string {
  return `${Math.round((n / (1024 * 1024)) * 10) / 10} MiB`;
}

/**
 * The Content-Length a body declares: null when absent (a chunked upload), or
 * a response refusing it when it is not a byte count or over `limit` (413).
 */
export function declaredLength(req: Request, limit: number): Outcome<number | null> {
  const header = req.headers.get('content-length');
  if (header === null) return { ok: true, value: null };
  if (!/^\d{1,16}$/.test(header.trim())) return { ok: false, response: errorResponse(400, 'Content-Length is not a byte count') };
  const length = Number(header.trim());
  if (length > limit) return { ok: false, response: errorResponse(413, `Request body is larger than the limit of ${formatMiB(limit)}`) };
  return { ok: true, value: length };
}

/**
 * Reads the body into one buffer. With a Content-Length (as browsers send for
 * a byte array) the buffer is allocated once at that size and each chunk is
 * copied straight into it; a body longer or shorter than declared is refused.
 * Without one (chunked), bytes are counted against `limit` as they arrive.
 */
export async function readBodyInto(req: Request, limit: number): Promise<Outcome<Uint8Array<ArrayBuffer>>> {
  const declared = declaredLength(req, limit);
  if (!declared.ok) return declared;
  if (declared.value === null) return readBodyBytes(req, limit);
  const out = new Uint8Array(new ArrayBuffer(declared.value));
  if (!req.body) return declared.value === 0 ? { ok: true, value: out } : { ok: false, response: errorResponse(400, 'Request body is empty') };
  const reader = req.body.getReader();
  let offset = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (offset + value.byteLength > out.byteLength) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, response: errorResponse(400, `Request body is longer than its Content-Length of ${declared.value} bytes`) };
    }
    out.set(value, offset);
    offset += value.byteLength;
  }
  if (offset !== out.byteLength) {
    return { ok: false, response: errorResponse(400, `Request body ended after ${offset} of the ${declared.value} bytes its Content-Length declares`) };
  }
  return { ok: true, value: out };
}
