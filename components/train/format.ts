/** Seconds as "1:05" or "1:02:03", the way a progress line shows a duration. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/** Accuracy as a percentage with one decimal, in the user's locale ("81.2%"). */
export function formatPercent(fraction: number | null | undefined, locale: string): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '–';
  return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(fraction);
}

/**
 * Debiased exponential moving average (as TensorBoard smooths): the per-batch
 * loss is noisy, the smoothed line shows its trend.
 */
export function smooth(values: readonly number[], weight = 0.8): number[] {
  const out: number[] = [];
  let last = 0;
  let debias = 1;
  for (const v of values) {
    last = last * weight + (1 - weight) * v;
    debias *= weight;
    out.push(last / (1 - debias));
  }
  return out;
}
