export declare const COPIED_TABLES: { table: string; key: string[]; current?: string }[];
export declare function copyDatabase(options: {
  from: string;
  to: string;
  log?: (line: string) => void;
  root?: string;
}): Promise<Record<string, { source: number; target: number }>>;
