'use client';

import { useTranslations } from 'next-intl';
import { setCell, type Grid } from '@/lib/learn/grid';
import { GridTable, gridSize } from './GridTable';
import { NumberCell } from './NumberCell';

/** The kernel as a table of number fields: each weight editable in place. */
export function KernelEditor({
  kernel,
  onChange,
  caption,
  numbered = false,
}: {
  kernel: Grid;
  onChange: (kernel: number[][]) => void;
  caption?: string;
  /** Tags each cell w1…w9 in reading order, to match the neuron drawing. */
  numbered?: boolean;
}) {
  const t = useTranslations('learn.grid');
  return (
    <GridTable
      className="kernel-table"
      caption={caption ?? t('kernel', { size: gridSize(kernel) })}
      rows={kernel.length}
      cols={kernel[0]?.length ?? 0}
      renderCell={(r, c) => (
        <>
          {numbered ? (
            <span className="kernel-tag" aria-hidden="true">
              w{r * (kernel[0]?.length ?? 0) + c + 1}
            </span>
          ) : null}
          <NumberCell value={kernel[r]![c]!} label={t('weight', { row: r + 1, col: c + 1 })} onChange={(v) => onChange(setCell(kernel, r, c, v))} />
        </>
      )}
    />
  );
}
