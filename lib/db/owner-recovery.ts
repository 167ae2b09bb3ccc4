// Carrying the owner key to another browser. The recovery key is the owner
// secret itself (256 random bits); the database still keeps only its sha256.
import { getDb } from './client';

export type RecoverOutcome =
  | { status: 'ok'; /** architectures the recovered key owns now */ owned: number; /** of those, moved from this browser's previous key */ moved: number }
  | { status: 'unknown-key' };

/**
 * Makes `recoveredHash` this browser's owner. Architectures this browser
 * already owned under `currentHash` move to the recovered owner, so nothing
 * made here before is orphaned. A key that owns nothing is refused (most
 * likely mistyped), and then nothing changes.
 */
export async function recoverOwner(recoveredHash: string, currentHash: string | null): Promise<RecoverOutcome> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const existing = await tx.architecture.count({ where: { ownerHash: recoveredHash } });
    if (existing === 0) return { status: 'unknown-key' } as const;
    let moved = 0;
    if (currentHash !== null && currentHash !== recoveredHash) {
      // Raw SQL so that updatedAt stays the time of each architecture's last edit.
      moved = await tx.$executeRaw`UPDATE "Architecture" SET "ownerHash" = ${recoveredHash} WHERE "ownerHash" = ${currentHash}`;
    }
    return { status: 'ok', owned: existing + moved, moved } as const;
  });
}
