// How the course writes numbers: two decimals, no leading zero (".56").

/**
 * Rounds half away from zero on the decimal value. The 1e-9 nudge makes a
 * sum like 0.57499999999 (binary for 0.575) round the way the decimal
 * arithmetic a student does by hand would.
 */
export function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  const scaled = Math.round(Math.abs(value) * scale + 1e-9) / scale;
  return value < 0 ? -scaled : scaled;
}

function dropLeadingZero(text: string): string {
  return text.replace(/^(-?)0\./, '$1.');
}

/** A computed value (product, sum, output): always two decimals, ".56", "-.25", "1.50"; exactly zero reads "0". */
export function formatResult(value: number, decimals = 2): string {
  const rounded = roundTo(value, decimals);
  if (rounded === 0) return value === 0 ? '0' : `.${'0'.repeat(decimals)}`;
  return dropLeadingZero(rounded.toFixed(decimals));
}

/** A value the user typed or the course prints as given (pixels, weights): "1", "-2", ".06", "1.5". */
export function formatValue(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return dropLeadingZero(String(roundTo(value, 4)));
}

/** Parses what a user typed in a weight or pixel field: accepts ".5", "-.25", "1e-1"; null for anything else. */
export function parseNumber(text: string): number | null {
  const trimmed = text.trim().replace(/^−/, '-');
  if (trimmed === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}
