'use client';

import { useEffect, useRef } from 'react';

interface Props {
  /** h*w*c bytes (0-255) or floats (0-1), HWC */
  pixels: Uint8Array | Float32Array;
  shape: readonly [number, number, number];
  scale?: number;
  alt: string;
}

/** Draws one image the way the model sees it, enlarged with crisp pixels. */
export function ExampleImage({ pixels, shape, scale = 3, alt }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [h, w, c] = shape;
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(w, h);
    const k = pixels instanceof Float32Array ? 255 : 1;
    for (let p = 0; p < h * w; p++) {
      const r = (pixels[p * c] ?? 0) * k;
      image.data[p * 4] = r;
      image.data[p * 4 + 1] = c >= 3 ? (pixels[p * c + 1] ?? 0) * k : r;
      image.data[p * 4 + 2] = c >= 3 ? (pixels[p * c + 2] ?? 0) * k : r;
      image.data[p * 4 + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
  }, [pixels, h, w, c]);
  return <canvas ref={canvas} width={w} height={h} className="train-example" style={{ width: w * scale, height: h * scale }} role="img" aria-label={alt} />;
}
