/**
 * Problems found in a graph are values attached to the node that causes them.
 * `code` + `values` let the UI translate the message; `message` is the English
 * text with the bad value and, where there is one, the fix.
 */
export type IssueSeverity = 'error' | 'warning';

export type IssueFix =
  | { kind: 'insertBefore'; layerType: 'Flatten'; nodeId: string }
  | { kind: 'setParam'; nodeId: string; param: string; value: string | number };

export interface GraphIssue {
  severity: IssueSeverity;
  /** The node that causes the issue; null only for problems of the whole graph (e.g. no Input at all). */
  nodeId: string | null;
  code: string;
  values: Record<string, string | number>;
  message: string;
  fix?: IssueFix;
}

/** What a layer reports about its inputs, before it is tied to a node. */
export interface LayerProblem {
  code: string;
  values: Record<string, string | number>;
  message: string;
  fix?: { kind: 'insertBefore'; layerType: 'Flatten' } | { kind: 'setParam'; param: string; value: string | number };
}

export type ShapeResult = { ok: true; shape: number[] } | { ok: false; problem: LayerProblem };

export function shapeOk(shape: number[]): ShapeResult {
  return { ok: true, shape };
}

export function shapeError(problem: LayerProblem): ShapeResult {
  return { ok: false, problem };
}
