import type { z } from 'zod';
import { showValue } from '../layers/shared/params';

/**
 * What a problem is, for the editor to say it in the user's language
 * (editor.import.issues.<code>, with `values`). Issues without a code are
 * shown in English as `message` says them.
 */
export const schemaIssueCodes = [
  'missing',
  'wrongType',
  'unknownField',
  'notOneOf',
  'notJson',
  'noSuchNode',
  'duplicateNodeId',
  'duplicateEdgeId',
  'handleMissingMerge',
  'handleMissingShared',
  'handleInvalid',
  'badId',
  'badName',
  'notFinite',
  'notList',
  'tooMany',
  'notNode',
  'layerType',
  'layerTypeSuggest',
] as const;
export type SchemaIssueCode = (typeof schemaIssueCodes)[number];

/** What a value should have been, in words a translation can pick from (editor.import.kinds.<kind>). */
export const valueKinds = ['object', 'list', 'text', 'number', 'wholeNumber', 'boolean', 'value'] as const;
export type ValueKind = (typeof valueKinds)[number];

/** One schema problem: where (e.g. `nodes[3].params.filters`) and what. */
export interface SchemaIssue {
  path: string;
  message: string;
  code?: SchemaIssueCode;
  values?: Record<string, string | number>;
}

/** Carried in a zod custom issue's `params`, so a code survives issues being copied from a nested parse. */
export interface IssueParams {
  code: SchemaIssueCode;
  values: Record<string, string | number>;
}

/** Object keys come from the request: a path shows at most this much of each. */
const SHOWN_KEY_CHARS = 60;

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    const name = String(key).length > SHOWN_KEY_CHARS ? `${String(key).slice(0, SHOWN_KEY_CHARS)}…` : String(key);
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${name}` : name;
  }
  return out || '(document)';
}

const kindWords: Record<ValueKind, string> = {
  object: 'an object',
  list: 'a list',
  text: 'text',
  number: 'a number',
  wholeNumber: 'a whole number',
  boolean: 'true or false',
  value: 'a value',
};

function kindOf(expected: string): ValueKind {
  switch (expected) {
    case 'object':
    case 'record':
    case 'map':
      return 'object';
    case 'array':
    case 'tuple':
    case 'set':
      return 'list';
    case 'string':
      return 'text';
    case 'number':
    case 'bigint':
      return 'number';
    case 'int':
      return 'wholeNumber';
    case 'boolean':
      return 'boolean';
    default:
      return 'value';
  }
}

/** A problem in the words of this app: what is missing or wrong, never zod's own wording. */
export interface PlainIssue {
  path: PropertyKey[];
  message: string;
  params?: IssueParams;
}

/**
 * zod's issue in plain words. zod's defaults ("Invalid input: expected
 * object, received undefined", "Unrecognized key") name zod's types, not
 * what the user should change; custom issues already say it and are kept.
 * Parses that feed this must pass `reportInput: true` so the bad value can be shown.
 */
export function plainIssues(issue: z.core.$ZodIssue): PlainIssue[] {
  const path = [...issue.path];
  const input = (issue as { input?: unknown }).input;
  const got = showValue(input);
  const plain = (message: string, code?: SchemaIssueCode, values: Record<string, string | number> = {}): PlainIssue[] => [
    { path, message, ...(code ? { params: { code, values } } : {}) },
  ];
  switch (issue.code) {
    case 'custom': {
      const params = issue.params as IssueParams | undefined;
      return [{ path, message: issue.message, ...(params?.code ? { params } : {}) }];
    }
    case 'invalid_type': {
      const kind = kindOf(issue.expected);
      if (input === undefined) return plain(`is missing: expected ${kindWords[kind]}`, 'missing', { expected: kind });
      return plain(`expected ${kindWords[kind]}, got ${got}`, 'wrongType', { expected: kind, got });
    }
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        path: [...path, key],
        message: 'is not a field CNN Studio reads: remove it',
        params: { code: 'unknownField', values: {} },
      }));
    case 'invalid_value': {
      const options = issue.values.map((v) => showValue(v)).join(', ');
      return plain(`expected one of ${options}, got ${got}`, 'notOneOf', { options, got });
    }
    case 'too_small':
      return plain(`expected at least ${String(issue.minimum)}${issue.origin === 'array' ? ' entries' : ''}, got ${got}`);
    case 'too_big':
      return plain(`expected at most ${String(issue.maximum)}${issue.origin === 'array' ? ' entries' : ''}, got ${got}`);
    default:
      return plain(`this value is not accepted here: ${got}`);
  }
}

export function toSchemaIssues(error: z.ZodError): SchemaIssue[] {
  return error.issues.flatMap(plainIssues).map((issue) => ({
    path: formatPath(issue.path),
    message: issue.message,
    ...(issue.params ? { code: issue.params.code, values: issue.params.values } : {}),
  }));
}

/** `nodes[3].params.filters: expected a positive integer, got -2` */
export function describeIssue(issue: SchemaIssue): string {
  return `${issue.path}: ${issue.message}`;
}
