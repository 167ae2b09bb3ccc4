'use client';

import type * as tf from '@tensorflow/tfjs';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { formatResult } from '@/lib/learn/format';
import { featureMaps, type FeatureMapLayer } from '@/lib/learn/perceive';
import { GrayCanvas } from '../GrayCanvas';
import type { DatasetSample } from '../samples';

/** How many channels a layer shows before "Show all". */
const FIRST_CHANNELS = 16;

type MapsState = { status: 'computing' } | { status: 'ready'; layers: FeatureMapLayer[]; forSample: DatasetSample } | { status: 'failed'; error: string };

/** What every convolution and pooling layer outputs for one chosen sample. */
export function FeatureMapsView({ model, shape, samples }: { model: tf.LayersModel; shape: [number, number, number]; samples: DatasetSample[] }) {
  const t = useTranslations('learn.perceive');
  const [index, setIndex] = useState(0);
  const [state, setState] = useState<MapsState>({ status: 'computing' });
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const sample = samples[Math.min(index, samples.length - 1)];

  useEffect(() => {
    if (!sample) return;
    let live = true;
    featureMaps(model, sample.pixels, shape)
      .then((layers) => live && setState({ status: 'ready', layers, forSample: sample }))
      .catch((e: unknown) => live && setState({ status: 'failed', error: e instanceof Error ? e.message : String(e) }));
    return () => {
      live = false;
    };
  }, [model, sample, shape]);

  if (!sample) return null;
  return (
    <section className="perceive-maps" aria-labelledby="feature-maps-title">
      <h2 id="feature-maps-title">{t('mapsTitle')}</h2>
      <ul className="sample-strip" aria-label={t('samples')}>
        {samples.map((s, i) => (
          <li key={i}>
            <button type="button" aria-pressed={i === index} aria-label={t('sampleName', { n: i + 1, label: s.className })} title={s.className} onClick={() => setIndex(i)}>
              <GrayCanvas image={s.image} size={40} />
            </button>
          </li>
        ))}
      </ul>
      {state.status === 'failed' ? (
        <p className="error-text" role="alert">
          {t('mapsFailed', { error: state.error })}
        </p>
      ) : state.status === 'computing' ? (
        <p className="muted" role="status">
          {t('computing')}
        </p>
      ) : (
        <div className="map-layers">
          <figure className="map-input">
            <GrayCanvas image={state.forSample.image} size={112} label={t('inputLabel', { label: state.forSample.className })} />
            <figcaption>{t('input', { size: `${shape[0]}×${shape[1]}×${shape[2]}` })}</figcaption>
          </figure>
          {state.layers.map((layer) => {
            const all = expanded.has(layer.name);
            const shown = all ? layer.maps : layer.maps.slice(0, FIRST_CHANNELS);
            const tile = Math.max(28, Math.min(72, 4 * layer.shape[0]));
            return (
              <section key={layer.name} className="map-layer" aria-label={t('layerMaps', { name: layer.name })}>
                <h3>
                  <span className="mono">{layer.name}</span> · {layer.className} · <span className="mono">{layer.shape.join('×')}</span>
                </h3>
                <ul className="map-tiles">
                  {shown.map((m, c) => (
                    <li key={c} title={t('mapRange', { min: formatResult(layer.ranges[c]!.min), max: formatResult(layer.ranges[c]!.max) })}>
                      <GrayCanvas image={m} size={tile} label={t('mapLabel', { name: layer.name, n: c + 1 })} />
                    </li>
                  ))}
                </ul>
                {layer.maps.length > FIRST_CHANNELS ? (
                  <button
                    type="button"
                    onClick={() =>
                      setExpanded((e) => {
                        const next = new Set(e);
                        if (all) next.delete(layer.name);
                        else next.add(layer.name);
                        return next;
                      })
                    }
                  >
                    {all ? t('showFirst', { count: FIRST_CHANNELS }) : t('showAll', { count: layer.maps.length })}
                  </button>
                ) : null}
              </section>
            );
          })}
        </div>
      )}
      <p className="muted lab-hint">{t('mapsLegend')}</p>
    </section>
  );
}
