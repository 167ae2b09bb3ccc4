// lib/db's architecture values -> the JSON the API sends (dates as ISO strings).
import type { ArchitectureListItem, OwnedArchitecture } from '@/lib/db/architectures';
import type { Architecture, ArchitectureSummary } from './types';

export function architectureToWire(a: OwnedArchitecture): Architecture {
  return { ...a, createdAt: a.createdAt.toISOString(), updatedAt: a.updatedAt.toISOString() };
}

export function summaryToWire(a: ArchitectureListItem): ArchitectureSummary {
  return { ...a, updatedAt: a.updatedAt.toISOString() };
}
