import type { Grid } from '@/lib/learn/grid';

/**
 * A grid of numbers as a real table, so screen readers (and the e2e tests)
 * read it row by row; the caption names it.
 */
export function GridTable({
  caption,
  rows,
  cols,
  renderCell,
  cellClass,
  cellLabel,
  className,
}: {
  caption: React.ReactNode;
  rows: number;
  cols: number;
  renderCell: (r: number, c: number) => React.ReactNode;
  cellClass?: (r: number, c: number) => string | undefined;
  cellLabel?: (r: number, c: number) => string | undefined;
  className?: string;
}) {
  return (
    <table className={`grid-table ${className ?? ''}`}>
      <caption>{caption}</caption>
      <tbody>
        {Array.from({ length: rows }, (_, r) => (
          <tr key={r}>
            {Array.from({ length: cols }, (_, c) => (
              <td key={c} className={cellClass?.(r, c)} aria-label={cellLabel?.(r, c)}>
                {renderCell(r, c)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function gridSize(grid: Grid): string {
  return `${grid.length}×${grid[0]?.length ?? 0}`;
}

/** Which sides of the window's outline a cell draws, so the window reads as one box. */
export function windowEdges(r: number, c: number, top: number, left: number, rows: number, cols: number): string {
  return [r === top ? 'edge-t' : '', r === top + rows - 1 ? 'edge-b' : '', c === left ? 'edge-l' : '', c === left + cols - 1 ? 'edge-r' : ''].join(' ');
}
