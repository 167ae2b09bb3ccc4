// The Train tab loads lib/train/page/* with the editor; tfjs (megabytes, and
// its backends' setup) belongs in the worker. Every tfjs package throws here
// when loaded, so a page module that pulls one in at load, directly or
// through anything it imports, fails this test. Type-only imports are fine:
// they vanish at compile time. loadRunModel is the exception by design: it
// builds a model in the page and is only ever reached through import().
import { beforeEach, describe, expect, it, vi } from 'vitest';

// vi.mock calls are hoisted above the imports, so what they use is too.
const { loaded, refuse } = vi.hoisted(() => {
  const loaded: string[] = [];
  const refuse = (name: string) => () => {
    loaded.push(name);
    throw new Error(`${name} was loaded by a page-side module`);
  };
  return { loaded, refuse };
});
vi.mock('@tensorflow/tfjs', refuse('@tensorflow/tfjs'));
vi.mock('@tensorflow/tfjs-core', refuse('@tensorflow/tfjs-core'));
vi.mock('@tensorflow/tfjs-layers', refuse('@tensorflow/tfjs-layers'));
vi.mock('@tensorflow/tfjs-backend-cpu', refuse('@tensorflow/tfjs-backend-cpu'));
vi.mock('@tensorflow/tfjs-backend-wasm', refuse('@tensorflow/tfjs-backend-wasm'));
vi.mock('@tensorflow/tfjs-backend-webgl', refuse('@tensorflow/tfjs-backend-webgl'));
vi.mock('@tensorflow/tfjs-backend-webgpu', refuse('@tensorflow/tfjs-backend-webgpu'));
vi.mock('@tensorflow/tfjs-converter', refuse('@tensorflow/tfjs-converter'));
vi.mock('@tensorflow/tfjs-data', refuse('@tensorflow/tfjs-data'));

// The page side, and the modules in lib/train both sides share (protocol, checks, measurements, ...).
const pageModules = import.meta.glob(['./*.ts', '!./*.test.ts', '!./loadRunModel.ts', '../*.ts', '!../*.test.ts', '!../testing.ts']);

describe('the page side of training', () => {
  beforeEach(() => {
    loaded.length = 0;
  });

  it('finds the page modules', () => {
    expect(Object.keys(pageModules)).toEqual(expect.arrayContaining(['./session.ts', './client.ts', './recorder.ts', './hyperparameters.ts', '../protocol.ts', '../checks.ts']));
  });

  it.each(Object.keys(pageModules))('%s loads without tfjs', async (path) => {
    await expect(pageModules[path]!()).resolves.toBeDefined();
    expect(loaded).toEqual([]);
  });

  it('would notice a module that loads tfjs', async () => {
    await expect(import('./loadRunModel')).rejects.toThrow();
    expect(loaded).toContain('@tensorflow/tfjs');
  });
});
