export declare const MIGRATION_LOCK_KEY: number;
/** Applies pending PostgreSQL migrations under an advisory lock; returns the names applied. */
export declare function applyPostgresMigrations(url: string, migrationsDir: string): Promise<string[]>;
