// Test support: exported models run in real PyTorch (Debian's python3-torch)
// on the reference input, and, where asked, ONNX's own checker on the ONNX
// export, in one Python process for a whole list of cases.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import type { ArchitectureDocument } from '../schema';
import { npyFloat32 } from './npy';
import { exportOnnx } from './onnx';
import { exportPytorch } from './pytorch';
import type { Reference } from './testing';

export const python = process.env.CNN_STUDIO_PYTHON ?? '/usr/bin/python3';

/** Why `python` cannot import `modules` (and how to fix it), or null when it can. */
export function pythonMissing(modules: string[]): string | null {
  const probe = spawnSync(python, ['-c', `import ${modules.join(', ')}`], { encoding: 'utf8' });
  if (probe.status === 0) return null;
  return `${python} cannot import ${modules.join(', ')} (apt-get install -y ${modules.map((m) => `python3-${m}`).join(' ')})`;
}

const driver = String.raw`
import importlib.util, json, os, sys
import numpy as np
import torch
torch.set_num_threads(1)
out = []
for i, folder in enumerate(sys.argv[1:]):
    onnx_file = os.path.join(folder, 'model.onnx')
    if os.path.exists(onnx_file):
        import onnx
        onnx.checker.check_model(onnx.load(onnx_file), full_check=True)
    spec = importlib.util.spec_from_file_location('exported%d' % i, os.path.join(folder, 'model.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    model = module.load_weights(module.Model(), os.path.join(folder, 'weights.npz')).eval()
    with torch.no_grad():
        y = model(torch.from_numpy(np.load(os.path.join(folder, 'input.npy'))))
    y.numpy().astype('<f4').tofile(os.path.join(folder, 'output.bin'))
    # As model.py counts: parameters, plus BatchNormalization's running statistics.
    statistics = sum(b.numel() for name, b in model.named_buffers() if name.endswith(('running_mean', 'running_var')))
    out.append({'shape': list(y.shape), 'parameters': sum(p.numel() for p in model.parameters()) + statistics})
print(json.dumps(out))
`;

export interface TorchCase {
  label: string;
  doc: ArchitectureDocument;
  reference: Reference;
}

export interface TorchRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Per case, in order (empty when the run failed): PyTorch's output shape, parameter count and output values. */
  results: { shape: number[]; parameters: number; output: Float32Array }[];
}

/**
 * Exports every case to PyTorch (and ONNX with `checkOnnx`) under `dir`, runs
 * each model.py on its reference input in one Python process, and reads back
 * what PyTorch gave. An export refusal throws, naming the case.
 */
export function runInTorch(dir: string, cases: TorchCase[], { checkOnnx = false } = {}): TorchRun {
  const folders = cases.map((c, i) => {
    const exported = exportPytorch(c.doc, c.reference.weights);
    if (!exported.ok) throw new Error(`${c.label}: ${JSON.stringify(exported.refusal)}`);
    const folder = path.join(dir, `case${i}`);
    mkdirSync(folder, { recursive: true });
    for (const [name, bytes] of Object.entries(unzipSync(exported.zip))) writeFileSync(path.join(folder, name), bytes);
    writeFileSync(path.join(folder, 'input.npy'), npyFloat32(c.reference.input.dims, c.reference.input.values));
    if (checkOnnx) {
      const onnxModel = exportOnnx(c.doc, c.reference.weights);
      if (!onnxModel.ok) throw new Error(`${c.label}: ${JSON.stringify(onnxModel.refusal)}`);
      writeFileSync(path.join(folder, 'model.onnx'), onnxModel.bytes);
    }
    return folder;
  });
  writeFileSync(path.join(dir, 'driver.py'), driver);
  const run = spawnSync(python, [path.join(dir, 'driver.py'), ...folders], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) return { status: run.status, stdout: run.stdout, stderr: run.stderr, results: [] };
  const summaries = JSON.parse(run.stdout) as { shape: number[]; parameters: number }[];
  const results = summaries.map((s, i) => {
    const bytes = readFileSync(path.join(folders[i]!, 'output.bin'));
    return { ...s, output: new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4) };
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, results };
}
