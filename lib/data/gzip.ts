// Gzip handling through the platform's DecompressionStream (browsers, workers
// and Node 20 all have it), so no inflate code ships for the built-ins.
import { failure } from './errors';
import type { ParseResult } from './types';

export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Decompresses when the bytes are gzip, passes them through otherwise (raw IDX, or a server that already decoded them). */
export async function maybeGunzip(bytes: Uint8Array, file: string): Promise<ParseResult<Uint8Array>> {
  if (!isGzip(bytes)) return { ok: true, value: bytes };
  try {
    const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
    const out = new Uint8Array(await new Response(stream).arrayBuffer());
    return { ok: true, value: out };
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return failure(file, 'gzipDamaged', { reason });
  }
}
