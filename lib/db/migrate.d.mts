/** The part of a better-sqlite3 Database this module uses. */
export interface SqliteConnection {
  pragma(source: string): unknown;
}

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}
export declare function checksumOf(sql: string): string;
export declare function listMigrations(migrationsDir: string): MigrationFile[];
export declare function configureConnection(db: SqliteConnection): void;
/** Applies pending migrations; returns the names applied. */
export declare function applyMigrations(databaseFile: string, migrationsDir: string): string[];
