import { describe, expect, it } from 'vitest';
import { exceededLimit, PARAM_LIMITS } from './params';
import { grownImage, sidesBadge, sidesParam, sidesText } from './sides';

const padding = sidesParam('padding');

describe('padding and cropping per side', () => {
  it("accepts Keras's three forms and stores [[top, bottom], [left, right]]", () => {
    expect(padding.parse(2)).toEqual([[2, 2], [2, 2]]);
    expect(padding.parse([1, 3])).toEqual([[1, 1], [3, 3]]);
    expect(padding.parse([[0, 1], [2, 3]])).toEqual([[0, 1], [2, 3]]);
    expect(padding.parse(0)).toEqual([[0, 0], [0, 0]]);
  });

  it('refuses negative, fractional or oddly nested values, naming the value', () => {
    for (const bad of [-1, 1.5, [1, 2, 3], [[1], [2, 3]], 'one', [[1, 2], [3, -4]]]) {
      const result = padding.safeParse(bad);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/^expected padding as a whole number, \[height, width\] or \[\[top, bottom\], \[left, right\]\]/);
    }
  });

  it('refuses a side over the limit, naming the limit', () => {
    const result = padding.safeParse([[1, 1], [1, 5000]]);
    expect(result.error?.issues[0]?.message).toBe('expected padding of at most 4,096 per side, got [[1,1],[1,5000]]');
    expect(exceededLimit('padding', [[1, 1], [1, 5000]])).toBe(PARAM_LIMITS.inputSide);
    expect(exceededLimit('cropping', 5000)).toBe(PARAM_LIMITS.inputSide);
    expect(exceededLimit('padding', 'same')).toBeNull();
    expect(exceededLimit('size', [2, 65])).toBe(PARAM_LIMITS.window);
    expect(exceededLimit('targetShape', [-1, 2_000_000])).toBe(PARAM_LIMITS.inputLength);
  });

  it('shows the shortest form that says the same, in the inspector and on the badge', () => {
    expect(sidesText([[1, 1], [1, 1]])).toBe('1');
    expect(sidesText([[1, 1], [2, 2]])).toBe('1, 2');
    expect(sidesText([[0, 1], [2, 3]])).toBe('0, 1, 2, 3');
    expect(sidesBadge([[1, 1], [2, 2]])).toBe('1×2');
    expect(sidesBadge([[0, 1], [2, 3]])).toBe('t0 b1 · l2 r3');
  });
});

describe('layers that grow an image', () => {
  it('refuse a side over the largest image side, naming the size and the limit', () => {
    expect(grownImage('UpSampling2D', [4096, 8, 3], 'use a smaller size')).toEqual({ ok: true, shape: [4096, 8, 3] });
    const result = grownImage('UpSampling2D', [8192, 8192, 3], 'use a smaller size', { kind: 'setParam', param: 'size', value: 1 });
    expect(result).toEqual({
      ok: false,
      problem: {
        code: 'imageTooLarge',
        values: { layer: 'UpSampling2D', size: '8,192×8,192', limit: 4096 },
        message: 'UpSampling2D would make an image of 8,192×8,192, larger than the limit of 4,096 per side: use a smaller size',
        fix: { kind: 'setParam', param: 'size', value: 1 },
      },
    });
  });
});
