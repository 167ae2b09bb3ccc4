// numpy's own formats, written here because numpy has no JavaScript writer:
// .npy per numpy's format spec (version 1.0: magic, header length, a Python
// dict literal padded so the data starts on a 64-byte boundary, then the
// little-endian data) and .npz, a zip of .npy files (fflate).
import { zipSync } from 'fflate';

/** Every entry gets this date, so the same weights give the same bytes. */
export const FIXED_MTIME = new Date(Date.UTC(2000, 0, 1));

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** A float32 array of `shape` (C order) as .npy bytes. */
export function npyFloat32(shape: readonly number[], values: Float32Array): Uint8Array {
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== values.length) throw new Error(`npy: shape [${shape.join(', ')}] holds ${size} values, got ${values.length}`);
  const tuple = `(${shape.join(', ')}${shape.length === 1 ? ',' : ''})`;
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': ${tuple}, }`;
  // magic (6) + version (2) + header length (2) + header, ending in '\n', a multiple of 64.
  const unpadded = MAGIC.length + 4 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const bytes = new Uint8Array(MAGIC.length + 4 + header.length + values.length * 4);
  bytes.set(MAGIC, 0);
  bytes[6] = 1; // major version
  bytes[7] = 0;
  const view = new DataView(bytes.buffer);
  view.setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) bytes[10 + i] = header.charCodeAt(i);
  const start = 10 + header.length;
  for (let i = 0; i < values.length; i++) view.setFloat32(start + i * 4, values[i]!, true);
  return bytes;
}

/** Arrays by key as an .npz (np.load(path)[key]); keys must be safe file names. */
export function npz(arrays: ReadonlyMap<string, { shape: readonly number[]; values: Float32Array }>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [key, array] of arrays) files[`${key}.npy`] = npyFloat32(array.shape, array.values);
  // Stored, not deflated: float weights hardly compress, and deflating them costs more time than it saves bytes.
  return zipSync(files, { level: 0, mtime: FIXED_MTIME });
}
