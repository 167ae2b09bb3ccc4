'use client';

import { useEffect, useRef } from 'react';
import { displayBytes, type GrayImage } from '@/lib/learn/image';

/** A grayscale image drawn pixel for pixel and scaled up without smoothing; values outside 0–1 are clamped. */
export function GrayCanvas({ image, label, size, className }: { image: GrayImage; label?: string; size: number; className?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    canvas.width = image.width;
    canvas.height = image.height;
    ctx.putImageData(new ImageData(displayBytes(image), image.width, image.height), 0, 0);
  }, [image]);
  const scale = size / Math.max(image.width, image.height);
  return (
    <canvas
      ref={ref}
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
      className={`gray-canvas ${className ?? ''}`}
      style={{ width: Math.round(image.width * scale), height: Math.round(image.height * scale) }}
    />
  );
}
