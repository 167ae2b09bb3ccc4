// The architecture with its weights as a PyTorch project: model.py (a plain
// torch.nn.Module with the same layer names and wiring, only torch and
// numpy), weights.npz (every weight in Keras's layout) and a README, zipped.
// Pure: each layer type writes its module, forward and weight copy through
// lib/layers/<Type>/pytorch.ts. Node ids are untrusted: they reach Python
// only as sanitised identifiers (variableNames) or through pythonString.
import { strToU8, zipSync } from 'fflate';
import { pythonComment, pythonString } from '../codegen/python';
import { variableNames } from '../keras/export';
import { pytorchRegistry } from '../layers/pytorch.generated';
import type { PytorchContext, PytorchMapping } from '../layers/shared/pytorch';
import type { ArchitectureDocument } from '../schema';
import { FIXED_MTIME, npz } from './npy';
import { describeInput, missingWeight, planExport, preprocessing, weightOf, type ExportResult, type LayerWeight, type LayerWeights } from './model';

/** nn.Module's own attributes and the names forward() and load_weights() use: never a layer's attribute or local. */
const reserved = new Set([
  ...['T_destination', 'add_module', 'apply', 'bfloat16', 'buffers', 'call_super_init', 'children', 'compile', 'cpu', 'cuda', 'double', 'dump_patches', 'eval', 'extra_repr', 'float', 'forward'],
  ...['get_buffer', 'get_extra_state', 'get_parameter', 'get_submodule', 'half', 'ipu', 'load_state_dict', 'modules', 'mtia', 'named_buffers', 'named_children', 'named_modules', 'named_parameters'],
  ...['parameters', 'register_backward_hook', 'register_buffer', 'register_forward_hook', 'register_forward_pre_hook', 'register_full_backward_hook', 'register_full_backward_pre_hook'],
  ...['register_load_state_dict_post_hook', 'register_load_state_dict_pre_hook', 'register_module', 'register_parameter', 'register_state_dict_post_hook', 'register_state_dict_pre_hook'],
  ...['requires_grad_', 'set_extra_state', 'share_memory', 'smart_apply', 'state_dict', 'to', 'to_empty', 'train', 'training', 'type', 'xpu', 'zero_grad'],
  ...['self', 'x', 'torch', 'nn', 'F', 'np', 'os', 'argparse', 'weights', 'path', 'Model', 'load_weights', 'main'],
]);

/**
 * Module attribute names for node ids: Python identifiers (lib/keras's
 * variableNames), never an nn.Module attribute, never starting with `_`
 * (nn.Module's internals), unique.
 */
export function moduleAttributeNames(ids: readonly string[]): Map<string, string> {
  const names = variableNames(ids);
  const used = new Set(names.values());
  for (const [id, name] of names) {
    if (!name.startsWith('_') && !reserved.has(name)) continue;
    const base = `layer_${name.replace(/^_+/, '')}`.replace(/_+$/, '') || 'layer';
    let candidate = base;
    for (let n = 2; used.has(candidate) || reserved.has(candidate); n++) candidate = `${base}_${n}`;
    used.add(candidate);
    names.set(id, candidate);
  }
  return names;
}

const prelude = `import argparse
import os

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def _pad(x, pads, value=0.0):
    """Pads (top, left, bottom, right) of the last two axes: TensorFlow's 'same' padding, which may be uneven."""
    top, left, bottom, right = pads
    return F.pad(x, (left, right, top, bottom), value=value)


def _avg_pool_same(x, kernel, stride, pads):
    """TensorFlow's 'same' average pooling: the mean of the cells inside the image only."""
    total = F.avg_pool2d(_pad(x, pads), kernel, stride)
    inside = F.avg_pool2d(_pad(torch.ones_like(x[:, :1]), pads), kernel, stride)
    return total / inside


def _tensor(array):
    return torch.from_numpy(np.ascontiguousarray(array, dtype=np.float32))
`;

const indent = (lines: readonly string[], depth: number) => lines.map((l) => (l === '' ? l : `${' '.repeat(depth * 4)}${l}`));

export interface PytorchFiles {
  'model.py': string;
  'weights.npz': Uint8Array;
  'README.md': string;
}

/**
 * The PyTorch project as files and as one zip. Refused, naming the culprits,
 * when the graph has errors, a layer has no PyTorch form, or a weight is missing.
 */
export function exportPytorch(doc: ArchitectureDocument, weights: LayerWeights): ExportResult<{ files: PytorchFiles; zip: Uint8Array }> {
  const planned = planExport(doc, 'pytorch', pytorchRegistry);
  if (!planned.ok) return planned;
  const { plan } = planned;
  const attrs = moduleAttributeNames([plan.input.id, ...plan.nodes.map((n) => n.node.id)]);
  const local = new Map<string, string>([[plan.input.id, attrs.get(plan.input.id)!]]);
  const modules: string[] = [];
  const forward: string[] = [`${attrs.get(plan.input.id)!} = x`];
  const loads: string[] = [];
  const arrays = new Map<string, LayerWeight>();
  try {
    for (const { node, inputIds, inputShapes, outputShape } of plan.nodes) {
      const part = pytorchRegistry[node.type];
      const attr = attrs.get(node.id)!;
      if (part.kind === 'identity') {
        // Identity at inference: the next layer reads this one's input.
        local.set(node.id, local.get(inputIds[0]!)!);
        continue;
      }
      const mapping = part as PytorchMapping<typeof node.params>;
      const context: PytorchContext = {
        attr,
        inputs: inputIds.map((id) => local.get(id)!),
        inputShapes,
        outputShape,
        key(slot) {
          const key = `${attr}.${slot}`;
          arrays.set(key, weightOf(weights, node.id, slot));
          return pythonString(key);
        },
      };
      const label = `# ${pythonComment(`${node.type} "${node.id}"`)}`;
      const constructor = mapping.module?.(node.params, context);
      if (constructor) modules.push(label, `self.${attr} = ${constructor}`);
      forward.push(`${attr} = ${mapping.forward(node.params, context)}`);
      const copies = mapping.loadWeights?.(node.params, context) ?? [];
      if (copies.length > 0) loads.push(label, ...copies);
      local.set(node.id, attr);
    }
  } catch (e) {
    const refusal = missingWeight(e);
    if (refusal) return { ok: false, refusal };
    throw e;
  }
  const inputText = `${describeInput(plan.input.params.shape)}, ${preprocessing}`;
  const modelPy = [
    `# ${pythonComment(doc.name)}`,
    '# Exported from CNN Studio: a plain torch.nn.Module with the same layer names and wiring.',
    `# Input: ${inputText}.`,
    '# Dropout and other training-only layers are left out (identity at inference).',
    '# Run it beside weights.npz: `python model.py` loads the weights and prints the parameter count;',
    '# `python model.py --input images.npy --output predictions.npy` also predicts.',
    prelude,
    '',
    'class Model(nn.Module):',
    ...indent(['"""The architecture from CNN Studio; call .eval() before predicting (BatchNormalization then uses its running statistics)."""', ''], 1),
    ...indent(['def __init__(self):'], 1),
    ...indent(['super().__init__()', ...modules], 2),
    '',
    ...indent(['def forward(self, x):'], 1),
    ...indent([...forward, `return ${local.get(plan.outputId)!}`], 2),
    '',
    '',
    'def load_weights(model, path):',
    ...indent(
      [
        '"""Copies weights.npz (Keras layouts) into the model: kernels HWIO -> OIHW, Dense kernels transposed,',
        "BatchNormalization's moving statistics into running_mean and running_var. Flatten needs no row change:",
        'forward() flattens channels-last, as Keras does."""',
        ...(loads.length > 0 ? ['with np.load(path) as weights, torch.no_grad():', ...indent(loads, 1)] : ['# This architecture has no weights.']),
        'return model',
      ],
      1,
    ),
    '',
    '',
    'def main():',
    ...indent(
      [
        "parser = argparse.ArgumentParser(description='Loads the weights and prints the parameter count; with --input, predicts.')",
        "parser.add_argument('--weights', default=os.path.join(os.path.dirname(os.path.abspath(__file__)), 'weights.npz'))",
        `parser.add_argument('--input', help=${pythonString(`a .npy of ${inputText}`)})`,
        "parser.add_argument('--output', help='where to save the predictions (.npy); printed when omitted')",
        'args = parser.parse_args()',
        'model = load_weights(Model(), args.weights).eval()',
        'trainable = sum(p.numel() for p in model.parameters())',
        "statistics = sum(b.numel() for name, b in model.named_buffers() if name.endswith(('running_mean', 'running_var')))",
        "print(f'Parameters: {trainable + statistics:,} ({trainable:,} trainable, {statistics:,} non-trainable)')",
        'if args.input:',
        '    with torch.no_grad():',
        '        predictions = model(_tensor(np.load(args.input))).numpy()',
        '    if args.output:',
        '        np.save(args.output, predictions)',
        '    else:',
        '        print(predictions)',
      ],
      1,
    ),
    '',
    '',
    "if __name__ == '__main__':",
    '    main()',
    '',
  ].join('\n');
  const files: PytorchFiles = { 'model.py': modelPy, 'weights.npz': npz(arrays), 'README.md': pytorchReadme(doc.name, inputText) };
  const zip = zipSync({ 'model.py': strToU8(files['model.py']), 'weights.npz': [files['weights.npz'], { level: 0 }], 'README.md': strToU8(files['README.md']) }, { mtime: FIXED_MTIME });
  return { ok: true, files, zip };
}

function pytorchReadme(name: string, inputText: string): string {
  return [
    `# ${name.replace(/[\r\n]+/g, ' ')}: PyTorch`,
    '',
    'Exported from CNN Studio. `model.py` is a plain `torch.nn.Module` (only torch and numpy) with the',
    'same layer names and wiring; `weights.npz` holds the weights in Keras\'s layouts, and `load_weights`',
    'changes them to PyTorch\'s.',
    '',
    '```sh',
    'pip install torch numpy',
    'python model.py                                          # loads the weights, prints the parameter count',
    'python model.py --input images.npy --output predictions.npy',
    '```',
    '',
    'In Python:',
    '',
    '```python',
    'from model import Model, load_weights',
    "model = load_weights(Model(), 'weights.npz').eval()",
    'predictions = model(images)  # a torch.float32 tensor',
    '```',
    '',
    `Input: ${inputText}.`,
    '',
  ].join('\n');
}
