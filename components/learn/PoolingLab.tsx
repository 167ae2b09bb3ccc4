'use client';

import { useTranslations } from 'next-intl';
import { useId, useMemo, useState } from 'react';
import { COURSE_BLUR, COURSE_IMAGE } from '@/lib/learn/course';
import { convolve, type Pair } from '@/lib/learn/convolve';
import { seededRandom } from '@/lib/learn/dropout';
import { formatResult } from '@/lib/learn/format';
import type { Grid } from '@/lib/learn/grid';
import { pool, type PoolKind } from '@/lib/learn/pool';
import type { PoolingQuery } from '@/lib/learn/query';
import { ChoiceGroup } from './ChoiceGroup';
import { GridTable, gridSize, windowEdges } from './GridTable';

const COURSE_MAP: Grid = convolve(COURSE_IMAGE, COURSE_BLUR, { stride: [1, 1], padding: 'valid' }).output;

function randomMap(size: number, seed: number): number[][] {
  const random = seededRandom(seed);
  return Array.from({ length: size }, () => Array.from({ length: size }, () => Math.round(random() * 100) / 100));
}

const mapChoices = ['course', 'random6', 'random8'] as const;
type MapChoice = (typeof mapChoices)[number];

/** Each window gets one of four tints so neighbouring windows are told apart when they do not overlap. */
const tints = ['tint-a', 'tint-b', 'tint-c', 'tint-d'];

/**
 * Max and average pooling of a feature map, side by side. The maximum of
 * every window is ringed; choosing a result cell (or a window with Next)
 * outlines its window in the feature map.
 */
export function PoolingLab({ query }: { query: PoolingQuery }) {
  const t = useTranslations('learn.pooling');
  const [mapChoice, setMapChoice] = useState<MapChoice>('course');
  const [seed, setSeed] = useState(1);
  const [size, setSize] = useState<Pair>(query.pool);
  const [stride, setStride] = useState<Pair>(query.stride);
  const [padding, setPadding] = useState(query.padding);
  const [selected, setSelected] = useState(0);
  const ids = { map: useId() };
  const map = useMemo(() => (mapChoice === 'course' ? COURSE_MAP : randomMap(mapChoice === 'random6' ? 6 : 8, seed)), [mapChoice, seed]);
  const result = useMemo(() => pool(map, { size, stride, padding }), [map, size, stride, padding]);
  const windows = result.windows;
  const current = windows[Math.min(selected, windows.length - 1)];
  const outCols = result.max[0]?.length ?? 0;
  const overlapping = stride[0] < size[0] || stride[1] < size[1];
  const tintOf = new Map<string, string>();
  if (!overlapping) windows.forEach((w) => w.cells.forEach((c) => tintOf.set(`${c.row},${c.col}`, tints[(w.outRow % 2) * 2 + (w.outCol % 2)]!)));
  const maxCells = new Set(windows.map((w) => `${w.maxAt.row},${w.maxAt.col}`));
  const inCurrent = (r: number, c: number) => current?.cells.some((x) => x.row === r && x.col === c) ?? false;
  const box = current
    ? {
        top: Math.min(...current.cells.map((x) => x.row)),
        left: Math.min(...current.cells.map((x) => x.col)),
        rows: Math.max(...current.cells.map((x) => x.row)) - Math.min(...current.cells.map((x) => x.row)) + 1,
        cols: Math.max(...current.cells.map((x) => x.col)) - Math.min(...current.cells.map((x) => x.col)) + 1,
      }
    : null;
  const pairText = (p: Pair) => (p[0] === p[1] ? String(p[0]) : `${p[0]}×${p[1]}`);
  const sizeOptions: Pair[] = [[2, 2], [3, 3]];
  if (!sizeOptions.some((p) => p[0] === query.pool[0] && p[1] === query.pool[1])) sizeOptions.push(query.pool);
  const strideOptions: Pair[] = [[1, 1], [2, 2], [3, 3]];
  if (!strideOptions.some((p) => p[0] === query.stride[0] && p[1] === query.stride[1])) strideOptions.push(query.stride);

  const resultTable = (kind: PoolKind) => {
    const grid = kind === 'max' ? result.max : result.average;
    return (
      <GridTable
        className={`pool-table pool-${kind} ${query.type === kind ? 'pool-primary' : ''}`}
        caption={t(kind === 'max' ? 'maxCaption' : 'averageCaption', { size: gridSize(grid) })}
        rows={grid.length}
        cols={outCols}
        cellClass={(r, c) => (current && current.outRow === r && current.outCol === c ? 'cell-landed' : undefined)}
        renderCell={(r, c) => (
          <button type="button" className="pixel" onClick={() => setSelected(r * outCols + c)} aria-label={t('cellLabel', { row: r + 1, col: c + 1, value: formatResult(grid[r]![c]!) })}>
            {formatResult(grid[r]![c]!)}
          </button>
        )}
      />
    );
  };

  return (
    <section className="lab pooling-lab" aria-label={t('labLabel')}>
      <div className="lab-settings">
        <span className="inline-field">
          <label htmlFor={ids.map}>{t('map')}</label>
          <select
            id={ids.map}
            value={mapChoice}
            onChange={(e) => {
              setMapChoice(e.target.value as MapChoice);
              setSelected(0);
            }}
          >
            {mapChoices.map((m) => (
              <option key={m} value={m}>
                {t(`maps.${m}`)}
              </option>
            ))}
          </select>
        </span>
        {mapChoice !== 'course' ? (
          <button type="button" onClick={() => setSeed((s) => s + 1)}>
            {t('newRandom')}
          </button>
        ) : null}
      </div>
      <div className="lab-settings">
        <ChoiceGroup
          label={t('size')}
          options={sizeOptions.map((p) => ({ value: pairText(p), label: `${p[0]}×${p[1]}` }))}
          value={pairText(size)}
          onChange={(v) => {
            setSize(sizeOptions.find((p) => pairText(p) === v) ?? size);
            setSelected(0);
          }}
        />
        <ChoiceGroup
          label={t('stride')}
          options={strideOptions.map((p) => ({ value: pairText(p), label: pairText(p) }))}
          value={pairText(stride)}
          onChange={(v) => {
            setStride(strideOptions.find((p) => pairText(p) === v) ?? stride);
            setSelected(0);
          }}
        />
        <ChoiceGroup
          label={t('padding')}
          options={[
            { value: 'valid', label: 'valid' },
            { value: 'same', label: 'same' },
          ]}
          value={padding}
          onChange={(v) => {
            setPadding(v === 'same' ? 'same' : 'valid');
            setSelected(0);
          }}
        />
      </div>
      {windows.length === 0 ? (
        <p className="lab-problem" role="alert">
          {t('doesNotFit', { pool: `${size[0]}×${size[1]}`, map: gridSize(map) })}
        </p>
      ) : (
        <div className="conv-grids">
          <GridTable
            className="feature-table"
            caption={t('mapCaption', { size: gridSize(map) })}
            rows={map.length}
            cols={map[0]?.length ?? 0}
            cellClass={(r, c) =>
              [tintOf.get(`${r},${c}`) ?? '', inCurrent(r, c) && box ? `cell-window ${windowEdges(r, c, box.top, box.left, box.rows, box.cols)}` : '', maxCells.has(`${r},${c}`) ? 'cell-max' : ''].join(' ').trim() || undefined
            }
            renderCell={(r, c) => formatResult(map[r]![c]!)}
          />
          <span className="conv-operator" aria-hidden="true">
            →
          </span>
          {resultTable('max')}
          {resultTable('average')}
        </div>
      )}
      {current ? (
        <>
          <p className="lab-status" aria-live="polite">
            {t('status', {
              n: Math.min(selected, windows.length - 1) + 1,
              total: windows.length,
              values: current.cells.map((c) => formatResult(map[c.row]![c.col]!)).join(', '),
              max: formatResult(current.max),
              average: formatResult(current.average),
            })}
          </p>
          <div className="stepper">
            <button type="button" onClick={() => setSelected((s) => Math.max(0, Math.min(s, windows.length - 1) - 1))} disabled={selected === 0}>
              ◀ {t('previousWindow')}
            </button>
            <button type="button" onClick={() => setSelected((s) => Math.min(windows.length - 1, s + 1))} disabled={selected >= windows.length - 1}>
              {t('nextWindow')} ▶
            </button>
          </div>
        </>
      ) : null}
      <p className="muted lab-hint">{t('hint')}</p>
    </section>
  );
}
