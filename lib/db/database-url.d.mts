export type DatabaseEngine = 'sqlite' | 'postgresql';
export declare function databaseEngine(url: string | undefined): DatabaseEngine | null;
export declare function postgresConnection(url: string): { connectionString: string; schema: string; options: string };
export declare function redactedUrl(url: string): string;
