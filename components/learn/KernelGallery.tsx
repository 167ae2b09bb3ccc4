'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { KERNEL_PRESETS, kernelPresetIds, presetOf, type KernelPresetId } from '@/lib/learn/course';
import { formatResult } from '@/lib/learn/format';
import type { Grid } from '@/lib/learn/grid';
import { valueRange, type GrayImage } from '@/lib/learn/image';
import { ChoiceGroup } from './ChoiceGroup';
import { GrayCanvas } from './GrayCanvas';
import { ImageSourcePicker } from './ImageSourcePicker';
import { KernelEditor } from './KernelEditor';

interface Result {
  image: GrayImage;
  min: number;
  max: number;
}

const DISPLAY_SIZE = 224;

/** Raw convolution of a grayscale image with tfjs (edge-replicate padding, so the size is kept). */
async function applyKernel(image: GrayImage, kernel: Grid): Promise<Result> {
  // tfjs is loaded on first use, so the lesson text shows before the library arrives.
  const [tf, { convolveImage }] = await Promise.all([import('@tensorflow/tfjs'), import('@/lib/learn/tfConvolve')]);
  await tf.ready();
  const out = tf.tidy(() => {
    const x = tf.tensor2d(image.pixels, [image.height, image.width]); // [h, w]
    return convolveImage(x, kernel, { stride: [1, 1], padding: 'replicate' });
  });
  const pixels = (await out.data()) as Float32Array;
  out.dispose();
  return { image: { width: image.width, height: image.height, pixels }, ...valueRange(pixels) };
}

/**
 * Classic kernels on a real picture: the original beside the result, which is
 * clamped to 0–1 for display while its raw range is stated.
 */
export function KernelGallery({ initialPreset, presets = kernelPresetIds }: { initialPreset: KernelPresetId; presets?: readonly KernelPresetId[] }) {
  const t = useTranslations('learn');
  const [source, setSource] = useState<{ image: GrayImage; name: string } | null>(null);
  const [kernel, setKernel] = useState<Grid>(KERNEL_PRESETS[initialPreset]);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const editorRef = useRef<HTMLDivElement>(null);
  const preset = presetOf(kernel);
  const kernelName = t(`kernelNames.${preset ?? 'custom'}`);

  useEffect(() => {
    if (!source) return;
    let live = true;
    applyKernel(source.image, kernel)
      .then((r) => {
        if (!live) return;
        setResult(r);
        setError(null);
      })
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [source, kernel]);

  return (
    <section className="lab gallery" aria-label={t('gallery.labLabel')}>
      <ImageSourcePicker onPick={(image, name) => setSource({ image, name })} />
      <ChoiceGroup
        label={t('gallery.kernel')}
        options={[...presets.map((id) => ({ value: id, label: t(`kernelNames.${id}`) })), { value: 'custom', label: t('kernelNames.custom') }]}
        value={preset ?? 'custom'}
        onChange={(v) => {
          if (v === 'custom') editorRef.current?.querySelector('input')?.focus();
          else setKernel(KERNEL_PRESETS[v as KernelPresetId]);
        }}
      />
      <div className="gallery-row">
        <figure>
          {source ? <GrayCanvas image={source.image} size={DISPLAY_SIZE} label={t('gallery.originalLabel', { name: source.name })} /> : <div className="gallery-placeholder" />}
          <figcaption>{t('gallery.original')}</figcaption>
        </figure>
        <div className="gallery-kernel" ref={editorRef}>
          <span className="conv-operator" aria-hidden="true">
            ✱
          </span>
          <KernelEditor kernel={kernel} onChange={setKernel} caption={t('gallery.kernelCaption', { name: kernelName })} />
          <span className="conv-operator" aria-hidden="true">
            =
          </span>
        </div>
        <figure>
          {result ? (
            <GrayCanvas image={result.image} size={DISPLAY_SIZE} label={t('gallery.resultLabel', { kernel: kernelName, name: source?.name ?? '' })} />
          ) : (
            <div className="gallery-placeholder" />
          )}
          <figcaption>
            {t('gallery.result', { kernel: kernelName })}
            {result ? (
              <span className="gallery-range" data-testid="raw-range">
                {t('gallery.range', { min: formatResult(result.min), max: formatResult(result.max) })}
              </span>
            ) : null}
          </figcaption>
        </figure>
      </div>
      {error ? (
        <p className="error-text" role="alert">
          {t('gallery.failed', { message: error })}
        </p>
      ) : null}
      <p className="muted lab-hint">{t('gallery.hint')}</p>
    </section>
  );
}
