import type { z } from 'zod';

/** One schema problem: where (e.g. `nodes[3].params.filters`) and what. */
export interface SchemaIssue {
  path: string;
  message: string;
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

export function toSchemaIssues(error: z.ZodError): SchemaIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/** `nodes[3].params.filters: expected a positive integer, got -2` */
export function describeIssue(issue: SchemaIssue): string {
  return `${issue.path}: ${issue.message}`;
}
