import { describe, expect, it } from 'vitest';
import type { LayerNode } from '../schema';
import { learnLinksFor } from './links';
import { parseConvolutionQuery, parseDropoutQuery, parsePoolingQuery } from './query';

const defaults = { kernel: [3, 3], stride: [1, 1], padding: 'valid' } as const;

describe('lesson query parameters', () => {
  it('reads the editor link format; Keras same padding means zeros', () => {
    expect(parseConvolutionQuery({ kernel: '3', stride: '2', padding: 'same' }, defaults)).toEqual({
      query: { kernel: [3, 3], stride: [2, 2], padding: 'zero' },
      notices: [],
    });
    expect(parseConvolutionQuery({ kernel: '3x5', stride: '1x2', padding: 'replicate' }, defaults).query).toEqual({
      kernel: [3, 5],
      stride: [1, 2],
      padding: 'replicate',
    });
  });

  it('ignores a bad value with a notice naming it, keeping the default', () => {
    const { query, notices } = parseConvolutionQuery({ kernel: '99', stride: 'two', padding: 'mirror' }, defaults);
    expect(query).toEqual(defaults);
    expect(notices).toEqual([
      { code: 'badSize', param: 'kernel', value: '99', allowed: '1–7' },
      { code: 'badSize', param: 'stride', value: 'two', allowed: '1–4' },
      { code: 'badChoice', param: 'padding', value: 'mirror', allowed: 'valid, same, zero, replicate' },
    ]);
  });

  it('pooling strides default to the pool size, as in Keras', () => {
    expect(parsePoolingQuery({ pool: '3' }).query).toEqual({ pool: [3, 3], stride: [3, 3], padding: 'valid', type: 'max' });
    expect(parsePoolingQuery({ pool: '2', stride: '1', type: 'average', padding: 'same' }).query).toEqual({
      pool: [2, 2],
      stride: [1, 1],
      padding: 'same',
      type: 'average',
    });
  });

  it('dropout rate must be in [0, 1)', () => {
    expect(parseDropoutQuery({ rate: '0.3' })).toEqual({ query: { rate: 0.3 }, notices: [] });
    expect(parseDropoutQuery({ rate: '1' }).notices[0]).toMatchObject({ code: 'badRate', value: '1' });
  });
});

describe('links from editor nodes', () => {
  const position = { x: 0, y: 0 };

  it('a Conv2D opens the convolution, stride and padding lessons with its own settings, which parse back', () => {
    const node: LayerNode = {
      id: 'conv1',
      type: 'Conv2D',
      position,
      params: { filters: 8, kernelSize: [3, 5], strides: 2, padding: 'same', activation: 'relu', useBias: true },
    };
    const links = learnLinksFor(node);
    expect(links.map((l) => l.href)).toEqual([
      '/learn/convolution?kernel=3x5&stride=2&padding=same',
      '/learn/stride?kernel=3x5&stride=2&padding=same',
      '/learn/padding?kernel=3x5&stride=2&padding=same',
    ]);
    const params = Object.fromEntries(new URL(links[1]!.href, 'http://x').searchParams);
    expect(parseConvolutionQuery(params, defaults)).toEqual({ query: { kernel: [3, 5], stride: [2, 2], padding: 'zero' }, notices: [] });
  });

  it('a pooling node without strides links with strides equal to its pool size', () => {
    const node: LayerNode = { id: 'p', type: 'AveragePooling2D', position, params: { poolSize: 2, padding: 'valid' } };
    expect(learnLinksFor(node)).toEqual([{ lesson: 'pooling', href: '/learn/pooling?pool=2&stride=2&padding=valid&type=average' }]);
  });

  it('layers no lesson covers get no link', () => {
    expect(learnLinksFor({ id: 'f', type: 'Flatten', position, params: {} })).toEqual([]);
  });
});
