import { describe, expect, it } from 'vitest';
import { isSoftwareDevice, planTiming, screenWebGl, screenWebGpu } from './triage';

const gpuWith = (adapter: object | null, delayMs = 0) => ({
  requestAdapter: () => new Promise<never>((resolve) => setTimeout(() => resolve(adapter as never), delayMs)),
});

describe('screening the browser before timing', () => {
  it('names software GPUs (SwiftShader, llvmpipe, the fallback adapter) and lets a hardware GPU be timed', async () => {
    expect(isSoftwareDevice('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe(true);
    expect(isSoftwareDevice('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareDevice('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0)')).toBe(false);

    expect(await screenWebGpu(gpuWith({ info: { vendor: 'google', architecture: 'swiftshader' } }))).toEqual({ backend: 'webgpu', kind: 'software', device: 'google swiftshader' });
    expect(await screenWebGpu(gpuWith({ info: { vendor: 'x' }, isFallbackAdapter: true }))).toMatchObject({ kind: 'software' });
    expect(await screenWebGpu(gpuWith({ info: { vendor: 'nvidia', architecture: 'ampere' } }))).toEqual({ backend: 'webgpu', kind: 'time' });
    expect(await screenWebGpu(gpuWith(null))).toMatchObject({ kind: 'unavailable', why: 'WebGPU found no GPU adapter' });
    expect(await screenWebGpu(undefined)).toMatchObject({ kind: 'unavailable' });
  });

  it('never waits more than its time box for an adapter', async () => {
    const started = Date.now();
    const screening = await screenWebGpu(gpuWith({ info: { vendor: 'nvidia' } }, 5000), 200);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(screening).toEqual({ backend: 'webgpu', kind: 'unavailable', why: 'the WebGPU adapter did not answer within 200 ms' });
  });

  it("reads WebGL's unmasked renderer and drops the context", () => {
    let lost = false;
    const canvas = (renderer: string) => () => ({
      getContext: () => ({
        RENDERER: 1,
        getExtension: (name: string) => (name === 'WEBGL_debug_renderer_info' ? { UNMASKED_RENDERER_WEBGL: 2 } : { loseContext: () => (lost = true) }),
        getParameter: (p: number) => (p === 2 ? renderer : 'WebKit WebGL'),
      }),
    });
    expect(screenWebGl(canvas('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)'))).toMatchObject({ backend: 'webgl', kind: 'software' });
    expect(lost).toBe(true);
    expect(screenWebGl(canvas('ANGLE (Intel, Mesa Intel(R) UHD Graphics 620)'))).toEqual({ backend: 'webgl', kind: 'time' });
    expect(screenWebGl(undefined)).toMatchObject({ kind: 'unavailable', why: 'WebGL needs OffscreenCanvas in a worker' });
  });

  it('times only what can beat WebAssembly: software GPUs are settled, CPU waits as the fallback', () => {
    const plan = planTiming([
      { backend: 'wasm', kind: 'time' },
      { backend: 'webgpu', kind: 'software', device: 'google swiftshader' },
      { backend: 'webgl', kind: 'time' },
      { backend: 'cpu', kind: 'time' },
    ]);
    expect(plan.time).toEqual(['wasm', 'webgl']);
    expect(plan.cpuFallback).toBe(true);
    expect(plan.settled).toEqual([{ backend: 'webgpu', samplesPerSec: 0, steps: 0, skipped: 'softwareGpu', device: 'google swiftshader' }]);
    // Without WebAssembly, CPU is a candidate like any other.
    expect(planTiming([{ backend: 'cpu', kind: 'time' }])).toEqual({ time: ['cpu'], settled: [], cpuFallback: false });
  });
});
