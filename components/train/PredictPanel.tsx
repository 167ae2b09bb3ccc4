'use client';

import { useLocale, useTranslations } from 'next-intl';
import { memo, useEffect, useRef, useState, type PointerEvent } from 'react';
import type { TrainingSession } from '@/lib/train/page/session';
import { ExampleImage } from './ExampleImage';
import { formatPercent } from './format';
import { rgbaToInput, topClasses } from './preprocess';

const PAD = 196;

interface Props {
  session: TrainingSession;
  shape: [number, number, number];
  classNames: readonly string[];
}

/** Draw or upload an image; see it as the model sees it and the three likeliest classes. */
function PredictPanelInner({ session, shape, classNames }: Props) {
  const t = useTranslations('train.predict');
  const locale = useLocale();
  const pad = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [invert, setInvert] = useState(false);
  const [input, setInput] = useState<Float32Array | null>(null);
  const [top, setTop] = useState<Array<{ index: number; probability: number }> | null>(null);
  const [error, setError] = useState<string | null>(null);

  const clear = () => {
    const ctx = pad.current?.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, PAD, PAD);
    setInput(null);
    setTop(null);
  };
  useEffect(clear, []);

  const predict = async () => {
    const source = pad.current;
    if (!source) return;
    const small = document.createElement('canvas');
    small.width = shape[1];
    small.height = shape[0];
    const ctx = small.getContext('2d', { willReadFrequently: true });
    if (!ctx) return;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(source, 0, 0, shape[1], shape[0]);
    const pixels = rgbaToInput(ctx.getImageData(0, 0, shape[1], shape[0]).data, shape, invert);
    setInput(pixels);
    try {
      setTop(topClasses(await session.predict(pixels), 3));
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const point = (e: PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return [((e.clientX - rect.left) / rect.width) * PAD, ((e.clientY - rect.top) / rect.height) * PAD] as const;
  };
  const stroke = (e: PointerEvent<HTMLCanvasElement>, start: boolean) => {
    const ctx = pad.current?.getContext('2d');
    if (!ctx) return;
    const [x, y] = point(e);
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 16;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    if (start) {
      ctx.beginPath();
      ctx.moveTo(x, y);
    }
    ctx.lineTo(x, y);
    ctx.stroke();
  };

  const upload = async (file: File) => {
    const ctx = pad.current?.getContext('2d');
    if (!ctx) return;
    try {
      const bitmap = await createImageBitmap(file);
      ctx.fillStyle = '#000';
      ctx.fillRect(0, 0, PAD, PAD);
      const k = Math.min(PAD / bitmap.width, PAD / bitmap.height);
      ctx.drawImage(bitmap, (PAD - bitmap.width * k) / 2, (PAD - bitmap.height * k) / 2, bitmap.width * k, bitmap.height * k);
      bitmap.close();
      await predict();
    } catch {
      setError(t('notAnImage', { name: file.name }));
    }
  };

  return (
    <section className="train-predict" aria-label={t('title')}>
      <p className="muted">{t('help')}</p>
      <div className="train-predict-row">
        <canvas
          ref={pad}
          width={PAD}
          height={PAD}
          className="train-pad"
          aria-label={t('pad')}
          onPointerDown={(e) => {
            drawing.current = true;
            e.currentTarget.setPointerCapture(e.pointerId);
            stroke(e, true);
          }}
          onPointerMove={(e) => drawing.current && stroke(e, false)}
          onPointerUp={() => {
            drawing.current = false;
            void predict();
          }}
        />
        <div className="train-predict-controls">
          <button type="button" onClick={clear}>
            {t('clear')}
          </button>
          <label className="train-upload">
            {t('upload')} <input type="file" accept="image/*" onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])} />
          </label>
          <label className="train-check">
            <input type="checkbox" checked={invert} onChange={(e) => setInvert(e.target.checked)} /> {t('invert')}
          </label>
          <button type="button" onClick={() => void predict()}>
            {t('predict')}
          </button>
        </div>
        {input ? (
          <figure className="train-model-input">
            <ExampleImage pixels={input} shape={shape} scale={4} alt={t('modelSees')} />
            <figcaption>{t('modelSees')}</figcaption>
          </figure>
        ) : null}
        {top ? (
          <ol className="train-top3" aria-label={t('top3')}>
            {top.map((c) => (
              <li key={c.index}>
                <span className="train-top3-name">{classNames[c.index] ?? c.index}</span>
                <span className="train-top3-bar" style={{ width: `${Math.round(c.probability * 100)}%` }} />
                <span>{formatPercent(c.probability, locale)}</span>
              </li>
            ))}
          </ol>
        ) : null}
      </div>
      {error ? <p className="error-text">{error}</p> : null}
    </section>
  );
}

/** Memoised: the panel re-renders about ten times a second while training; this part only when its props change. */
export const PredictPanel = memo(PredictPanelInner);
