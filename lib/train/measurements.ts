// What the autotune measured per backend, and which of it wins. Apart from
// autotune.ts (which needs tfjs) so the page can use it without loading tfjs.
import type { AutotuneMeasurement } from '../schema/run';

/**
 * One backend's autotune figures (lib/schema/run.ts's AutotuneMeasurement; a
 * run stores its BackendMeasurement part).
 */
export type BackendMeasurement = AutotuneMeasurement;

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
