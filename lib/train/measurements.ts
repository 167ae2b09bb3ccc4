// What the autotune measured per backend, and which of it wins. Apart from
// autotune.ts (which needs tfjs) so the page can use it without loading tfjs.
import type { BackendName } from './backendNames';

export interface BackendMeasurement {
  backend: BackendName;
  /** 0 when the backend could not start or train (see error). */
  samplesPerSec: number;
  /** Timed steps behind the figure; 0 when it comes from the warm-up step alone (a backend slower than the time box). */
  steps: number;
  error?: string;
  /**
   * The figure comes from the probe (steps of `probe.batch` images): that
   * backend was already far slower than the fastest probed before it, so it
   * was not measured at the full batch.
   */
  probeOnly?: boolean;
  /** Tensors the measurement left behind (should be 0). */
  leakedTensors?: number;
  /**
   * Not timed, and why (lib/train/triage.ts): a software GPU adapter
   * (`device` names it), or tfjs's CPU backend while WASM runs.
   */
  skipped?: 'softwareGpu' | 'slowerThanWasm';
  /** The adapter or renderer found, for a skipped GPU backend. */
  device?: string;
  /** Started but not timed: it was the only backend left that could win, so timing it would only delay the start. */
  untimed?: boolean;
}

/**
 * The fastest backend that trained. A probe-only figure (a few images per
 * step) is not comparable with full-batch ones and was far behind anyway, so
 * it counts only when nothing was measured at the full batch. With nothing
 * timed, the one backend that started untimed (the only candidate) wins.
 */
export function fastestMeasurement(measurements: readonly BackendMeasurement[]): BackendMeasurement | null {
  const trained = measurements.filter((m) => !m.error && m.samplesPerSec > 0);
  const full = trained.filter((m) => !m.probeOnly);
  if (trained.length === 0) return measurements.find((m) => m.untimed && !m.error) ?? null;
  return (full.length > 0 ? full : trained).reduce<BackendMeasurement | null>((a, m) => (a === null || m.samplesPerSec > a.samplesPerSec ? m : a), null);
}
