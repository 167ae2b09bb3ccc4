// Shapes of the owner and share-link endpoints (see lib/api/README.md).
import { z } from 'zod';

/** POST /api/owner: this browser has an owner key now (`minted`: it was made by this call). */
export const OwnerReady = z.object({ minted: z.boolean() });
export type OwnerReady = z.infer<typeof OwnerReady>;

/** POST /api/owner/recovery-key: the key, shown only on request. */
export const RecoveryKey = z.object({ key: z.string() });
export type RecoveryKey = z.infer<typeof RecoveryKey>;

/** At most this long before trimming; a key is 43 characters, the slack allows stray spaces. */
const MAX_KEY_INPUT = 200;
export const RecoverBody = z.strictObject({ key: z.string().max(MAX_KEY_INPUT) });
export type RecoverBody = z.infer<typeof RecoverBody>;

/** POST /api/owner/recover: how many architectures the key owns now, and how many moved from this browser's old key. */
export const Recovered = z.object({ owned: z.number().int().nonnegative(), moved: z.number().int().nonnegative() });
export type Recovered = z.infer<typeof Recovered>;

/** POST /api/architectures/:id/share: the new link's id (the old one answers 404 from now on). */
export const ShareLink = z.object({ shareId: z.string().min(1).max(64) });
export type ShareLink = z.infer<typeof ShareLink>;
