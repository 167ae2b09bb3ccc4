// Every layer type says how ONNX and PyTorch export it: training-only types
// (Dropout, augmentation) are left out as identity, every other type maps
// itself or refuses with a reason; never silently identity.
import { describe, expect, it } from 'vitest';
import { onnxRegistry } from '../layers/onnx.generated';
import { pytorchRegistry } from '../layers/pytorch.generated';
import { isTrainingOnly, layerTypes, type LayerType } from '../layers/registry';

const exported = layerTypes.filter((t): t is Exclude<LayerType, 'Input'> => t !== 'Input');

describe.each(exported)('%s', (type) => {
  it.each([
    ['onnx', onnxRegistry[type] as { kind: string; reason?: string }],
    ['pytorch', pytorchRegistry[type] as { kind: string; reason?: string }],
  ])('has a %s part that fits what it does at inference', (format, part) => {
    if (isTrainingOnly(type)) expect(part.kind, `${type} is training-only: export it as identityAtInference`).toBe('identity');
    else expect(part.kind, `${type} changes its input at inference: map it, or refuse with unsupported('reason')`).not.toBe('identity');
    if (part.kind === 'unsupported') expect(part.reason?.length ?? 0).toBeGreaterThan(10);
    else expect(['identity', format]).toContain(part.kind);
  });
});
