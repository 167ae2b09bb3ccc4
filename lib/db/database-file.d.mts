export declare const DEFAULT_DATABASE_URL: string;
export declare function databaseFileFromUrl(url: string, cwd?: string): string | null;
