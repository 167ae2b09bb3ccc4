import { describe, expect, it } from 'vitest';
import { wasmThreadCount } from './wasm-setup';

describe('wasmThreadCount', () => {
  it('uses every core of a cross-origin isolated page, up to the 8 threads tfjs pre-creates', () => {
    expect(wasmThreadCount({ crossOriginIsolated: true, navigator: { hardwareConcurrency: 2 } })).toBe(2);
    expect(wasmThreadCount({ crossOriginIsolated: true, navigator: { hardwareConcurrency: 16 } })).toBe(8);
  });

  it('falls back to one thread without isolation (no SharedArrayBuffer) or without a core count', () => {
    expect(wasmThreadCount({ crossOriginIsolated: false, navigator: { hardwareConcurrency: 8 } })).toBe(1);
    expect(wasmThreadCount({ navigator: { hardwareConcurrency: 8 } })).toBe(1);
    expect(wasmThreadCount({ crossOriginIsolated: true, navigator: {} })).toBe(1);
  });
});
