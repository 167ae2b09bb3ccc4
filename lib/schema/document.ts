import { z } from 'zod';
import { closestLayerType, layerDef, layerRegistry, layerTypes, type LayerType, type ParamsOf } from '../layers/registry';
import { showValue } from '../layers/shared/params';
import { plainIssues, type IssueParams } from './issues';

/** A custom issue with its code for translation. */
const coded = (code: IssueParams['code'], values: IssueParams['values'] = {}) => ({ params: { code, values } satisfies IssueParams });
/** Nested parses report their input, so a problem can show the value it is about. */
const withInput = { reportInput: true } as const;

export const CURRENT_VERSION = 1 as const;

export const LIMITS = { nodes: 500, edges: 2000, name: 100, id: 64 } as const;

const idPattern = /^[A-Za-z0-9_-]+$/;

const Id = z.unknown().transform((value, ctx) => {
  if (typeof value !== 'string' || value.length === 0 || value.length > LIMITS.id || !idPattern.test(value)) {
    ctx.addIssue({
      code: 'custom',
      message: `expected an id of 1–${LIMITS.id} letters, digits, '-' or '_', got ${showValue(value)}`,
      input: value,
      ...coded('badId', { max: LIMITS.id, got: showValue(value) }),
    });
    return z.NEVER;
  }
  return value;
}) as unknown as z.ZodType<string>;

const Name = z.unknown().transform((value, ctx) => {
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > LIMITS.name) {
    ctx.addIssue({
      code: 'custom',
      message: `expected a name of 1–${LIMITS.name} characters, got ${showValue(value)}`,
      input: value,
      ...coded('badName', { max: LIMITS.name, got: showValue(value) }),
    });
    return z.NEVER;
  }
  return value;
}) as unknown as z.ZodType<string>;

const finite = z.unknown().transform((value, ctx) => {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    ctx.addIssue({ code: 'custom', message: `expected a finite number, got ${showValue(value)}`, input: value, ...coded('notFinite', { got: showValue(value) }) });
    return z.NEVER;
  }
  return value;
}) as unknown as z.ZodType<number>;

export const Position = z.strictObject({ x: finite, y: finite });
export type Position = z.infer<typeof Position>;

export type LayerNodeOf<T extends LayerType> = { id: string; type: T; params: ParamsOf<T>; position: Position };
export type LayerNode = { [T in LayerType]: LayerNodeOf<T> }[LayerType];

const nodeSchemas = Object.fromEntries(
  layerTypes.map((type) => [
    type,
    z.strictObject({
      id: Id,
      type: z.literal(type),
      params: (layerRegistry[type].params as z.ZodType).prefault({}),
      position: Position,
    }),
  ]),
) as unknown as Record<LayerType, z.ZodType>;

/** A node, checked against its own layer type's params so errors name the exact field. */
export const LayerNodeSchema = z.unknown().transform((value, ctx): LayerNode => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    ctx.addIssue({ code: 'custom', message: `expected a node object, got ${showValue(value)}`, input: value, ...coded('notNode', { got: showValue(value) }) });
    return z.NEVER;
  }
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string' || !Object.hasOwn(nodeSchemas, type)) {
    // Listing all the types would bury the value in the message; the palette lists them.
    const suggestion = typeof type === 'string' ? closestLayerType(type) : null;
    const got = showValue(type);
    ctx.addIssue({
      code: 'custom',
      path: ['type'],
      message: `expected one of the ${layerTypes.length} layer types CNN Studio knows (the palette lists them), got ${got}${suggestion ? `: did you mean ${suggestion}?` : ''}`,
      input: type,
      ...(suggestion ? coded('layerTypeSuggest', { count: layerTypes.length, got, suggestion }) : coded('layerType', { count: layerTypes.length, got })),
    });
    return z.NEVER;
  }
  const result = nodeSchemas[type as LayerType].safeParse(value, withInput);
  if (!result.success) {
    for (const issue of result.error.issues.flatMap(plainIssues)) {
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message, input: undefined, ...(issue.params ? { params: issue.params } : {}) });
    }
    return z.NEVER;
  }
  return result.data as LayerNode;
}) as unknown as z.ZodType<LayerNode>;

const handlePattern = /^in(0|[1-9][0-9]{0,2})$/;

export const EdgeSchema = z.strictObject({
  id: Id,
  source: Id,
  target: Id,
  /** Optional in a file: the document fills it in where only one input is possible (below). */
  targetHandle: z
    .unknown()
    .transform((value, ctx) => {
      if (value === undefined) return undefined;
      if (typeof value !== 'string' || !handlePattern.test(value)) {
        ctx.addIssue({
          code: 'custom',
          message: `expected an input handle in0, in1, …, got ${showValue(value)}`,
          input: value,
          ...coded('handleInvalid', { got: showValue(value) }),
        });
        return z.NEVER;
      }
      return value;
    })
    .optional() as unknown as z.ZodType<string | undefined>,
});
export type Edge = Omit<z.infer<typeof EdgeSchema>, 'targetHandle'> & { targetHandle: string };

function listOf<T>(item: z.ZodType<T>, max: number, what: string) {
  return z.unknown().transform((value, ctx): T[] => {
    if (!Array.isArray(value)) {
      ctx.addIssue({ code: 'custom', message: `expected a list of ${what}, got ${showValue(value)}`, input: value, ...coded('notList', { what, got: showValue(value) }) });
      return z.NEVER;
    }
    if (value.length > max) {
      ctx.addIssue({ code: 'custom', message: `expected at most ${max} ${what}, got ${value.length}`, input: undefined, ...coded('tooMany', { max, what, got: value.length }) });
      return z.NEVER;
    }
    const out: T[] = [];
    let failed = false;
    value.forEach((entry, index) => {
      const result = item.safeParse(entry, withInput);
      if (result.success) out.push(result.data);
      else {
        failed = true;
        for (const issue of result.error.issues.flatMap(plainIssues)) {
          ctx.addIssue({ code: 'custom', path: [index, ...issue.path], message: issue.message, input: undefined, ...(issue.params ? { params: issue.params } : {}) });
        }
      }
    });
    return failed ? z.NEVER : out;
  }) as unknown as z.ZodType<T[]>;
}

export const ArchitectureDocumentSchema = z
  .strictObject({
    version: z.literal(CURRENT_VERSION),
    name: Name,
    nodes: listOf(LayerNodeSchema, LIMITS.nodes, 'nodes'),
    edges: listOf(EdgeSchema, LIMITS.edges, 'edges'),
  })
  .superRefine((doc, ctx) => {
    const seen = new Map<string, number>();
    doc.nodes.forEach((node, i) => {
      const first = seen.get(node.id);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['nodes', i, 'id'], message: `duplicate node id "${node.id}" (also nodes[${first}])`, ...coded('duplicateNodeId', { id: node.id, first }) });
      } else seen.set(node.id, i);
    });
    const typeOf = new Map(doc.nodes.map((node) => [node.id, node.type]));
    const edgesInto = new Map<string, number>();
    for (const edge of doc.edges) edgesInto.set(edge.target, (edgesInto.get(edge.target) ?? 0) + 1);
    const edgeIds = new Map<string, number>();
    doc.edges.forEach((edge, i) => {
      const first = edgeIds.get(edge.id);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['edges', i, 'id'], message: `duplicate edge id "${edge.id}" (also edges[${first}])`, ...coded('duplicateEdgeId', { id: edge.id, first }) });
      } else edgeIds.set(edge.id, i);
      if (!seen.has(edge.source)) {
        ctx.addIssue({ code: 'custom', path: ['edges', i, 'source'], message: `no node with id "${edge.source}"`, ...coded('noSuchNode', { id: edge.source }) });
      }
      if (!seen.has(edge.target)) {
        ctx.addIssue({ code: 'custom', path: ['edges', i, 'target'], message: `no node with id "${edge.target}"`, ...coded('noSuchNode', { id: edge.target }) });
      }
      const type = typeOf.get(edge.target);
      if (edge.targetHandle === undefined && type !== undefined) {
        const into = edgesInto.get(edge.target) ?? 0;
        if (layerDef(type).inputs.max > 1) {
          ctx.addIssue({
            code: 'custom',
            path: ['edges', i, 'targetHandle'],
            message: `is missing: ${edge.target} (${type}) takes several inputs; say which one this edge feeds (in0, in1, …)`,
            ...coded('handleMissingMerge', { target: edge.target, type }),
          });
        } else if (into > 1) {
          ctx.addIssue({
            code: 'custom',
            path: ['edges', i, 'targetHandle'],
            message: `is missing, and ${into} edges go into ${edge.target}: say which input of ${edge.target} this edge feeds (in0)`,
            ...coded('handleMissingShared', { target: edge.target, count: into }),
          });
        }
      }
    });
  })
  // An edge into a layer that takes one input, and the only edge into it, can only feed in0.
  .transform((doc) => ({ ...doc, edges: doc.edges.map((edge): Edge => ({ ...edge, targetHandle: edge.targetHandle ?? 'in0' })) }));

export type ArchitectureDocument = {
  version: typeof CURRENT_VERSION;
  name: string;
  nodes: LayerNode[];
  edges: Edge[];
};
