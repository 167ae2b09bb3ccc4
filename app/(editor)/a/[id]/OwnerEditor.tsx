'use client';

import { Editor } from '@/components/editor/Editor';
import type { SavedArchitecture } from '@/components/editor/useDocumentSync';
import type { ArchitectureDocument } from '@/lib/schema';

export function OwnerEditor({ initial, saved }: { initial: ArchitectureDocument; saved: SavedArchitecture }) {
  return <Editor mode="owner" initial={initial} saved={saved} />;
}
