'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { applyDropout, dropMask, keepScale, lessonRates, seededRandom } from '@/lib/learn/dropout';
import { formatResult } from '@/lib/learn/format';
import { ChoiceGroup } from './ChoiceGroup';

/** The dense layer's outputs for one example input: what dropout acts on. */
const ACTIVATIONS = [0.8, 0.3, 1.2, 0.5, 0.9, 0.1, 0.7, 1.0, 0.4, 0.6];
const INPUTS = 4;
const OUTPUTS = 3;
const W = 560;
const H = 380;
const layerX = [70, 280, 490] as const;

function ys(count: number): number[] {
  const gap = (H - 40) / count;
  return Array.from({ length: count }, (_, i) => 20 + gap * (i + 0.5));
}

/**
 * A small dense layer with dropout. Each training step draws a fresh random
 * set of dropped neurons (greyed out, their connections gone); kept ones pass
 * on activation × 1/(1 − rate). At inference every neuron takes part, unscaled.
 */
export function DropoutLab({ initialRate }: { initialRate: number | null }) {
  const t = useTranslations('learn.dropout');
  const rates: number[] = [...lessonRates];
  if (initialRate !== null && !rates.includes(initialRate)) rates.push(initialRate);
  const [rate, setRate] = useState(initialRate ?? 0.2);
  const [mode, setMode] = useState<'training' | 'inference'>('training');
  const [step, setStep] = useState(1);
  // The first mask is seeded so the server and the browser draw the same picture.
  const [mask, setMask] = useState<boolean[]>(() => dropMask(ACTIVATIONS.length, initialRate ?? 0.2, seededRandom(7)));
  const [auto, setAuto] = useState(false);
  const training = mode === 'training';

  const nextStep = (r = rate) => {
    setMask(dropMask(ACTIVATIONS.length, r, Math.random));
    setStep((s) => s + 1);
  };

  useEffect(() => {
    if (!auto || !training) return;
    const id = window.setInterval(() => {
      setMask(dropMask(ACTIVATIONS.length, rate, Math.random));
      setStep((s) => s + 1);
    }, 900);
    return () => window.clearInterval(id);
  }, [auto, training, rate]);

  const dropped = training ? mask : null;
  const passed = applyDropout(ACTIVATIONS, dropped, rate);
  const droppedNames = dropped ? dropped.flatMap((d, i) => (d ? [`h${i + 1}`] : [])) : [];
  const hiddenY = ys(ACTIVATIONS.length);
  const inY = ys(INPUTS);
  const outY = ys(OUTPUTS);
  const isDropped = (i: number) => dropped?.[i] ?? false;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

  return (
    <section className="lab dropout-lab" aria-label={t('labLabel')}>
      <div className="lab-settings">
        <ChoiceGroup
          label={t('rate')}
          options={rates.map((r) => ({ value: String(r), label: String(r) }))}
          value={String(rate)}
          onChange={(v) => {
            setRate(Number(v));
            if (training) nextStep(Number(v));
          }}
        />
        <ChoiceGroup
          label={t('mode')}
          options={[
            { value: 'training', label: t('training') },
            { value: 'inference', label: t('inference') },
          ]}
          value={mode}
          onChange={(v) => setMode(v === 'inference' ? 'inference' : 'training')}
        />
        <button type="button" className="primary" onClick={() => nextStep()} disabled={!training}>
          {t('nextStep')}
        </button>
        <button type="button" onClick={() => setAuto((a) => !a)} disabled={!training} aria-pressed={auto}>
          {auto ? `⏸ ${t('stop')}` : `▶ ${t('auto')}`}
        </button>
      </div>
      <svg className="dropout-diagram" viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={t('diagram', { dropped: droppedNames.length, total: ACTIVATIONS.length })}>
        {inY.map((y1, i) =>
          hiddenY.map((y2, j) => (
            <line key={`a${i}-${j}`} x1={layerX[0]} y1={y1} x2={layerX[1]} y2={y2} className={isDropped(j) ? 'link dropped' : 'link'} />
          )),
        )}
        {hiddenY.map((y1, j) =>
          outY.map((y2, k) => <line key={`b${j}-${k}`} x1={layerX[1]} y1={y1} x2={layerX[2]} y2={y2} className={isDropped(j) ? 'link dropped' : 'link'} />),
        )}
        {inY.map((y, i) => (
          <circle key={`in${i}`} cx={layerX[0]} cy={y} r={14} className="unit input" />
        ))}
        {hiddenY.map((y, j) => (
          <g key={`h${j}`} className={isDropped(j) ? 'unit-group dropped' : 'unit-group'}>
            <circle cx={layerX[1]} cy={y} r={15} className="unit hidden" />
            <text x={layerX[1]} y={y + 4} textAnchor="middle" fontSize={11}>
              h{j + 1}
            </text>
            {isDropped(j) ? <path d={`M${layerX[1] - 10} ${y - 10} L${layerX[1] + 10} ${y + 10} M${layerX[1] + 10} ${y - 10} L${layerX[1] - 10} ${y + 10}`} className="cross" /> : null}
            <text x={layerX[1] + 24} y={y + 4} fontSize={11} className="unit-value">
              {formatResult(passed[j]!)}
            </text>
          </g>
        ))}
        {outY.map((y, k) => (
          <circle key={`out${k}`} cx={layerX[2]} cy={y} r={14} className="unit output" />
        ))}
        <text x={layerX[0]} y={H - 4} textAnchor="middle" fontSize={12} className="layer-name">
          {t('inputs')}
        </text>
        <text x={layerX[1]} y={H - 4} textAnchor="middle" fontSize={12} className="layer-name">
          Dense + Dropout({rate})
        </text>
        <text x={layerX[2]} y={H - 4} textAnchor="middle" fontSize={12} className="layer-name">
          {t('outputs')}
        </text>
      </svg>
      <table className="data dropout-table">
        <caption className="visually-hidden">{t('tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('neuron')}</th>
            {ACTIVATIONS.map((_, i) => (
              <th key={i} scope="col">
                h{i + 1}
              </th>
            ))}
            <th scope="col">{t('sum')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t('activation')}</th>
            {ACTIVATIONS.map((a, i) => (
              <td key={i}>{formatResult(a)}</td>
            ))}
            <td>{formatResult(sum(ACTIVATIONS))}</td>
          </tr>
          <tr>
            <th scope="row">{training ? t('passedTraining', { scale: formatResult(keepScale(rate)) }) : t('passedInference')}</th>
            {passed.map((p, i) => (
              <td key={i} className={isDropped(i) ? 'cell-dropped' : undefined}>
                {formatResult(p)}
              </td>
            ))}
            <td>{formatResult(sum(passed))}</td>
          </tr>
        </tbody>
      </table>
      <p className="lab-status" aria-live="polite">
        {training
          ? t('statusTraining', {
              step,
              dropped: droppedNames.length,
              total: ACTIVATIONS.length,
              names: droppedNames.join(', ') || '—',
              scale: formatResult(keepScale(rate)),
              rate,
            })
          : t('statusInference')}
      </p>
    </section>
  );
}
