'use client';

import { useTranslations } from 'next-intl';
import { useId, useMemo, useState } from 'react';
import { blurKernel, COURSE_IMAGE, KERNEL_PRESETS, presetOf, type KernelPresetId } from '@/lib/learn/course';
import { convolve, type Pair, type PaddingMode } from '@/lib/learn/convolve';
import { formatResult, formatValue } from '@/lib/learn/format';
import { resizeGrid, setCell, type Grid } from '@/lib/learn/grid';
import { QUERY_LIMITS } from '@/lib/learn/query';
import { ChoiceGroup } from './ChoiceGroup';
import { GridTable, gridSize, windowEdges } from './GridTable';
import { KernelEditor } from './KernelEditor';
import { OutputFormula } from './OutputFormula';
import { StepperControls } from './StepperControls';
import { useStepper } from './useStepper';

export interface ConvolutionLabProps {
  image?: Grid;
  kernel: Grid;
  stride: Pair;
  padding: PaddingMode;
  /** Stride and padding lessons open on the finished output; the convolution lesson on an empty one. */
  startAtEnd?: boolean;
  /** Which choices this lesson offers besides size and kernel editing. */
  strideChoices?: readonly Pair[];
  paddingChoices?: readonly PaddingMode[];
  presets?: readonly KernelPresetId[];
  /** Marks the top-left pixel of every window, so the stride's jumps are visible at a glance. */
  markStarts?: boolean;
}

const samePair = (a: Pair, b: Pair) => a[0] === b[0] && a[1] === b[1];
const pairLabel = (p: Pair) => (p[0] === p[1] ? String(p[0]) : `${p[0]}×${p[1]}`);

/**
 * The kernel sliding over a small image, one window at a time: first the
 * products appear in the window ("multiply"), then their sum lands in the
 * output ("sum"). Every number comes from convolve() in lib/learn.
 */
export function ConvolutionLab(props: ConvolutionLabProps) {
  const t = useTranslations('learn');
  const [image, setImage] = useState<Grid>(props.image ?? COURSE_IMAGE);
  const [kernel, setKernel] = useState<Grid>(props.kernel);
  const [stride, setStride] = useState<Pair>(props.stride);
  const [padding, setPadding] = useState<PaddingMode>(props.padding);
  const result = useMemo(() => convolve(image, kernel, { stride, padding }), [image, kernel, stride, padding]);
  const windowCount = result.windows.length;
  const kh = kernel.length;
  const kw = kernel[0]?.length ?? 0;
  const stepper = useStepper(2 * windowCount, props.startAtEnd ? 2 * windowCount : 0);
  const ids = { size: useId(), kernelSize: useId(), preset: useId() };

  // New weights or pixels keep the walk where it is (the numbers follow at once);
  // a change that moves the windows starts it again, or shows the new result at once.
  const change = (next: { image?: Grid; kernel?: Grid; stride?: Pair; padding?: PaddingMode }) => {
    const n = convolve(next.image ?? image, next.kernel ?? kernel, { stride: next.stride ?? stride, padding: next.padding ?? padding });
    const sameWindows = n.windows.length === windowCount && n.windows.every((w, i) => w.top === result.windows[i]?.top && w.left === result.windows[i]?.left && w.products.length === kh && (w.products[0]?.length ?? 0) === kw);
    if (next.image) setImage(next.image);
    if (next.kernel) setKernel(next.kernel);
    if (next.stride) setStride(next.stride);
    if (next.padding) setPadding(next.padding);
    if (!sameWindows) stepper.goTo(props.startAtEnd ? 2 * n.windows.length : 0);
  };

  const { position } = stepper;
  const filled = Math.floor(position / 2);
  const current = position > 0 ? result.windows[Math.floor((position - 1) / 2)] : undefined;
  const phase: 'multiply' | 'sum' | null = position === 0 ? null : position % 2 === 1 ? 'multiply' : 'sum';
  const rows = image.length;
  const cols = image[0]?.length ?? 0;
  const { top, left } = result.padding;
  const paddedRows = result.padded.length;
  const paddedCols = result.padded[0]?.length ?? 0;
  const outRows = result.output.length;
  const outCols = result.output[0]?.length ?? 0;
  const inWindow = (r: number, c: number) => current !== undefined && r >= current.top && r < current.top + kh && c >= current.left && c < current.left + kw;
  const starts = new Set(props.markStarts ? result.windows.map((w) => `${w.top},${w.left}`) : []);
  const isPadding = (r: number, c: number) => r < top || r >= top + rows || c < left || c >= left + cols;

  const strideChoices = props.strideChoices ? withChoice(props.strideChoices, props.stride) : null;
  const kernelSizes = withChoice(
    Array.from({ length: QUERY_LIMITS.kernel.max }, (_, i): Pair => [i + 1, i + 1]),
    props.kernel.length === (props.kernel[0]?.length ?? 0) ? [3, 3] : [props.kernel.length, props.kernel[0]?.length ?? 0],
  );
  const preset = presetOf(kernel);

  const inputCaption = padding === 'valid' ? t('grid.input', { size: gridSize(image) }) : t('grid.paddedInput', { size: `${paddedRows}×${paddedCols}`, image: gridSize(image) });

  return (
    <section className="lab conv-lab" aria-label={t('conv.labLabel')}>
      <div className="lab-settings">
        <span className="inline-field">
          <label htmlFor={ids.size}>{t('conv.imageSize')}</label>
          <select
            id={ids.size}
            value={rows}
            onChange={(e) => {
              const n = Number(e.target.value);
              change({ image: resizeGrid(image, n, n) });
            }}
          >
            {Array.from({ length: QUERY_LIMITS.imageSize.max - QUERY_LIMITS.imageSize.min + 1 }, (_, i) => i + QUERY_LIMITS.imageSize.min).map((n) => (
              <option key={n} value={n}>
                {n}×{n}
              </option>
            ))}
          </select>
        </span>
        <span className="inline-field">
          <label htmlFor={ids.kernelSize}>{t('conv.kernelSize')}</label>
          <select
            id={ids.kernelSize}
            value={`${kh}x${kw}`}
            onChange={(e) => {
              const [a, b] = e.target.value.split('x').map(Number) as [number, number];
              change({ kernel: blurKernel(a, b) });
            }}
          >
            {kernelSizes.map((p) => (
              <option key={`${p[0]}x${p[1]}`} value={`${p[0]}x${p[1]}`}>
                {p[0]}×{p[1]}
              </option>
            ))}
          </select>
        </span>
        {props.presets ? (
          <span className="inline-field">
            <label htmlFor={ids.preset}>{t('conv.preset')}</label>
            <select
              id={ids.preset}
              value={preset ?? 'custom'}
              onChange={(e) => {
                const id = e.target.value as KernelPresetId;
                if (KERNEL_PRESETS[id]) change({ kernel: KERNEL_PRESETS[id].map((r) => [...r]) });
              }}
            >
              {props.presets.map((id) => (
                <option key={id} value={id}>
                  {t(`kernelNames.${id}`)}
                </option>
              ))}
              <option value="custom" disabled>
                {t('kernelNames.custom')}
              </option>
            </select>
          </span>
        ) : null}
        <button type="button" onClick={() => change({ image: props.image ?? COURSE_IMAGE, kernel: props.kernel })}>
          {t('conv.reset')}
        </button>
        <button type="button" onClick={() => change({ image: image.map((r) => r.map(() => (Math.random() < 0.5 ? 0 : 1))) })}>
          {t('conv.randomImage')}
        </button>
      </div>

      {strideChoices ? (
        <ChoiceGroup
          label={t('conv.stride')}
          options={strideChoices.map((p) => ({ value: pairLabel(p), label: pairLabel(p) }))}
          value={pairLabel(stride)}
          onChange={(v) => change({ stride: strideChoices.find((p) => pairLabel(p) === v) ?? stride })}
        />
      ) : null}
      {props.paddingChoices ? (
        <ChoiceGroup
          label={t('conv.padding')}
          options={props.paddingChoices.map((m) => ({ value: m, label: t(`paddingModes.${m}`) }))}
          value={padding}
          onChange={(v) => change({ padding: v as PaddingMode })}
        />
      ) : null}

      <div className="conv-grids">
        <GridTable
          className="input-table"
          caption={inputCaption}
          rows={paddedRows}
          cols={paddedCols}
          cellClass={(r, c) =>
            [isPadding(r, c) ? `cell-pad cell-pad-${padding}` : '', starts.has(`${r},${c}`) ? 'cell-start' : '', inWindow(r, c) && current ? `cell-window cell-window-${phase} ${windowEdges(r, c, current.top, current.left, kh, kw)}` : '']
              .join(' ')
              .trim() || undefined
          }
          renderCell={(r, c) => {
            const v = result.padded[r]![c]!;
            const product = inWindow(r, c) && current ? current.products[r - current.top]![c - current.left]! : null;
            const content = (
              <>
                <span className="cell-value">{formatValue(v)}</span>
                {product !== null ? <span className="cell-product">{formatResult(product)}</span> : null}
              </>
            );
            if (isPadding(r, c)) return <span aria-label={t('grid.paddingCell', { row: r + 1, col: c + 1, value: formatValue(v) })}>{content}</span>;
            const ir = r - top;
            const ic = c - left;
            return (
              <button
                type="button"
                className="pixel"
                aria-label={t('grid.pixel', { row: ir + 1, col: ic + 1, value: formatValue(v) })}
                onClick={() => setImage(setCell(image, ir, ic, v >= 0.5 ? 0 : 1))}
              >
                {content}
              </button>
            );
          }}
        />
        <span className="conv-operator" aria-hidden="true">
          ✱
        </span>
        <div className="kernel-box">
          <KernelEditor kernel={kernel} onChange={(k) => change({ kernel: k })} />
        </div>
        <span className="conv-operator" aria-hidden="true">
          =
        </span>
        {outRows > 0 && outCols > 0 ? (
          <GridTable
            className="output-table"
            caption={t('grid.output', { size: `${outRows}×${outCols}` })}
            rows={outRows}
            cols={outCols}
            cellClass={(r, c) => {
              const i = r * outCols + c;
              if (current && current.outRow === r && current.outCol === c) return phase === 'sum' ? 'cell-landed' : 'cell-target';
              return i < filled ? 'cell-done' : undefined;
            }}
            renderCell={(r, c) => (r * outCols + c < filled ? formatResult(result.output[r]![c]!) : '')}
          />
        ) : (
          <p className="lab-problem" role="alert">
            {t('conv.doesNotFit', { kernel: `${kh}×${kw}`, image: gridSize(image) })}
          </p>
        )}
      </div>

      <p className="lab-status" aria-live="polite">
        {!current || !phase
          ? t('conv.statusIdle', { windows: windowCount })
          : phase === 'multiply'
            ? t('conv.statusMultiply', { n: Math.floor((position - 1) / 2) + 1, total: windowCount })
            : t('conv.statusSum', {
                n: Math.floor((position - 1) / 2) + 1,
                total: windowCount,
                terms: current.products.flat().map((p) => formatResult(p)).join(' + '),
                sum: formatResult(current.sum),
                row: current.outRow + 1,
                col: current.outCol + 1,
              })}
        {position === stepper.total && windowCount > 0 ? ` ${t('conv.statusDone')}` : ''}
      </p>
      <StepperControls stepper={stepper} />
      <OutputFormula
        rows={{ size: rows, kernel: kh, stride: stride[0], before: result.padding.top, after: result.padding.bottom }}
        cols={{ size: cols, kernel: kw, stride: stride[1], before: result.padding.left, after: result.padding.right }}
      />
      {props.paddingChoices ? <PaddingComparison image={image} kernel={kernel} stride={stride} modes={props.paddingChoices} /> : null}
      <p className="muted lab-hint">{t('conv.hint')}</p>
    </section>
  );
}

function withChoice(choices: readonly Pair[], extra: Pair): Pair[] {
  return choices.some((c) => samePair(c, extra)) ? [...choices] : [...choices, extra];
}

/** Every padding choice's output for the same image and kernel, so the border difference is visible at a glance. */
function PaddingComparison({ image, kernel, stride, modes }: { image: Grid; kernel: Grid; stride: Pair; modes: readonly PaddingMode[] }) {
  const t = useTranslations('learn');
  return (
    <section className="compare-section" aria-labelledby="padding-compare-title">
      <h2 id="padding-compare-title">{t('compare.title')}</h2>
      <div className="compare">
        {modes.map((mode) => {
          const out = convolve(image, kernel, { stride, padding: mode }).output;
          const cols = out[0]?.length ?? 0;
          return (
            <GridTable
              key={mode}
              className="compare-table"
              caption={t('compare.caption', { mode: t(`paddingModes.${mode}`), size: `${out.length}×${cols}` })}
              rows={out.length}
              cols={cols}
              renderCell={(r, c) => formatResult(out[r]![c]!)}
            />
          );
        })}
      </div>
    </section>
  );
}
