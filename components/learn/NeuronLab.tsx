'use client';

import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { COURSE_BLUR, COURSE_IMAGE } from '@/lib/learn/course';
import { convolve } from '@/lib/learn/convolve';
import { formatResult, formatValue } from '@/lib/learn/format';
import { setCell, type Grid } from '@/lib/learn/grid';
import { GridTable, windowEdges } from './GridTable';
import { KernelEditor } from './KernelEditor';
import { NumberCell } from './NumberCell';

const ROW_H = 34;
const LINE_START = 178;
const NEURON_X = 330;
const NEURON_R = 34;

/**
 * The same nine numbers twice: as the kernel grid and as the weights w1…w9 of
 * one neuron whose inputs x1…x9 are the pixels of a window. Both views edit
 * one kernel state, so changing either updates the other.
 */
export function NeuronLab() {
  const t = useTranslations('learn.neuron');
  const [kernel, setKernel] = useState<Grid>(COURSE_BLUR);
  const [bias, setBias] = useState(0);
  const [windowIndex, setWindowIndex] = useState(0);
  const windowId = useId();
  const conv = convolve(COURSE_IMAGE, kernel, { stride: [1, 1], padding: 'valid' });
  const win = conv.windows[windowIndex] ?? conv.windows[0]!;
  const inputs = [0, 1, 2].flatMap((i) => [0, 1, 2].map((j) => COURSE_IMAGE[win.top + i]![win.left + j]!));
  const weights = kernel.flat();
  const z = win.sum + bias;
  const height = ROW_H * 9;
  const neuronY = height / 2;

  return (
    <section className="lab neuron-lab" aria-label={t('labLabel')}>
      <div className="lab-settings">
        <span className="inline-field">
          <label htmlFor={windowId}>{t('window')}</label>
          <select id={windowId} value={windowIndex} onChange={(e) => setWindowIndex(Number(e.target.value))}>
            {conv.windows.map((w, i) => (
              <option key={i} value={i}>
                {t('windowOption', { row: w.outRow + 1, col: w.outCol + 1 })}
              </option>
            ))}
          </select>
        </span>
      </div>
      <div className="neuron-row">
        <GridTable
          className="mini-image"
          caption={t('image')}
          rows={6}
          cols={6}
          cellClass={(r, c) => (r >= win.top && r < win.top + 3 && c >= win.left && c < win.left + 3 ? `cell-window ${windowEdges(r, c, win.top, win.left, 3, 3)}` : undefined)}
          renderCell={(r, c) => formatValue(COURSE_IMAGE[r]![c]!)}
        />
        <KernelEditor kernel={kernel} onChange={setKernel} numbered />
        <div className="neuron-diagram" style={{ height }} role="group" aria-label={t('diagram')}>
          <svg width={NEURON_X + NEURON_R + 90} height={height} aria-hidden="true">
            {weights.map((w, i) => (
              <line
                key={i}
                x1={LINE_START}
                y1={ROW_H * i + ROW_H / 2}
                x2={NEURON_X - NEURON_R}
                y2={neuronY}
                stroke={w >= 0 ? 'var(--accent)' : 'var(--error)'}
                strokeWidth={Math.min(1 + Math.abs(w) * 4, 7)}
                strokeOpacity={w === 0 ? 0.2 : 0.7}
              />
            ))}
            <circle cx={NEURON_X} cy={neuronY} r={NEURON_R} fill="#fff" stroke="var(--text)" strokeWidth={2} />
            <text x={NEURON_X} y={neuronY + 8} textAnchor="middle" fontSize={24}>
              Σ
            </text>
            <line x1={NEURON_X + NEURON_R} y1={neuronY} x2={NEURON_X + NEURON_R + 40} y2={neuronY} stroke="var(--text)" strokeWidth={2} markerEnd="url(#arrow)" />
            <defs>
              <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto">
                <path d="M0,0 L10,5 L0,10 z" fill="var(--text)" />
              </marker>
            </defs>
          </svg>
          {weights.map((w, i) => (
            <div key={i} className="neuron-input" style={{ top: ROW_H * i, height: ROW_H }}>
              <span className="neuron-x mono">
                x<sub>{i + 1}</sub> = {formatValue(inputs[i]!)}
              </span>
              <span className="neuron-times">×</span>
              <span className="neuron-w">
                <span className="mono">
                  w<sub>{i + 1}</sub>
                </span>
                <NumberCell
                  value={w}
                  label={t('weight', { n: i + 1 })}
                  onChange={(v) => setKernel((k) => setCell(k, Math.floor(i / 3), i % 3, v))}
                />
              </span>
            </div>
          ))}
          <div className="neuron-out" style={{ top: neuronY - 14, left: NEURON_X + NEURON_R + 48 }}>
            <output aria-label={t('outputLabel')} className="mono">
              {formatResult(z)}
            </output>
          </div>
        </div>
      </div>
      <div className="neuron-sum">
        <span className="mono">
          z = Σ x<sub>i</sub>·w<sub>i</sub> + b = {formatResult(win.sum)} + </span>
        <label className="neuron-bias">
          <span className="visually-hidden">{t('bias')}</span>b =
          <NumberCell value={bias} onChange={setBias} label={t('bias')} />
        </label>
        <span className="mono">
          {' '}= <strong>{formatResult(z)}</strong>
        </span>
      </div>
      <p className="lab-status">{t('same', { row: win.outRow + 1, col: win.outCol + 1, value: formatResult(win.sum) })}</p>
    </section>
  );
}
