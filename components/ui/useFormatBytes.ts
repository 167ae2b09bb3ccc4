'use client';

import { useFormatter } from 'next-intl';
import { useCallback } from 'react';

const units = [
  [1e12, 'terabyte'],
  [1e9, 'gigabyte'],
  [1e6, 'megabyte'],
  [1e3, 'kilobyte'],
] as const;

/** Bytes in the user's locale, e.g. "25.9 MB" (decimal units, as Intl names them). */
export function useFormatBytes(): (bytes: number) => string {
  const format = useFormatter();
  return useCallback(
    (bytes: number) => {
      const [size, unit] = units.find(([s]) => bytes >= s) ?? [1, 'byte'];
      return format.number(bytes / size, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 });
    },
    [format],
  );
}
