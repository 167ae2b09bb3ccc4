// What a person importing a hand-written or older JSON file reads: problems
// named by path in plain words, and a missing input handle filled in where
// only one input is possible.
import { describe, expect, it } from 'vitest';
import { templateDocument, templateIds } from '../templates';
import { describeIssue, parseArchitectureDocument, parseArchitectureJson, type SchemaIssue } from './index';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const withoutHandles = (doc: { edges: { targetHandle?: string }[] }) => {
  const out = copy(doc);
  for (const edge of out.edges) delete edge.targetHandle;
  return out;
};

/** zod's own vocabulary, which tells a user nothing about their file. */
const ZOD_WORDS = /nonoptional|invalid_type|invalid_value|invalid_union|unrecognized_keys|too_small|too_big|Invalid input|Unrecognized key|received undefined|expected object|expected array|expected string|expected number|expected boolean|Invalid option/i;

/** Every place in a document: its path and the value there. */
function places(value: Json, path: (string | number)[] = []): { path: (string | number)[]; value: Json }[] {
  const here = [{ path, value }];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => places(v, [...path, i]))];
  if (value && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([k, v]) => places(v, [...path, k]))];
  return here;
}

function edit(doc: Json, path: (string | number)[], change: (parent: Record<string | number, Json>, key: string | number) => void): Json {
  const out = copy(doc);
  let parent = out as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  change(parent, path[path.length - 1]!);
  return out;
}

/** Broken variants of a document: each field missing, each value of each wrong type, an extra key in each object. */
function brokenVariants(doc: Json): { what: string; doc: Json }[] {
  const out: { what: string; doc: Json }[] = [];
  for (const { path, value } of places(doc)) {
    const where = path.join('.') || '(document)';
    if (path.length > 0) {
      if (typeof path[path.length - 1] === 'string') {
        out.push({ what: `${where} missing`, doc: edit(doc, path, (p, k) => delete p[k]) });
      }
      for (const wrong of [null, 7, 'x', true, [], {}] as Json[]) {
        if (JSON.stringify(wrong) === JSON.stringify(value)) continue;
        out.push({ what: `${where} = ${JSON.stringify(wrong)}`, doc: edit(doc, path, (p, k) => (p[k] = wrong)) });
      }
    }
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      out.push({ what: `${where} with an extra key`, doc: path.length === 0 ? { ...(value as object), surplus: 1 } : edit(doc, path, (p, k) => ((p[k] as Record<string, Json>).surplus = 1)) });
    }
  }
  return out;
}

describe('import messages', () => {
  it.each(templateIds)('broken variants of %s: every problem named by path in plain words, never zod’s', (id) => {
    const variants = brokenVariants(templateDocument(id) as unknown as Json);
    expect(variants.length).toBeGreaterThan(200);
    let refused = 0;
    for (const { what, doc } of variants) {
      const result = parseArchitectureDocument(doc);
      if (result.ok) continue; // e.g. an optional param removed, or true where a flag was false
      refused++;
      expect(result.issues.length, what).toBeGreaterThan(0);
      for (const issue of result.issues) {
        expect(describeIssue(issue), what).not.toMatch(ZOD_WORDS);
        expect(issue.message.trim(), what).not.toBe('');
        expect(issue.path, what).toMatch(/^(\(document\)|version|name|nodes|edges|surplus)/);
      }
    }
    expect(refused).toBeGreaterThan(variants.length / 2);
  });

  it('names a missing object and an unknown field where they are', () => {
    const doc = copy(templateDocument('course-cnn')) as unknown as { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[] };
    delete doc.nodes[1]!.position;
    doc.edges[2]!.weight = 1;
    const result = parseArchitectureDocument(doc);
    expect(result.ok ? [] : result.issues).toEqual([
      { path: 'nodes[1].position', message: 'is missing: expected an object', code: 'missing', values: { expected: 'object' } },
      { path: 'edges[2].weight', message: 'is not a field CNN Studio reads: remove it', code: 'unknownField', values: {} },
    ]);
  });

  it('a file that is not JSON is one issue with a code', () => {
    const result = parseArchitectureJson('{ "version": 1,');
    expect(result.ok ? [] : result.issues.map((i) => [i.path, i.code])).toEqual([['(file)', 'notJson']]);
  });
});

describe('edges without targetHandle', () => {
  it('are read as in0 where the target takes one input and no other edge goes into it', () => {
    for (const id of ['course-cnn', 'lenet5', 'dense-baseline'] as const) {
      const doc = templateDocument(id);
      expect(parseArchitectureJson(JSON.stringify(withoutHandles(doc)))).toEqual({ ok: true, document: doc });
    }
  });

  it('into a merge layer, say which edge lacks what and which inputs there are', () => {
    const doc = copy(templateDocument('residual')) as unknown as { edges: { id: string; targetHandle?: string }[] };
    const into = doc.edges.findIndex((e) => e.id === 'e5');
    delete doc.edges[into]!.targetHandle;
    const result = parseArchitectureDocument(doc);
    const issues: SchemaIssue[] = result.ok ? [] : result.issues;
    expect(issues).toEqual([
      {
        path: `edges[${into}].targetHandle`,
        message: 'is missing: add (Add) takes several inputs; say which one this edge feeds (in0, in1, …)',
        code: 'handleMissingMerge',
        values: { target: 'add', type: 'Add' },
      },
    ]);
  });

  it('into a one-input layer that another edge also goes into, say so', () => {
    const doc = copy(templateDocument('course-cnn')) as unknown as { edges: { id: string; source: string; target: string; targetHandle?: string }[] };
    doc.edges.push({ id: 'extra', source: 'input', target: 'conv2' });
    const result = parseArchitectureDocument(doc);
    expect(result.ok ? [] : result.issues.map(describeIssue)).toEqual([
      `edges[${doc.edges.length - 1}].targetHandle: is missing, and 2 edges go into conv2: say which input of conv2 this edge feeds (in0)`,
    ]);
  });

  it('with the handle given, the same edges parse as before', () => {
    const doc = templateDocument('residual');
    expect(parseArchitectureDocument(copy(doc))).toEqual({ ok: true, document: doc });
  });
});
