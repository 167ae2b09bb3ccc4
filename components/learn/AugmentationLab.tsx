'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useState } from 'react';
import {
  augmentationLayers,
  DRAW_COUNT,
  factorMeaning,
  factorSliders,
  flipModes,
  isFactorLayer,
  lessonLayerParams,
  type AugmentationLayer,
  type AugmentationQuery,
  type FactorLayer,
  type FlipMode,
} from '@/lib/learn/augmentation';
import type { GrayImage } from '@/lib/learn/image';
import { ChoiceGroup } from './ChoiceGroup';
import { GrayCanvas } from './GrayCanvas';
import { loadDatasetSamples } from './samples';

const datasets = [
  { id: 'fashion-mnist', name: 'Fashion-MNIST' },
  { id: 'mnist', name: 'MNIST' },
] as const;
type DatasetId = (typeof datasets)[number]['id'];

const ORIGINAL_SIZE = 168;
const DRAW_SIZE = 112;

type SampleState = { status: 'loading'; progress: number } | { status: 'ready'; image: GrayImage; name: string } | { status: 'failed'; message: string };

/**
 * The real layer (the one training uses, lib/layers/<Type>/tfjs.ts) applied in
 * training mode to DRAW_COUNT copies of one image: each copy gets its own draw.
 * `seed` picks the round of draws, so "Draw again" shows new ones.
 */
async function drawImages(image: GrayImage, layer: AugmentationLayer, params: unknown, seed: number): Promise<GrayImage[]> {
  // tfjs is loaded on first use, so the lesson text shows before the library arrives.
  const [tf, { tfjsRegistry }] = await Promise.all([import('@tensorflow/tfjs'), import('@/lib/layers/tfjs.generated')]);
  await tf.ready();
  const build = tfjsRegistry[layer] as (p: unknown, context: { name: string; seed: number; initializer: () => undefined }) => import('@tensorflow/tfjs').layers.Layer;
  const tfLayer = build(params, { name: 'lesson', seed, initializer: () => undefined });
  const { width, height } = image;
  const size = width * height;
  const batch = new Float32Array(DRAW_COUNT * size);
  for (let i = 0; i < DRAW_COUNT; i++) batch.set(image.pixels, i * size);
  const out = tf.tidy(() => tfLayer.apply(tf.tensor4d(batch, [DRAW_COUNT, height, width, 1]), { training: true }) as import('@tensorflow/tfjs').Tensor);
  const values = (await out.data()) as Float32Array;
  out.dispose();
  tfLayer.dispose();
  return Array.from({ length: DRAW_COUNT }, (_, i) => ({ width, height, pixels: values.slice(i * size, (i + 1) * size) }));
}

/** One training image through each Random* layer, several draws side by side, the factor on a slider. */
export function AugmentationLab({ initial }: { initial: AugmentationQuery }) {
  const t = useTranslations('learn.augmentation');
  const sliderId = useId();
  const [dataset, setDataset] = useState<DatasetId>('fashion-mnist');
  const [sample, setSample] = useState<SampleState>({ status: 'loading', progress: 0 });
  const [layer, setLayer] = useState<AugmentationLayer>(initial.layer);
  const [factors, setFactors] = useState<Record<FactorLayer, number>>(() => {
    const start = Object.fromEntries(Object.entries(factorSliders).map(([k, s]) => [k, s.initial])) as Record<FactorLayer, number>;
    if (initial.factor !== null && isFactorLayer(initial.layer)) start[initial.layer] = initial.factor;
    return start;
  });
  const [mode, setMode] = useState<FlipMode>(initial.mode);
  const [round, setRound] = useState(1);
  const [draws, setDraws] = useState<GrayImage[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const factor = isFactorLayer(layer) ? factors[layer] : null;

  useEffect(() => {
    let live = true;
    loadDatasetSamples(dataset, 1, (progress) => live && setSample({ status: 'loading', progress }))
      .then(({ samples }) => {
        const first = samples[0];
        if (live && first) setSample({ status: 'ready', image: first.image, name: first.className });
      })
      .catch((e: unknown) => live && setSample({ status: 'failed', message: e instanceof Error ? e.message : String(e) }));
    return () => {
      live = false;
    };
  }, [dataset]);

  const image = sample.status === 'ready' ? sample.image : null;
  useEffect(() => {
    if (!image) return;
    let live = true;
    drawImages(image, layer, lessonLayerParams(layer, factor ?? 0, mode), round)
      .then((d) => {
        if (!live) return;
        setDraws(d);
        setError(null);
      })
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [image, layer, factor, mode, round]);

  const name = sample.status === 'ready' ? sample.name : '';
  const call = factor === null ? `RandomFlip('${mode}')` : `${layer}(${factor})`;
  const effect = factor === null || !isFactorLayer(layer) ? t('effect.RandomFlip', { mode: t(`modes.${mode}`) }) : t(`effect.${layer}`, factorMeaning(layer, factor));

  return (
    <section className="lab augmentation-lab" aria-label={t('labLabel')}>
      <div className="lab-settings">
        <ChoiceGroup
          label={t('dataset')}
          options={datasets.map((d) => ({ value: d.id, label: d.name }))}
          value={dataset}
          onChange={(v) => {
            setSample({ status: 'loading', progress: 0 });
            setDataset(v as DatasetId);
          }}
        />
        <ChoiceGroup label={t('layer')} options={augmentationLayers.map((l) => ({ value: l, label: l }))} value={layer} onChange={(v) => setLayer(v as AugmentationLayer)} />
      </div>
      <div className="lab-settings">
        {isFactorLayer(layer) && factor !== null ? (
          <span className="inline-field">
            <label htmlFor={sliderId}>{t('factor')}</label>
            <input
              id={sliderId}
              type="range"
              min={0}
              max={factorSliders[layer].max}
              step={factorSliders[layer].step}
              value={factor}
              aria-valuetext={t('factorValue', { factor, ...factorMeaning(layer, factor) })}
              onChange={(e) => setFactors((f) => ({ ...f, [layer]: Number(e.target.value) }))}
            />
            <output htmlFor={sliderId} className="mono">
              {t('factorValue', { factor, ...factorMeaning(layer, factor) })}
            </output>
          </span>
        ) : (
          <ChoiceGroup label={t('mode')} options={flipModes.map((m) => ({ value: m, label: t(`modes.${m}`) }))} value={mode} onChange={(v) => setMode(v as FlipMode)} />
        )}
        <button type="button" className="primary" onClick={() => setRound((r) => r + 1)} disabled={!image}>
          {t('drawAgain')}
        </button>
      </div>
      <p className="lab-status" aria-live="polite">
        {sample.status === 'loading'
          ? t('loading', { percent: Math.round(sample.progress * 100) })
          : sample.status === 'failed'
            ? t('loadFailed', { message: sample.message })
            : t('status', { round, total: DRAW_COUNT, call, effect })}
      </p>
      <div className="gallery-row augmentation-row">
        <figure>
          {image ? <GrayCanvas image={image} size={ORIGINAL_SIZE} label={t('originalLabel', { name })} /> : <div className="gallery-placeholder" style={{ width: ORIGINAL_SIZE, height: ORIGINAL_SIZE }} />}
          <figcaption>{t('original')}</figcaption>
        </figure>
        <ol className="augmentation-draws" aria-label={t('drawsLabel', { call })}>
          {Array.from({ length: DRAW_COUNT }, (_, i) => (
            <li key={i}>
              <figure>
                {draws ? (
                  <GrayCanvas image={draws[i]!} size={DRAW_SIZE} label={t('drawLabel', { n: i + 1, total: DRAW_COUNT, name, call })} className="augmentation-draw" />
                ) : (
                  <div className="gallery-placeholder" style={{ width: DRAW_SIZE, height: DRAW_SIZE }} />
                )}
                <figcaption>{t('draw', { n: i + 1 })}</figcaption>
              </figure>
            </li>
          ))}
        </ol>
      </div>
      {error ? (
        <p className="error-text" role="alert">
          {t('failed', { message: error })}
        </p>
      ) : null}
      <section className="augmentation-flip-note" aria-labelledby={`${sliderId}-flip`}>
        <h2 id={`${sliderId}-flip`}>{t('flipNote.title')}</h2>
        <p>{t('flipNote.body')}</p>
        <p>{t('flipNote.when')}</p>
      </section>
    </section>
  );
}
