// Before timing anything, a sub-second look at what this browser offers, so
// that the start does not wait for backends that cannot win. Measured on a
// 2-core machine without a GPU (bench/README.md): a software GPU adapter
// (SwiftShader, llvmpipe) trains the bench models 12-120x slower than WASM
// and its shader compilation alone takes ~10 s; tfjs's CPU backend is plain
// JavaScript and 20-35x slower than WASM on every one. So those are
// reported with the reason and not timed; only backends that may beat WASM
// (a hardware GPU) are timed against it. No tfjs here: the worker calls it
// before any backend starts.
import type { BackendName } from '../backendNames';
import type { BackendMeasurement } from '../measurements';

/** What the quick look found for one backend. */
export type Screening =
  | { backend: BackendName; kind: 'time' }
  | { backend: BackendName; kind: 'software'; device: string }
  | { backend: BackendName; kind: 'unavailable'; why: string };

/** No single check may hold the start longer than this. */
const SCREEN_TIMEOUT_MS = 1000;

const softwareRenderer = /swiftshader|llvmpipe|softpipe|lavapipe|software|basic render|microsoft basic/i;

/** Whether an adapter or WebGL renderer name is a GPU emulated on the CPU. */
export function isSoftwareDevice(name: string): boolean {
  return softwareRenderer.test(name);
}

interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}
interface AdapterLike {
  info?: AdapterInfoLike;
  isFallbackAdapter?: boolean;
  requestAdapterInfo?: () => Promise<AdapterInfoLike>;
}
interface GpuLike {
  requestAdapter(): Promise<AdapterLike | null>;
}

function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(onTimeout), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The WebGPU adapter, named; software when it is the fallback adapter or emulated. */
export async function screenWebGpu(gpu: GpuLike | undefined, timeoutMs = SCREEN_TIMEOUT_MS): Promise<Screening> {
  const backend = 'webgpu';
  if (!gpu) return { backend, kind: 'unavailable', why: 'this browser has no WebGPU (navigator.gpu is missing)' };
  const look = async (): Promise<Screening> => {
    const adapter = await gpu.requestAdapter().catch(() => null);
    if (!adapter) return { backend, kind: 'unavailable', why: 'WebGPU found no GPU adapter' };
    const info = adapter.info ?? (await adapter.requestAdapterInfo?.().catch(() => undefined)) ?? {};
    const name = [info.vendor, info.architecture, info.device, info.description].filter((s) => s).join(' ').trim();
    if (adapter.isFallbackAdapter === true || info.isFallbackAdapter === true || isSoftwareDevice(name)) return { backend, kind: 'software', device: name || 'fallback adapter' };
    return { backend, kind: 'time' };
  };
  return withTimeout(look(), timeoutMs, { backend, kind: 'unavailable', why: `the WebGPU adapter did not answer within ${timeoutMs} ms` });
}

interface GlLike {
  getExtension(name: string): unknown;
  getParameter(p: number): unknown;
  RENDERER: number;
}
interface CanvasLike {
  getContext(kind: 'webgl2'): GlLike | null;
}

/** WebGL's renderer, named; software when emulated. `makeCanvas` is absent in a worker without OffscreenCanvas. */
export function screenWebGl(makeCanvas: (() => CanvasLike) | undefined): Screening {
  const backend = 'webgl';
  if (!makeCanvas) return { backend, kind: 'unavailable', why: 'WebGL needs OffscreenCanvas in a worker' };
  let gl: GlLike | null = null;
  try {
    gl = makeCanvas().getContext('webgl2');
  } catch {
    gl = null;
  }
  if (!gl) return { backend, kind: 'unavailable', why: 'this browser could not create a WebGL 2 context' };
  const debug = gl.getExtension('WEBGL_debug_renderer_info') as { UNMASKED_RENDERER_WEBGL: number } | null;
  const renderer = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
  (gl.getExtension('WEBGL_lose_context') as { loseContext(): void } | null)?.loseContext();
  return isSoftwareDevice(renderer) ? { backend, kind: 'software', device: renderer } : { backend, kind: 'time' };
}

/** The browser's own checks, for the training worker. */
export async function screenBrowser(backends: readonly BackendName[]): Promise<Screening[]> {
  const scope = globalThis as { navigator?: { gpu?: GpuLike }; OffscreenCanvas?: new (w: number, h: number) => CanvasLike };
  const Offscreen = scope.OffscreenCanvas;
  return Promise.all(
    backends.map(async (backend): Promise<Screening> => {
      if (backend === 'webgpu') return screenWebGpu(scope.navigator?.gpu);
      if (backend === 'webgl') return screenWebGl(Offscreen ? () => new Offscreen(1, 1) : undefined);
      return { backend, kind: 'time' };
    }),
  );
}

/** What the run records for a backend that was not timed. */
function skippedMeasurement(screening: Exclude<Screening, { kind: 'time' }>): BackendMeasurement {
  if (screening.kind === 'unavailable') return { backend: screening.backend, samplesPerSec: 0, steps: 0, error: screening.why };
  return { backend: screening.backend, samplesPerSec: 0, steps: 0, skipped: 'softwareGpu', device: screening.device.slice(0, 200) };
}

/**
 * Which backends to time, in order, and which are settled without timing.
 * CPU is timed only when WASM is not a candidate (it is kept as WASM's
 * fallback: `cpuFallback`).
 */
export function planTiming(screenings: readonly Screening[]): { time: BackendName[]; settled: BackendMeasurement[]; cpuFallback: boolean } {
  const time: BackendName[] = [];
  const settled: BackendMeasurement[] = [];
  const wasmCandidate = screenings.some((s) => s.backend === 'wasm' && s.kind === 'time');
  let cpuFallback = false;
  for (const s of screenings) {
    if (s.kind !== 'time') settled.push(skippedMeasurement(s));
    else if (s.backend === 'cpu' && wasmCandidate) cpuFallback = true;
    else time.push(s.backend);
  }
  return { time, settled, cpuFallback };
}
