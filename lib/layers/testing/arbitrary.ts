// Test support (pure): random valid architectures drawn from every registered
// layer type. It knows no type by name: it walks the registry, draws params
// from each type's inspector fields, and keeps a draw only when the type's own
// schema and outputShape accept it, so a type added as a folder in lib/layers
// is covered as soon as it is registered.
import fc from 'fast-check';
import type { Shape } from '../../graph/shape';
import type { ArchitectureDocument, Edge, LayerNode } from '../../schema/document';
import { layerDef, layerTypes, type LayerType } from '../registry';
import type { ParamField } from '../shared/fields';

export interface GraphLimits {
  /** Layers in the main chain (a merge and its branches count as one step). */
  maxSteps: number;
  /** The largest Input height and width; channels stay 1 to 3, a flat Input 2 to 32. */
  maxInputSide: number;
  /** No layer's output may hold more values than this (e.g. 32×32×16). */
  maxElements: number;
  /** The largest size any one dimension of a layer's output may have. */
  maxSide: number;
  /** Parameters of the whole model, trainable and not. */
  maxParams: number;
  /** Out of 10, how often a step branches into a merge (when a merge type exists). */
  branchOdds: number;
}

export const defaultGraphLimits: GraphLimits = {
  maxSteps: 6,
  maxInputSide: 16,
  maxElements: 32 * 32 * 16,
  maxSide: 32 * 32 * 16,
  maxParams: 50_000,
  branchOdds: 2,
};

type Gen = fc.GeneratorValue;

/** How often to try a type before giving up on a step (schema and shape refusals are redrawn). */
const ATTEMPTS = 40;

/** One value for one inspector field, small enough to keep models small; the schema decides whether it is valid. */
function fieldValue(field: ParamField, initial: unknown): fc.Arbitrary<unknown> {
  const small = fc.integer({ min: 1, max: 5 });
  switch (field.kind) {
    case 'int':
      // Mostly small positive sizes; sometimes an axis-like or out-of-range value the schema may refuse.
      return fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 16 }) }, { weight: 1, arbitrary: fc.integer({ min: -3, max: 0 }) });
    case 'number': {
      const round = (v: number) => Number(v.toFixed(10));
      const base = field.min ?? 0;
      const fromInitial = typeof initial === 'number' ? initial : base;
      return fc.oneof(
        fc.integer({ min: 0, max: 20 }).map((k) => round(base + k * field.step)),
        fc.integer({ min: -10, max: 10 }).map((k) => round(fromInitial + k * field.step)),
        ...(field.max !== undefined ? [fc.integer({ min: 0, max: 20 }).map((k) => round(field.max! - k * field.step))] : []),
      );
    }
    case 'pair': {
      const pair = fc.oneof(small, fc.tuple(small, small));
      return field.optional ? fc.option(pair, { nil: undefined }) : pair;
    }
    case 'intList':
      return fc.oneof(fc.array(fc.integer({ min: -1, max: 16 }), { minLength: 1, maxLength: 3 }), fc.constant(initial));
    case 'select':
      return fc.constantFrom(...field.options);
    case 'boolean':
      return fc.boolean();
    case 'sides': {
      // Padding and cropping: one number, [symmetric h, symmetric w] or [[top, bottom], [left, right]].
      const side = fc.integer({ min: 0, max: 3 });
      return fc.oneof(side, fc.tuple(side, side), fc.tuple(fc.tuple(side, side), fc.tuple(side, side)));
    }
  }
}

/** Params for one type: each field drawn or left at the type's initial value, then checked by its schema. */
function drawParams(g: Gen, type: LayerType): unknown | null {
  const def = layerDef(type);
  const raw: Record<string, unknown> = { ...(def.initialParams as Record<string, unknown>) };
  for (const field of def.fields) {
    if (g(fc.boolean)) {
      const value = g(() => fieldValue(field, raw[field.key]));
      if (value === undefined) delete raw[field.key];
      else raw[field.key] = value;
    }
  }
  const parsed = def.params.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

interface Placed {
  id: string;
  shape: Shape;
}

interface Builder {
  nodes: LayerNode[];
  edges: Edge[];
  params: number;
  next: number;
}

function fits(shape: Shape, limits: GraphLimits): boolean {
  return shape.reduce((a, b) => a * b, 1) <= limits.maxElements && shape.every((d) => d <= limits.maxSide);
}

/**
 * Tries to place one layer of a drawn type after `inputs`; null when the
 * draws were refused (schema, outputShape, size limits). `keepShape` asks for
 * an output of the input's shape (a branch that will merge).
 */
function tryLayer(g: Gen, b: Builder, candidates: readonly LayerType[], inputs: readonly Placed[], limits: GraphLimits, keepShape: boolean): { node: LayerNode; edges: Edge[]; out: Placed; params: number } | null {
  if (candidates.length === 0) return null;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const type = g(() => fc.constantFrom(...candidates));
    const params = drawParams(g, type);
    if (params === null) continue;
    const def = layerDef(type);
    const shapes = inputs.map((i) => i.shape);
    const result = def.outputShape(shapes, params);
    if (!result.ok || !fits(result.shape, limits)) continue;
    if (keepShape && (result.shape.length !== shapes[0]!.length || result.shape.some((d, i) => d !== shapes[0]![i]))) continue;
    const count = def.paramCount(shapes, params);
    const added = count.trainable + count.nonTrainable;
    if (b.params + added > limits.maxParams) continue;
    const id = `${def.idPrefix}${b.next++}`;
    const node = { id, type, params, position: { x: 0, y: b.nodes.length * 100 } } as LayerNode;
    const edges = inputs.map((input, i) => ({ id: `e${b.next++}`, source: input.id, target: id, targetHandle: `in${i}` }));
    return { node, edges, out: { id, shape: result.shape }, params: added };
  }
  return null;
}

function commit(b: Builder, placed: { node: LayerNode; edges: Edge[]; params: number }): void {
  b.nodes.push(placed.node);
  b.edges.push(...placed.edges);
  b.params += placed.params;
}

/** Types that take exactly one input, and types that can merge two or more. */
function typesByInputs(): { single: LayerType[]; merges: LayerType[] } {
  const usable = layerTypes.filter((t) => t !== 'Input');
  return {
    single: usable.filter((t) => layerDef(t).inputs.min <= 1 && layerDef(t).inputs.max >= 1),
    merges: usable.filter((t) => layerDef(t).inputs.max >= 2),
  };
}

/**
 * Random architectures that analyzeGraph accepts without errors: an Input
 * (image [h, w, c] or flat [n]) and a chain of layers of any registered type,
 * now and then splitting into 2–3 branches of shape-keeping layers that a
 * merge type joins. One output; layers may end anywhere (the softmax-output
 * warning is allowed).
 */
export function arbitraryGraph(overrides: Partial<GraphLimits> = {}): fc.Arbitrary<ArchitectureDocument> {
  const limits = { ...defaultGraphLimits, ...overrides };
  const { single, merges } = typesByInputs();
  return fc.gen().map((g) => {
    const image = g(fc.boolean);
    const side = () => g(fc.integer, { min: 1, max: limits.maxInputSide });
    const inputShape = image ? [side(), side(), g(fc.integer, { min: 1, max: 3 })] : [g(fc.integer, { min: 2, max: 32 })];
    const b: Builder = { nodes: [], edges: [], params: 0, next: 1 };
    b.nodes.push({ id: 'input', type: 'Input', params: { shape: inputShape }, position: { x: 0, y: 0 } } as LayerNode);
    let tail: Placed = { id: 'input', shape: inputShape };
    const steps = g(fc.integer, { min: 1, max: limits.maxSteps });
    for (let step = 0; step < steps; step++) {
      const branch = merges.length > 0 && g(fc.integer, { min: 1, max: 10 }) <= limits.branchOdds;
      if (branch) {
        const merged = tryMerge(g, b, tail, single, merges, limits);
        if (merged) {
          tail = merged;
          continue;
        }
      }
      const placed = tryLayer(g, b, single, [tail], limits, false);
      if (!placed) break;
      commit(b, placed);
      tail = placed.out;
    }
    return { version: 1, name: 'random', nodes: b.nodes, edges: b.edges } as ArchitectureDocument;
  });
}

/** Branches of shape-keeping layers from `tail` (at most one left empty: a skip connection), joined by a merge type. */
function tryMerge(g: Gen, b: Builder, tail: Placed, single: readonly LayerType[], merges: readonly LayerType[], limits: GraphLimits): Placed | null {
  const mergeType = g(() => fc.constantFrom(...merges));
  const def = layerDef(mergeType);
  const count = g(fc.integer, { min: Math.max(2, def.inputs.min), max: Math.max(2, Math.min(3, def.inputs.max)) });
  const trial: Builder = { nodes: [], edges: [], params: b.params, next: b.next };
  const ends: Placed[] = [];
  for (let i = 0; i < count; i++) {
    let end = tail;
    const length = g(fc.integer, { min: i === 0 ? 0 : 1, max: 2 });
    for (let k = 0; k < length; k++) {
      const placed = tryLayer(g, trial, single, [end], limits, true);
      if (!placed) break;
      commit(trial, placed);
      end = placed.out;
    }
    // Two empty branches would wire the same tensor twice: drop such a branch.
    if (end.id === tail.id && ends.some((e) => e.id === tail.id)) continue;
    ends.push(end);
  }
  if (ends.length < Math.max(2, def.inputs.min)) return null;
  const merge = tryLayer(g, trial, [mergeType], ends, limits, false);
  if (!merge) return null;
  commit(trial, merge);
  b.nodes.push(...trial.nodes);
  b.edges.push(...trial.edges);
  b.params = trial.params;
  b.next = trial.next;
  return merge.out;
}
