import type { z } from 'zod';

/** One schema problem: where (e.g. `nodes[3].params.filters`) and what. */
export interface SchemaIssue {
  path: string;
  message: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
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
