// Write limits per owner and per client address. The counters live in the
// database (rate-limiter-flexible's RateLimiterPrisma over the RateLimit
// table, its counter update made one statement), so several app instances on
// one database share them.
import { RateLimiterPrisma, RateLimiterRes } from 'rate-limiter-flexible';
import { getDb, type Db } from '@/lib/db/client';

export interface RateLimits {
  /** Writes one owner (cookie) may make per window; 0 turns the limit off. */
  perOwner: number;
  /** Writes one client address may make per window (a class behind one NAT shares it); 0 turns it off. */
  perAddress: number;
  windowSeconds: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { perOwner: 600, perAddress: 3000, windowSeconds: 60 };

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
}

/** Read on every call, so tests (and operators) can change them without a restart of the module. */
export function rateLimits(): RateLimits {
  return {
    perOwner: envNumber('CNN_STUDIO_WRITES_PER_OWNER', DEFAULT_RATE_LIMITS.perOwner),
    perAddress: envNumber('CNN_STUDIO_WRITES_PER_ADDRESS', DEFAULT_RATE_LIMITS.perAddress),
    windowSeconds: Math.max(1, envNumber('CNN_STUDIO_RATE_WINDOW_S', DEFAULT_RATE_LIMITS.windowSeconds)),
  };
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number; limitedBy: 'owner' | 'address' };

/**
 * The library's Prisma store, with its counter update as one statement: it
 * deletes an expired row, then upserts (two queries through Prisma's query
 * compiler per counter, four per write); this increments the row, or starts
 * a new window when it has expired, in one INSERT … ON CONFLICT … RETURNING,
 * which both engines run. Its reads, deletes and clean-up stay the library's.
 */
class RateLimiterCounters extends RateLimiterPrisma {
  readonly #db: Db;

  constructor(opts: ConstructorParameters<typeof RateLimiterPrisma>[0] & { storeClient: Db }) {
    super(opts);
    this.#db = opts.storeClient;
  }

  async _upsert(key: string, points: number, msDuration: number, forceExpire = false): Promise<{ points: number; expire: Date | null }> {
    const db = this.#db;
    const now = new Date();
    const expire = msDuration > 0 ? new Date(now.getTime() + msDuration) : null;
    const rows = forceExpire
      ? await db.$queryRaw<{ points: number; expire: Date | null }[]>`
          INSERT INTO "RateLimit" ("key", "points", "expire") VALUES (${key}, ${points}, ${expire})
          ON CONFLICT ("key") DO UPDATE SET "points" = excluded."points", "expire" = excluded."expire"
          RETURNING "points", "expire"`
      : await db.$queryRaw<{ points: number; expire: Date | null }[]>`
          INSERT INTO "RateLimit" ("key", "points", "expire") VALUES (${key}, ${points}, ${expire})
          ON CONFLICT ("key") DO UPDATE SET
            "points" = CASE WHEN "RateLimit"."expire" IS NOT NULL AND "RateLimit"."expire" <= ${now} THEN excluded."points" ELSE "RateLimit"."points" + excluded."points" END,
            "expire" = CASE WHEN "RateLimit"."expire" IS NOT NULL AND "RateLimit"."expire" <= ${now} THEN excluded."expire" ELSE "RateLimit"."expire" END
          RETURNING "points", "expire"`;
    const row = rows[0];
    if (!row) throw new Error(`rate limit counter ${key}: the upsert returned no row`);
    return { points: Number(row.points), expire: row.expire };
  }
}

// One limiter per (client, limits); rebuilt when a test reopens the database or changes the env.
let cached: { db: Db; key: string; owner: RateLimiterPrisma; address: RateLimiterPrisma } | null = null;

function limitersFor(db: Db, limits: RateLimits) {
  const key = `${limits.perOwner}/${limits.perAddress}/${limits.windowSeconds}`;
  if (cached && cached.db === db && cached.key === key) return cached;
  const make = (points: number, keyPrefix: string) =>
    new RateLimiterCounters({ storeClient: db, tableName: 'rateLimit', points: Math.max(points, 1), duration: limits.windowSeconds, keyPrefix });
  cached = { db, key, owner: make(limits.perOwner, 'owner'), address: make(limits.perAddress, 'addr') };
  return cached;
}

async function consume(limiter: RateLimiterPrisma, key: string): Promise<number | null> {
  try {
    await limiter.consume(key, 1);
    return null;
  } catch (e) {
    if (e instanceof RateLimiterRes) return Math.max(1, Math.ceil(e.msBeforeNext / 1000));
    throw e;
  }
}

/**
 * Counts one write against the owner (when the caller has a cookie) and the
 * client address. Both counters move on every write, so a refused owner does
 * not spare its address.
 */
export async function consumeWrite(who: { ownerHash: string | null; address: string | null }): Promise<RateDecision> {
  const limits = rateLimits();
  if (limits.perOwner === 0 && limits.perAddress === 0) return { ok: true };
  const limiters = limitersFor(await getDb(), limits);
  const [owner, address] = await Promise.all([
    limits.perOwner > 0 && who.ownerHash ? consume(limiters.owner, who.ownerHash) : null,
    limits.perAddress > 0 && who.address ? consume(limiters.address, who.address) : null,
  ]);
  if (owner !== null) return { ok: false, retryAfterSeconds: Math.max(owner, address ?? 0), limitedBy: 'owner' };
  if (address !== null) return { ok: false, retryAfterSeconds: address, limitedBy: 'address' };
  return { ok: true };
}
