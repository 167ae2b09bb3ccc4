export const backendNames = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof backendNames)[number];
/**
 * 'auto' measures a few training steps of the model on every backend and
 * takes the fastest (lib/train/autotune.ts); a named backend that cannot start
 * falls back along autoOrder.
 */
export type BackendChoice = 'auto' | BackendName;

export const autoOrder: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export function isBackendName(value: unknown): value is BackendName {
  return typeof value === 'string' && (backendNames as readonly string[]).includes(value);
}
