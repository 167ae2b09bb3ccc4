import { z } from 'zod';
import { layerRegistry, layerTypes, type LayerType, type ParamsOf } from '../layers/registry';
import { showValue } from '../layers/shared/params';

export const CURRENT_VERSION = 1 as const;

export const LIMITS = { nodes: 500, edges: 2000, name: 100, id: 64 } as const;

const idPattern = /^[A-Za-z0-9_-]+$/;

const Id = z.unknown().transform((value, ctx) => {
  if (typeof value !== 'string' || value.length === 0 || value.length > LIMITS.id || !idPattern.test(value)) {
    ctx.addIssue({
      code: 'custom',
      message: `expected an id of 1–${LIMITS.id} letters, digits, '-' or '_', got ${showValue(value)}`,
      input: value,
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
    });
    return z.NEVER;
  }
  return value;
}) as unknown as z.ZodType<string>;

const finite = z.unknown().transform((value, ctx) => {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    ctx.addIssue({ code: 'custom', message: `expected a finite number, got ${showValue(value)}`, input: value });
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
    ctx.addIssue({ code: 'custom', message: `expected a node object, got ${showValue(value)}`, input: value });
    return z.NEVER;
  }
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string' || !Object.hasOwn(nodeSchemas, type)) {
    ctx.addIssue({
      code: 'custom',
      path: ['type'],
      message: `expected a layer type (${layerTypes.join(', ')}), got ${showValue(type)}`,
      input: type,
    });
    return z.NEVER;
  }
  const result = nodeSchemas[type as LayerType].safeParse(value);
  if (!result.success) {
    for (const issue of result.error.issues) {
      ctx.addIssue({ code: 'custom', path: issue.path as PropertyKey[], message: issue.message, input: undefined });
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
  targetHandle: z
    .unknown()
    .transform((value, ctx) => {
      if (value === undefined) return 'in0';
      if (typeof value !== 'string' || !handlePattern.test(value)) {
        ctx.addIssue({
          code: 'custom',
          message: `expected an input handle in0, in1, …, got ${showValue(value)}`,
          input: value,
        });
        return z.NEVER;
      }
      return value;
    }) as unknown as z.ZodType<string>,
});
export type Edge = z.infer<typeof EdgeSchema>;

function listOf<T>(item: z.ZodType<T>, max: number, what: string) {
  return z.unknown().transform((value, ctx): T[] => {
    if (!Array.isArray(value)) {
      ctx.addIssue({ code: 'custom', message: `expected a list of ${what}, got ${showValue(value)}`, input: value });
      return z.NEVER;
    }
    if (value.length > max) {
      ctx.addIssue({ code: 'custom', message: `expected at most ${max} ${what}, got ${value.length}`, input: undefined });
      return z.NEVER;
    }
    const out: T[] = [];
    let failed = false;
    value.forEach((entry, index) => {
      const result = item.safeParse(entry);
      if (result.success) out.push(result.data);
      else {
        failed = true;
        for (const issue of result.error.issues) {
          ctx.addIssue({ code: 'custom', path: [index, ...(issue.path as PropertyKey[])], message: issue.message, input: undefined });
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
        ctx.addIssue({ code: 'custom', path: ['nodes', i, 'id'], message: `duplicate node id "${node.id}" (also nodes[${first}])` });
      } else seen.set(node.id, i);
    });
    const edgeIds = new Map<string, number>();
    doc.edges.forEach((edge, i) => {
      const first = edgeIds.get(edge.id);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['edges', i, 'id'], message: `duplicate edge id "${edge.id}" (also edges[${first}])` });
      } else edgeIds.set(edge.id, i);
      if (!seen.has(edge.source)) {
        ctx.addIssue({ code: 'custom', path: ['edges', i, 'source'], message: `no node with id "${edge.source}"` });
      }
      if (!seen.has(edge.target)) {
        ctx.addIssue({ code: 'custom', path: ['edges', i, 'target'], message: `no node with id "${edge.target}"` });
      }
    });
  });

export type ArchitectureDocument = {
  version: typeof CURRENT_VERSION;
  name: string;
  nodes: LayerNode[];
  edges: Edge[];
};
