// The autotune's figures per model, kept in the browser (localStorage) so a
// reload does not time every backend again: on a machine without a usable GPU
// that takes tens of seconds for the course model. Figures older than a week,
// or from a storage entry that does not parse, are not used.
import { z } from 'zod';
import type { ArchitectureDocument } from '../../schema';
import type { BackendMeasurement } from '../measurements';
import { AutotuneMeasurement } from '../../schema/run';

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const MEASUREMENTS_STORAGE_KEY = 'cnn-studio.autotune.v1';
const MAX_ENTRIES = 20;
const MAX_AGE_MS = 7 * 24 * 3600 * 1000;

const Stored = z.object({
  entries: z.array(z.object({ key: z.string(), at: z.number(), measurements: z.array(AutotuneMeasurement).max(16) })).max(100),
});
type Entry = z.infer<typeof Stored>['entries'][number];

export interface KeptMeasurements {
  measurements: BackendMeasurement[];
  /** When they were measured (ms since the epoch). */
  at: number;
}

function browserStorage(): KeyValueStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled (privacy settings): keep figures for this page only
  }
}

export class MeasurementCache {
  /** Used when there is no storage, and as the copy of what is stored. */
  private entries: Entry[] | null = null;

  constructor(
    private readonly storage: KeyValueStorage | null = browserStorage(),
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): KeptMeasurements | undefined {
    const entry = this.load().find((e) => e.key === key);
    if (!entry || this.now() - entry.at > MAX_AGE_MS) return undefined;
    return { measurements: entry.measurements, at: entry.at };
  }

  set(key: string, measurements: BackendMeasurement[]): void {
    const entries = [{ key, at: this.now(), measurements }, ...this.load().filter((e) => e.key !== key)].slice(0, MAX_ENTRIES);
    this.save(entries);
  }

  delete(key: string): void {
    this.save(this.load().filter((e) => e.key !== key));
  }

  private load(): Entry[] {
    if (this.entries) return this.entries;
    let entries: Entry[] = [];
    try {
      const text = this.storage?.getItem(MEASUREMENTS_STORAGE_KEY);
      const parsed = text ? Stored.safeParse(JSON.parse(text)) : null;
      if (parsed?.success) entries = parsed.data.entries;
    } catch {
      // Unreadable: start afresh; the next save replaces it.
    }
    this.entries = entries;
    return entries;
  }

  private save(entries: Entry[]): void {
    this.entries = entries;
    try {
      this.storage?.setItem(MEASUREMENTS_STORAGE_KEY, JSON.stringify({ entries }));
    } catch {
      // Storage full or disabled: the figures stay for this page.
    }
  }
}

/** What the autotune's figures depend on: the layers and their wiring (not positions or names), the data and the batch size. */
export function measurementKey(document: ArchitectureDocument, datasetId: string, batchSize: number): string {
  return JSON.stringify([
    document.nodes.map((n) => [n.id, n.type, n.params]),
    document.edges.map((e) => [e.source, e.target, e.targetHandle]),
    datasetId,
    batchSize,
  ]);
}

let shared: MeasurementCache | null = null;

/** One per page, so every architecture's session reads and writes the same stored figures. */
export function sharedMeasurementCache(): MeasurementCache {
  shared ??= new MeasurementCache();
  return shared;
}
