// Max and average pooling for the pooling lesson, with the position of each
// window's maximum so the page can highlight it.
import { outputLength, padAmounts, type Pair } from './convolve';
import { gridCols, gridRows, type Grid } from './grid';

export const poolKinds = ['max', 'average'] as const;
export type PoolKind = (typeof poolKinds)[number];

export interface PoolWindow {
  outRow: number;
  outCol: number;
  /** Cells of the feature map inside the window (padding cells are left out, as Keras does). */
  cells: { row: number; col: number }[];
  /** Where the maximum is (the first one in reading order on a tie). */
  maxAt: { row: number; col: number };
  max: number;
  average: number;
}

export interface Pooling {
  windows: PoolWindow[];
  max: number[][];
  average: number[][];
}

export interface PoolOptions {
  size: Pair;
  stride: Pair;
  /** 'same' pads as Keras does; padded cells never win a max and do not count in an average. */
  padding: 'valid' | 'same';
}

export function pool(map: Grid, options: PoolOptions): Pooling {
  const rows = gridRows(map);
  const cols = gridCols(map);
  const [ph, pw] = options.size;
  const [sh, sw] = options.stride;
  const mode = options.padding === 'same' ? 'zero' : 'valid';
  const [top, bottom] = padAmounts(rows, ph, sh, mode);
  const [left, right] = padAmounts(cols, pw, sw, mode);
  const outRows = outputLength(rows, ph, sh, top + bottom);
  const outCols = outputLength(cols, pw, sw, left + right);
  const windows: PoolWindow[] = [];
  const max: number[][] = [];
  const average: number[][] = [];
  for (let outRow = 0; outRow < outRows; outRow++) {
    const maxRow: number[] = [];
    const avgRow: number[] = [];
    for (let outCol = 0; outCol < outCols; outCol++) {
      const cells: { row: number; col: number }[] = [];
      for (let i = 0; i < ph; i++) {
        for (let j = 0; j < pw; j++) {
          const row = outRow * sh + i - top;
          const col = outCol * sw + j - left;
          if (row >= 0 && row < rows && col >= 0 && col < cols) cells.push({ row, col });
        }
      }
      let maxAt = cells[0]!;
      let total = 0;
      for (const c of cells) {
        const v = map[c.row]![c.col]!;
        total += v;
        if (v > map[maxAt.row]![maxAt.col]!) maxAt = c;
      }
      const m = map[maxAt.row]![maxAt.col]!;
      const a = total / cells.length;
      windows.push({ outRow, outCol, cells, maxAt, max: m, average: a });
      maxRow.push(m);
      avgRow.push(a);
    }
    max.push(maxRow);
    average.push(avgRow);
  }
  return { windows, max, average };
}
