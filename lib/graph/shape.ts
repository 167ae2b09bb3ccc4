/** A tensor shape without the batch dimension, e.g. [28, 28, 1] or [400]. */
export type Shape = readonly number[];

export type Pair = readonly [number, number];

/** kernelSize, poolSize and strides take a number or [h, w], as in Keras. */
export function toPair(value: number | readonly [number, number]): Pair {
  return typeof value === 'number' ? [value, value] : value;
}

export type Padding = 'valid' | 'same';

/** Keras's output length: valid -> ceil((n - k + 1) / s); same -> ceil(n / s). */
export function convOutputLength(n: number, k: number, s: number, padding: Padding): number {
  return padding === 'same' ? Math.ceil(n / s) : Math.ceil((n - k + 1) / s);
}

export function formatShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

/** 14×14×75, the way node badges show a shape. */
export function formatShapeCompact(shape: Shape): string {
  return shape.join('×');
}

export function formatPair(pair: Pair): string {
  return `${pair[0]}×${pair[1]}`;
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

export function product(shape: Shape): number {
  return shape.reduce((acc, d) => acc * d, 1);
}
