import { ArchitectureDocumentSchema, type ArchitectureDocument } from './document';
import { toSchemaIssues, type SchemaIssue } from './issues';
import { migrateDocument } from './migrate';

export * from './document';
export * from './issues';
export { migrateDocument } from './migrate';

export type ParseResult = { ok: true; document: ArchitectureDocument } | { ok: false; issues: SchemaIssue[] };

/** unknown -> migrate -> validate -> document. The only way in for a document from anywhere. */
export function parseArchitectureDocument(input: unknown): ParseResult {
  const migrated = migrateDocument(input);
  if (!migrated.ok) {
    const [path, ...rest] = migrated.message.split(': ');
    return rest.length
      ? { ok: false, issues: [{ path: path ?? '(document)', message: rest.join(': ') }] }
      : { ok: false, issues: [{ path: '(document)', message: migrated.message }] };
  }
  const result = ArchitectureDocumentSchema.safeParse(migrated.value, { reportInput: true });
  if (!result.success) return { ok: false, issues: toSchemaIssues(result.error) };
  return { ok: true, document: result.data as ArchitectureDocument };
}

/** Parses JSON text (a file import); a syntax error is an issue like any other. */
export function parseArchitectureJson(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const detail = (e as Error).message;
    return { ok: false, issues: [{ path: '(file)', message: `not valid JSON: ${detail}`, code: 'notJson', values: { detail } }] };
  }
  return parseArchitectureDocument(value);
}

export function serializeDocument(doc: ArchitectureDocument): string {
  return JSON.stringify(doc, null, 2);
}
