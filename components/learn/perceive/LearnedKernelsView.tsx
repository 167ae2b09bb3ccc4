'use client';

import type * as tf from '@tensorflow/tfjs';
import { useTranslations } from 'next-intl';
import { useId, useMemo, useState } from 'react';
import { KERNEL_PRESETS, kernelPresetIds } from '@/lib/learn/course';
import { formatResult } from '@/lib/learn/format';
import { convLayersOf, kernelImage, learnedKernels, type KernelChannel } from '@/lib/learn/perceive';
import { GrayCanvas } from '../GrayCanvas';

/** Few filters get big tiles; a layer of 75 still fits a few rows. */
const tileFor = (filters: number) => (filters <= 8 ? 72 : filters <= 32 ? 56 : 44);

/** Every Conv2D layer's learned kernels as small images, next to the classic kernels drawn the same way. */
export function LearnedKernelsView({ model }: { model: tf.LayersModel }) {
  const t = useTranslations('learn');
  const layers = useMemo(() => convLayersOf(model), [model]);
  const [layerName, setLayerName] = useState(layers[0]?.name ?? '');
  const [channel, setChannel] = useState<KernelChannel>('mean');
  const ids = { layer: useId(), channel: useId() };
  const layer = layers.find((l) => l.name === layerName) ?? layers[0];
  const inputChannels = layer?.kernelShape[2] ?? 1;
  const effectiveChannel: KernelChannel = inputChannels === 1 ? 0 : channel === 'mean' || channel < inputChannels ? channel : 'mean';
  const kernels = useMemo(() => (layer ? learnedKernels(model, layer.name, effectiveChannel) : null), [model, layer, effectiveChannel]);
  if (!layer || !kernels) return <p className="muted">{t('perceive.noConv')}</p>;
  const [kh, kw, , filters] = layer.kernelShape;

  return (
    <section className="perceive-kernels" aria-labelledby="learned-kernels-title">
      <h2 id="learned-kernels-title">{t('perceive.kernelsTitle')}</h2>
      <div className="lab-settings">
        <span className="inline-field">
          <label htmlFor={ids.layer}>{t('perceive.layer')}</label>
          <select id={ids.layer} value={layer.name} onChange={(e) => setLayerName(e.target.value)}>
            {layers.map((l, i) => (
              <option key={l.name} value={l.name}>
                {t('perceive.layerOption', { n: i + 1, name: l.name, filters: l.kernelShape[3], size: `${l.kernelShape[0]}×${l.kernelShape[1]}` })}
              </option>
            ))}
          </select>
        </span>
        {inputChannels > 1 ? (
          <span className="inline-field">
            <label htmlFor={ids.channel}>{t('perceive.channel')}</label>
            <select id={ids.channel} value={String(effectiveChannel)} onChange={(e) => setChannel(e.target.value === 'mean' ? 'mean' : Number(e.target.value))}>
              <option value="mean">{t('perceive.channelMean', { count: inputChannels })}</option>
              {Array.from({ length: inputChannels }, (_, i) => (
                <option key={i} value={i}>
                  {t('perceive.channelOption', { n: i + 1 })}
                </option>
              ))}
            </select>
          </span>
        ) : null}
      </div>
      <div className="perceive-kernel-row">
        <div>
          <ul className="kernel-tiles" aria-label={t('perceive.kernelsOf', { name: layer.name, filters, size: `${kh}×${kw}` })}>
            {kernels.images.map((image, f) => (
              <li key={f} title={kernels.grids[f]!.map((row) => row.map((v) => formatResult(v)).join(' ')).join('\n')}>
                <GrayCanvas image={image} size={tileFor(filters)} label={t('perceive.filter', { name: layer.name, n: f + 1 })} />
              </li>
            ))}
          </ul>
          <p className="muted lab-hint">{t('perceive.kernelLegend', { max: formatResult(kernels.maxAbs) })}</p>
        </div>
        <aside className="classic-kernels" aria-labelledby="classic-kernels-title">
          <h3 id="classic-kernels-title">{t('perceive.classicTitle')}</h3>
          <ul className="kernel-tiles">
            {kernelPresetIds
              .filter((id) => id !== 'identity')
              .map((id) => (
                <li key={id}>
                  <GrayCanvas image={kernelImage(KERNEL_PRESETS[id])} size={44} label={t(`kernelNames.${id}`)} />
                  <span>{t(`kernelNames.${id}`)}</span>
                </li>
              ))}
          </ul>
        </aside>
      </div>
    </section>
  );
}
