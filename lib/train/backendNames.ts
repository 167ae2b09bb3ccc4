import type { BackendName } from '../schema/run';

export { backendNames, type BackendName } from '../schema/run';
/**
 * 'auto' measures a few training steps of the model on every backend and
 * takes the fastest (lib/train/worker/autotune.ts); a named backend that cannot start
 * falls back along autoOrder.
 */
export type BackendChoice = 'auto' | BackendName;

export const autoOrder: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];
