import { describe, expect, it } from 'vitest';
import type { BackendMeasurement } from '../measurements';
import { MEASUREMENTS_STORAGE_KEY, MeasurementCache, type KeyValueStorage } from './measurementCache';

class MemoryStorage implements KeyValueStorage {
  data = new Map<string, string>();
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.data.set(key, value);
  }
}

const figures: BackendMeasurement[] = [
  { backend: 'wasm', samplesPerSec: 150, steps: 3 },
  { backend: 'webgpu', samplesPerSec: 1, steps: 0, probeOnly: true },
];

describe('MeasurementCache', () => {
  it('keeps figures across a reload (a new cache on the same storage)', () => {
    const storage = new MemoryStorage();
    let now = 1_000;
    new MeasurementCache(storage, () => now).set('model-a', figures);
    now = 5_000;
    const reloaded = new MeasurementCache(storage, () => now);
    expect(reloaded.get('model-a')).toEqual({ measurements: figures, at: 1_000 });
    expect(reloaded.get('model-b')).toBeUndefined();
  });

  it('does not use figures older than a week, and forgets on request', () => {
    const storage = new MemoryStorage();
    let now = 0;
    const cache = new MeasurementCache(storage, () => now);
    cache.set('old', figures);
    cache.set('fresh', figures);
    now = 8 * 24 * 3600 * 1000;
    cache.set('fresh', figures);
    expect(cache.get('old')).toBeUndefined();
    expect(cache.get('fresh')).toBeDefined();
    cache.delete('fresh');
    expect(new MeasurementCache(storage, () => now).get('fresh')).toBeUndefined();
  });

  it('keeps the 20 most recent models', () => {
    const cache = new MeasurementCache(new MemoryStorage());
    for (let i = 0; i < 25; i++) cache.set(`model-${i}`, figures);
    expect(cache.get('model-24')).toBeDefined();
    expect(cache.get('model-5')).toBeDefined();
    expect(cache.get('model-4')).toBeUndefined();
  });

  it('ignores a stored entry that does not parse, and one that fails the schema, instead of throwing', () => {
    for (const junk of ['{not json', JSON.stringify({ entries: [{ key: 'x', at: 1, measurements: [{ backend: 'tpu', samplesPerSec: -1 }] }] })]) {
      const storage = new MemoryStorage();
      storage.setItem(MEASUREMENTS_STORAGE_KEY, junk);
      const cache = new MeasurementCache(storage, () => 2);
      expect(cache.get('x')).toBeUndefined();
      cache.set('y', figures);
      expect(new MeasurementCache(storage, () => 2).get('y')).toEqual({ measurements: figures, at: 2 });
    }
  });

  it('works without storage (disabled, or full) for the page alone', () => {
    const full: KeyValueStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    for (const storage of [null, full]) {
      const cache = new MeasurementCache(storage);
      cache.set('m', figures);
      expect(cache.get('m')?.measurements).toEqual(figures);
    }
  });
});
