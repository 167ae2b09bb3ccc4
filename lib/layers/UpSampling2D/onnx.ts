import { toPair } from '../../graph/shape';
import { defineOnnx, type OnnxAttribute } from '../shared/onnx';
import type { UpSampling2DParams } from '.';

/**
 * Resize by the integer factors. tfjs samples without half-pixel centres
 * (source = destination / size): ONNX's 'asymmetric' coordinates, with floor
 * for nearest (a plain repeat) and ONNX's edge clamping for linear, as TensorFlow does.
 */
export const onnx = defineOnnx<UpSampling2DParams>((p, context) => {
  const [sh, sw] = toPair(p.size);
  const scales = context.constant('scales', [4], new Float32Array([1, 1, sh, sw]));
  const attributes: Record<string, OnnxAttribute> =
    p.interpolation === 'nearest'
      ? { mode: { string: 'nearest' }, coordinate_transformation_mode: { string: 'asymmetric' }, nearest_mode: { string: 'floor' } }
      : { mode: { string: 'linear' }, coordinate_transformation_mode: { string: 'asymmetric' } };
  // No roi (only 'tf_crop_and_resize' reads it): an empty input name.
  context.node('Resize', [context.inputs[0]!, '', scales], attributes, context.output);
});
