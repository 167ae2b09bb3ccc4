import { describe, expect, it } from 'vitest';
import { fastestMeasurement } from './measurements';

describe('fastestMeasurement', () => {
  it('takes the fastest full-batch figure over a probe-only one, and ignores backends that failed', () => {
    const best = fastestMeasurement([
      { backend: 'webgpu', samplesPerSec: 900, steps: 0, error: 'no adapter' },
      { backend: 'cpu', samplesPerSec: 500, steps: 0, probeOnly: true },
      { backend: 'webgl', samplesPerSec: 40, steps: 3 },
      { backend: 'wasm', samplesPerSec: 150, steps: 3 },
    ]);
    expect(best?.backend).toBe('wasm');
  });

  it('falls back on a probe-only figure when nothing was timed at the full batch, and has none when nothing trained', () => {
    expect(fastestMeasurement([{ backend: 'cpu', samplesPerSec: 3, steps: 0, probeOnly: true }])?.backend).toBe('cpu');
    expect(fastestMeasurement([{ backend: 'webgpu', samplesPerSec: 0, steps: 0, error: 'no adapter' }])).toBeNull();
    expect(fastestMeasurement([])).toBeNull();
  });

  it('picks a backend started untimed (the only candidate) when nothing was timed, never a skipped one', () => {
    const best = fastestMeasurement([
      { backend: 'webgpu', samplesPerSec: 0, steps: 0, skipped: 'softwareGpu', device: 'SwiftShader' },
      { backend: 'wasm', samplesPerSec: 0, steps: 0, untimed: true },
      { backend: 'cpu', samplesPerSec: 0, steps: 0, skipped: 'slowerThanWasm' },
    ]);
    expect(best?.backend).toBe('wasm');
  });
});
