// Which engine a DATABASE_URL names. Plain JS so the setup script, the
// migration runner, the copy script and the app agree on one rule:
// unset, `file:…` or a bare path -> SQLite (the embedded default);
// `postgres://…` or `postgresql://…` -> PostgreSQL; anything else -> null.
import { DEFAULT_DATABASE_URL, databaseFileFromUrl } from './database-file.mjs';

/** @returns {'sqlite' | 'postgresql' | null} */
export function databaseEngine(url) {
  const trimmed = (url ?? '').trim() || DEFAULT_DATABASE_URL;
  if (/^postgres(ql)?:\/\//i.test(trimmed)) return 'postgresql';
  return databaseFileFromUrl(trimmed) === null ? null : 'sqlite';
}

/**
 * A PostgreSQL URL -> what node-postgres takes, plus the schema named by
 * Prisma's `?schema=` convention (default "public"). node-postgres does not
 * know `schema`, so it is taken out of the URL and set as the search_path
 * (raw SQL names tables unqualified).
 */
export function postgresConnection(url) {
  const parsed = new URL(url.trim());
  const schema = parsed.searchParams.get('schema') || 'public';
  parsed.searchParams.delete('schema');
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`DATABASE_URL: schema ${JSON.stringify(schema.slice(0, 60))} is not a plain identifier (letters, digits, _)`);
  }
  return { connectionString: parsed.toString(), schema, options: `-c search_path="${schema}"` };
}

/** The URL without its password, for messages and logs. */
export function redactedUrl(url) {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/]*):[^@/]*@/i, '$1:***@');
}
