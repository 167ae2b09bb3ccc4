import { describe, expect, it } from 'vitest';
import { layerDef } from '../layers/registry';
import { augmentationLayers, factorMeaning, factorSliders, lessonLayerParams, parseAugmentationQuery } from './augmentation';

describe('the augmentation lesson', () => {
  it('opens with the layer and factor a node’s lesson link carries', () => {
    const link = layerDef('RandomRotation').lessons!({ factor: 0.03 })[0]!;
    expect(link.href).toBe('/learn/augmentation?layer=RandomRotation&factor=0.03');
    const query = Object.fromEntries(new URL(link.href, 'http://x').searchParams);
    expect(parseAugmentationQuery(query)).toEqual({ query: { layer: 'RandomRotation', factor: 0.03, mode: 'horizontal' }, notices: [] });
    const flip = Object.fromEntries(new URL(layerDef('RandomFlip').lessons!({ mode: 'vertical' })[0]!.href, 'http://x').searchParams);
    expect(parseAugmentationQuery(flip).query).toMatchObject({ layer: 'RandomFlip', mode: 'vertical' });
  });

  it('names a bad link value and falls back to the default', () => {
    const { query, notices } = parseAugmentationQuery({ layer: 'RandomShear', factor: 'lots' });
    expect(query).toEqual({ layer: 'RandomRotation', factor: null, mode: 'horizontal' });
    expect(notices).toEqual([
      { code: 'badChoice', param: 'layer', value: 'RandomShear', allowed: augmentationLayers.join(', ') },
      { code: 'badChoice', param: 'factor', value: 'lots', allowed: '0 … 0.5' },
    ]);
    expect(parseAugmentationQuery({ layer: 'RandomZoom', factor: '2' }).notices[0]?.allowed).toBe('0 … 0.9');
  });

  it('builds every layer with params its schema accepts, over the whole slider', () => {
    for (const layer of augmentationLayers) {
      const max = layer === 'RandomFlip' ? 0 : factorSliders[layer].max;
      for (const factor of [0, max]) expect(layerDef(layer).params.safeParse(lessonLayerParams(layer, factor, 'horizontal')).success).toBe(true);
    }
  });

  it('says what a factor means in degrees, percent or a multiplier', () => {
    expect(factorMeaning('RandomRotation', 0.1).amount).toBe('±36°');
    expect(factorMeaning('RandomZoom', 0.3).amount).toBe('±30%');
    expect(factorMeaning('RandomContrast', 0.5).amount).toBe('×0.5–1.5');
  });
});
