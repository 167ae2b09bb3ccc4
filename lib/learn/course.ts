// The numbers the course uses, exactly as it prints them. Tests check that the
// lessons reproduce the course's quoted results from these inputs.
import type { Grid } from './grid';

/** The course's 6×6 binary image. */
export const COURSE_IMAGE: Grid = [
  [1, 0, 1, 1, 0, 1],
  [0, 1, 0, 0, 1, 0],
  [0, 1, 1, 1, 1, 0],
  [0, 1, 1, 1, 1, 0],
  [1, 0, 1, 1, 0, 1],
  [1, 1, 0, 0, 1, 1],
];

/**
 * The course's blur kernel, with its weights already rounded to two decimals
 * (the Gaussian 1/16, 2/16, 4/16 rounded). The course computed its outputs
 * with these rounded weights, not with sixteenths: that is why its first
 * output row reads .56 .57 .57 .56 and its second starts with .70 (1/16 would
 * give .5625 .5625 … and .6875 → .69). See convolve.test.ts.
 */
export const COURSE_BLUR: Grid = [
  [0.06, 0.13, 0.06],
  [0.13, 0.25, 0.13],
  [0.06, 0.13, 0.06],
];

export const kernelPresetIds = ['identity', 'blur', 'sharpen', 'brighten', 'darken', 'verticalEdges', 'horizontalEdges'] as const;
export type KernelPresetId = (typeof kernelPresetIds)[number];

export const KERNEL_PRESETS: Record<KernelPresetId, Grid> = {
  identity: [
    [0, 0, 0],
    [0, 1, 0],
    [0, 0, 0],
  ],
  blur: COURSE_BLUR,
  sharpen: [
    [0, -1, 0],
    [-1, 5, -1],
    [0, -1, 0],
  ],
  brighten: [
    [0, 0, 0],
    [0, 1.5, 0],
    [0, 0, 0],
  ],
  darken: [
    [0, 0, 0],
    [0, 0.5, 0],
    [0, 0, 0],
  ],
  verticalEdges: [
    [1, 0, -1],
    [2, 0, -2],
    [1, 0, -1],
  ],
  horizontalEdges: [
    [1, 2, 1],
    [0, 0, 0],
    [-1, -2, -1],
  ],
};

export function isKernelPresetId(value: unknown): value is KernelPresetId {
  return typeof value === 'string' && (kernelPresetIds as readonly string[]).includes(value);
}

/** Which preset a kernel is, if any: the gallery highlights it after a hand edit lands back on one. */
export function presetOf(kernel: Grid): KernelPresetId | null {
  return (
    kernelPresetIds.find((id) => {
      const preset = KERNEL_PRESETS[id];
      return preset.length === kernel.length && preset.every((row, r) => row.length === kernel[r]?.length && row.every((v, c) => v === kernel[r]?.[c]));
    }) ?? null
  );
}

/**
 * A kernel of any size for the stride and padding lessons: the course blur
 * when 3×3, otherwise a box blur (every weight 1/(h·w)), so the output stays
 * in the image's 0–1 range whatever size the editor asks for.
 */
export function blurKernel(rows: number, cols: number): number[][] {
  if (rows === 3 && cols === 3) return COURSE_BLUR.map((row) => [...row]);
  const w = 1 / (rows * cols);
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => w));
}

/** A 6×6 image, bright on the left and dark on the right: one vertical edge, and nothing for the horizontal-edge kernel to find. */
export const EDGE_IMAGE: Grid = [
  [1, 1, 1, 0, 0, 0],
  [1, 1, 1, 0, 0, 0],
  [1, 1, 1, 0, 0, 0],
  [1, 1, 1, 0, 0, 0],
  [1, 1, 1, 0, 0, 0],
  [1, 1, 1, 0, 0, 0],
];
