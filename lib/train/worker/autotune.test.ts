import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { compileGraph } from '../../compile';
import { autotune, type BackendMeasurement } from './autotune';
import { startBackend } from './backend';
import type { BackendName } from '../backendNames';
import { registerProjectKernels } from '../kernels';
import { tinyCnn } from '../testing';

const build = () => {
  const compiled = compileGraph(tinyCnn(4, [8, 8, 1]), { seed: 3 });
  if (!compiled.ok) throw new Error('tiny model does not compile');
  return compiled.model;
};

/** In node the WASM binaries load from node_modules, not from /tfjs-wasm/. */
async function activate(backend: BackendName): Promise<string | null> {
  if (backend !== 'wasm') return startBackend(backend);
  await tf.setBackend('wasm');
  registerProjectKernels('wasm');
  return null;
}

describe('autotune', () => {
  it('measures every backend, reports the ones that cannot start, and picks the fastest', async () => {
    const seen: BackendMeasurement[] = [];
    const result = await autotune(build, { xsShape: [16, 8, 8, 1], classes: 4 }, { backends: ['webgpu', 'webgl', 'wasm', 'cpu'], activate, onMeasurement: (m) => seen.push(m), probe: false });
    expect(result.measurements.map((m) => m.backend)).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(seen).toEqual(result.measurements);
    const [webgpu, webgl, wasm, cpu] = result.measurements;
    expect(webgpu!.error).toMatch(/WebGPU/);
    expect(webgl!.error).toMatch(/WebGL/);
    expect(webgpu!.samplesPerSec).toBe(0);
    for (const m of [wasm!, cpu!]) {
      expect(m.error).toBeUndefined();
      expect(m.samplesPerSec).toBeGreaterThan(0);
      expect(m.steps).toBe(3);
      expect(m.leakedTensors).toBeUndefined();
    }
    expect(result.best).toBe(wasm!.samplesPerSec > cpu!.samplesPerSec ? 'wasm' : 'cpu');
    expect(tf.getBackend()).toBe(result.best);
  });

  it('stops at the time box: a backend slower than the box is judged on its warm-up step', async () => {
    const result = await autotune(build, { xsShape: [8, 8, 8, 1], classes: 4 }, { backends: ['cpu'], activate, timeBudgetMs: 0, probe: false });
    expect(result.measurements[0]!.steps).toBe(0);
    expect(result.measurements[0]!.samplesPerSec).toBeGreaterThan(0);
  });

  it('probes with a few images first and does not time a backend far slower than the best probe so far', async () => {
    // Two "backends" on tfjs's CPU; on the second every step waits 600 ms more (far beyond any
    // load on a shared machine: the light step must only stay under 300 ms for the margin of 2).
    let slowSteps = false;
    const activateBoth = async (backend: BackendName) => {
      slowSteps = backend === 'webgl';
      await tf.setBackend('cpu');
      return null;
    };
    const buildEither = () => {
      const model = build();
      if (!slowSteps) return model;
      const step = model.trainOnBatch.bind(model);
      model.trainOnBatch = async (xs, ys) => {
        await new Promise((resolve) => setTimeout(resolve, 600));
        return step(xs, ys);
      };
      return model;
    };
    const before = tf.memory().numTensors;
    const result = await autotune(buildEither, { xsShape: [16, 8, 8, 1], classes: 4 }, { backends: ['cpu', 'webgl'], activate: activateBoth, probe: { batch: 2, margin: 2 } });
    const [light, slow] = result.measurements;
    expect(light).toMatchObject({ backend: 'cpu', steps: 3 });
    expect(light!.probeOnly).toBeUndefined();
    expect(slow).toMatchObject({ backend: 'webgl', steps: 0, probeOnly: true });
    expect(slow!.samplesPerSec).toBeGreaterThan(0);
    expect(result.best).toBe('cpu');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reports a model that cannot train on a backend as an error, without throwing', async () => {
    const broken = () => {
      throw new Error('no model today');
    };
    const result = await autotune(broken, { xsShape: [4, 8, 8, 1], classes: 4 }, { backends: ['cpu'], activate });
    expect(result.measurements[0]).toMatchObject({ backend: 'cpu', samplesPerSec: 0, error: 'no model today' });
    expect(result.best).toBe('cpu');
  });

  it('with a screen, settles software GPUs and CPU without timing and starts the lone candidate at once', async () => {
    let built = 0;
    const counting = () => {
      built++;
      return build();
    };
    const started = Date.now();
    const result = await autotune(counting, { xsShape: [16, 8, 8, 1], classes: 4 }, {
      backends: ['wasm', 'webgpu', 'webgl', 'cpu'],
      activate,
      screen: async (backends) =>
        backends.map((backend) =>
          backend === 'webgpu' || backend === 'webgl' ? { backend, kind: 'software' as const, device: 'SwiftShader' } : { backend, kind: 'time' as const },
        ),
    });
    expect(built).toBe(0);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(result.measurements).toEqual([
      { backend: 'wasm', samplesPerSec: 0, steps: 0, untimed: true },
      { backend: 'webgpu', samplesPerSec: 0, steps: 0, skipped: 'softwareGpu', device: 'SwiftShader' },
      { backend: 'webgl', samplesPerSec: 0, steps: 0, skipped: 'softwareGpu', device: 'SwiftShader' },
      { backend: 'cpu', samplesPerSec: 0, steps: 0, skipped: 'slowerThanWasm' },
    ]);
    expect(result.best).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
  });

  it('with a screen, times a hardware GPU against WebAssembly, and falls back on CPU when WebAssembly cannot start', async () => {
    const screen = async (backends: readonly BackendName[]) => backends.map((backend) => ({ backend, kind: 'time' as const }));
    const timed = await autotune(build, { xsShape: [16, 8, 8, 1], classes: 4 }, { backends: ['wasm', 'cpu'], activate: async (b) => (b === 'cpu' ? activate('cpu') : 'no WebAssembly here'), screen, probe: false });
    expect(timed.measurements[0]).toMatchObject({ backend: 'wasm', error: 'no WebAssembly here' });
    expect(timed.measurements[1]).toMatchObject({ backend: 'cpu', untimed: true });
    expect(timed.best).toBe('cpu');

    // Two candidates (here WASM and a stand-in for a hardware GPU) are both timed.
    const both = await autotune(build, { xsShape: [16, 8, 8, 1], classes: 4 }, { backends: ['wasm', 'webgpu', 'cpu'], activate: async (b) => activate(b === 'webgpu' ? 'cpu' : b), screen, probe: false });
    expect(both.measurements.map((m) => [m.backend, m.steps > 0, m.skipped ?? null])).toEqual([
      ['wasm', true, null],
      ['webgpu', true, null],
      ['cpu', false, 'slowerThanWasm'],
    ]);
  });
});
