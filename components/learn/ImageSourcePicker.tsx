'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { fitWithin, grayFromRgba, type GrayImage } from '@/lib/learn/image';
import { GrayCanvas } from './GrayCanvas';
import { loadDatasetSamples, type DatasetSample } from './samples';

/** The built-in datasets the gallery offers, smallest download first. */
const galleryDatasets = [
  { id: 'mnist', name: 'MNIST' },
  { id: 'fashion-mnist', name: 'Fashion-MNIST' },
] as const;
type GalleryDatasetId = (typeof galleryDatasets)[number]['id'];

const SAMPLE_COUNT = 8;
/** Uploaded photos are shrunk to this many pixels on the long side: enough to see a kernel's effect, quick to convolve. */
const UPLOAD_LIMIT = 192;

type Sample = Pick<DatasetSample, 'image' | 'className'>;

type SamplesState = { status: 'loading'; progress: number } | { status: 'ready'; samples: Sample[] } | { status: 'failed'; message: string };

async function loadSamples(id: GalleryDatasetId, onProgress: (f: number) => void): Promise<Sample[]> {
  return (await loadDatasetSamples(id, SAMPLE_COUNT, onProgress)).samples;
}

async function decodePhoto(file: File): Promise<GrayImage> {
  const bitmap = await createImageBitmap(file);
  const [width, height] = fitWithin(bitmap.width, bitmap.height, UPLOAD_LIMIT);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return grayFromRgba(ctx.getImageData(0, 0, width, height).data, width, height);
}

/** Thumbnails of a few dataset samples and an upload button; the chosen image goes to onPick as grayscale. */
export function ImageSourcePicker({ onPick }: { onPick: (image: GrayImage, name: string) => void }) {
  const t = useTranslations('learn.gallery');
  const [datasetId, setDatasetId] = useState<GalleryDatasetId>('mnist');
  const [state, setState] = useState<SamplesState>({ status: 'loading', progress: 0 });
  const [chosen, setChosen] = useState<string | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const ids = { dataset: useId(), upload: useId() };
  /** Set once anything is shown, so a later dataset load does not replace the user's choice. */
  const picked = useRef(false);

  useEffect(() => {
    let live = true;
    loadSamples(datasetId, (progress) => live && setState({ status: 'loading', progress }))
      .then((samples) => {
        if (!live) return;
        setState({ status: 'ready', samples });
        // The first sample is shown until the user picks another.
        const first = samples[0];
        if (first && !picked.current) {
          picked.current = true;
          setChosen(`${datasetId}:0`);
          onPick(first.image, t('sampleName', { n: 1, label: first.className }));
        }
      })
      .catch((e: unknown) => live && setState({ status: 'failed', message: e instanceof Error ? e.message : String(e) }));
    return () => {
      live = false;
    };
    // onPick and t are stable enough for this one-shot load per dataset.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [datasetId]);

  return (
    <div className="source-picker">
      <span className="inline-field">
        <label htmlFor={ids.dataset}>{t('dataset')}</label>
        <select
          id={ids.dataset}
          value={datasetId}
          onChange={(e) => {
            setDatasetId(e.target.value as GalleryDatasetId);
            setState({ status: 'loading', progress: 0 });
          }}
        >
          {galleryDatasets.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </span>
      {state.status === 'loading' ? (
        <p className="muted" role="status">
          {t('loading', { percent: Math.round(state.progress * 100) })}
        </p>
      ) : state.status === 'failed' ? (
        <p className="error-text" role="alert">
          {t('loadFailed', { message: state.message })}
        </p>
      ) : (
        <ul className="sample-strip" aria-label={t('samples')}>
          {state.samples.map((s, i) => {
            const key = `${datasetId}:${i}`;
            const name = t('sampleName', { n: i + 1, label: s.className });
            return (
              <li key={key}>
                <button
                  type="button"
                  aria-pressed={chosen === key}
                  aria-label={name}
                  title={name}
                  onClick={() => {
                    picked.current = true;
                    setChosen(key);
                    onPick(s.image, name);
                  }}
                >
                  <GrayCanvas image={s.image} size={40} />
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <span className="inline-field upload">
        <label htmlFor={ids.upload}>{t('upload')}</label>
        <input
          id={ids.upload}
          type="file"
          accept="image/*"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            try {
              const image = await decodePhoto(file);
              setUploadError(null);
              picked.current = true;
              setChosen(`upload:${file.name}`);
              onPick(image, file.name);
            } catch {
              setUploadError(t('uploadFailed', { name: file.name }));
            }
          }}
        />
      </span>
      {uploadError ? (
        <p className="error-text" role="alert">
          {uploadError}
        </p>
      ) : null}
    </div>
  );
}
