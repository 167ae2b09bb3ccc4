export interface AppInstance {
  url: string;
  pid: number | undefined;
  stop(): Promise<void>;
  output: string[];
}
export declare function startInstance(options: {
  port: number;
  databaseUrl: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<AppInstance>;
export declare function freshPostgresSchema(serverUrl: string, prefix: string): Promise<{ url: string; schema: string; drop(): Promise<void> }>;
