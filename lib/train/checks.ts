import { analyzeGraph, formatShape, shapesEqual, type GraphAnalysis } from '../graph';
import type { ArchitectureDocument } from '../schema';

/** What stands between this architecture and training on this dataset; each names the fix. */
export type ReadinessIssue =
  | { code: 'graphErrors'; values: { count: number }; message: string }
  | { code: 'inputShapeMismatch'; values: { input: string; dataset: string }; message: string }
  | { code: 'outputNotSoftmax'; values: { layer: string; activation: string }; message: string }
  | { code: 'outputUnitsMismatch'; values: { units: number; classes: number }; message: string; fix: { kind: 'setOutputUnits'; units: number } };

export interface DatasetShapeInfo {
  shape: readonly [number, number, number];
  classNames: readonly string[];
}

export function checkReadiness(doc: ArchitectureDocument, dataset: DatasetShapeInfo, analysis: GraphAnalysis = analyzeGraph(doc)): ReadinessIssue[] {
  if (analysis.errorCount > 0) {
    return [
      {
        code: 'graphErrors',
        values: { count: analysis.errorCount },
        message: `The architecture has ${analysis.errorCount} error(s): fix them in the Design tab first`,
      },
    ];
  }
  const issues: ReadinessIssue[] = [];
  const input = doc.nodes.find((n) => n.id === analysis.inputId);
  if (input?.type === 'Input' && !shapesEqual(input.params.shape, dataset.shape)) {
    issues.push({
      code: 'inputShapeMismatch',
      values: { input: formatShape(input.params.shape), dataset: formatShape(dataset.shape) },
      message: `The Input expects images of ${formatShape(input.params.shape)} but this dataset's images are ${formatShape(dataset.shape)}: set the Input's shape to ${formatShape(dataset.shape)}`,
    });
  }
  const output = doc.nodes.find((n) => n.id === analysis.outputId);
  if (output) {
    const activation =
      output.type === 'Dense' || output.type === 'Activation' ? output.params.activation : output.type === 'Softmax' ? 'softmax' : 'none';
    if (activation !== 'softmax') {
      issues.push({
        code: 'outputNotSoftmax',
        values: { layer: output.type, activation },
        message: `The last layer (${output.type}) has activation ${activation}; training needs class probabilities: end with Dense(classes, softmax)`,
      });
    }
    const units = analysis.nodes[output.id]?.outputShape;
    const classes = dataset.classNames.length;
    if (units && (units.length !== 1 || units[0] !== classes)) {
      const count = units.length === 1 ? units[0]! : units.reduce((a, b) => a * b, 1);
      issues.push({
        code: 'outputUnitsMismatch',
        values: { units: count, classes },
        message: `The last layer gives ${count} outputs but the dataset has ${classes} classes: set its units to ${classes}`,
        fix: { kind: 'setOutputUnits', units: classes },
      });
    }
  }
  return issues;
}
