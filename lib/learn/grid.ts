// A small 2-D array of numbers, row-major: what the lessons draw as tables.
export type Grid = readonly (readonly number[])[];

export function gridRows(grid: Grid): number {
  return grid.length;
}

export function gridCols(grid: Grid): number {
  return grid[0]?.length ?? 0;
}

export function filledGrid(rows: number, cols: number, value = 0): number[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => value));
}

export function cell(grid: Grid, r: number, c: number): number {
  return grid[r]?.[c] ?? 0;
}

/** Keeps the overlapping top-left part and fills new cells with `fill`, so growing and shrinking an image never loses the corner the user edited. */
export function resizeGrid(grid: Grid, rows: number, cols: number, fill = 0): number[][] {
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => grid[r]?.[c] ?? fill));
}

export function setCell(grid: Grid, r: number, c: number, value: number): number[][] {
  return grid.map((row, i) => (i === r ? row.map((v, j) => (j === c ? value : v)) : [...row]));
}

export function flatten(grid: Grid): number[] {
  return grid.flatMap((row) => [...row]);
}

export function isRectangular(grid: Grid): boolean {
  const cols = gridCols(grid);
  return grid.length > 0 && cols > 0 && grid.every((row) => row.length === cols);
}
