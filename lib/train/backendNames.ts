export const backendNames = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof backendNames)[number];
/** 'auto' tries WebGPU, then WebGL, then CPU. */
export type BackendChoice = 'auto' | BackendName;

export const autoOrder: readonly BackendName[] = ['webgpu', 'webgl', 'cpu'];

export function isBackendName(value: unknown): value is BackendName {
  return typeof value === 'string' && (backendNames as readonly string[]).includes(value);
}
