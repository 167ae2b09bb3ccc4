// There are no accounts: a browser proves it owns an architecture with a
// random secret in an httpOnly cookie. Only the secret's sha256 is stored, so
// a leaked database does not let anyone act as an owner.
import { createHash, randomBytes } from 'node:crypto';

export const OWNER_COOKIE = 'cnn_studio_owner';
/** Ten years: the cookie is the only key to one's architectures. */
export const OWNER_COOKIE_MAX_AGE_S = 10 * 365 * 24 * 60 * 60;

/** The secret doubles as the owner's recovery key: 32 bytes in base64url. */
export const RECOVERY_KEY_LENGTH = 43;
const secretPattern = /^[A-Za-z0-9_-]{43}$/;

/** 256 random bits, URL-safe. */
export function newOwnerSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function isOwnerSecret(value: unknown): value is string {
  return typeof value === 'string' && secretPattern.test(value);
}

/** Why `key` cannot be a recovery key, without repeating it; null when it can. */
export function recoveryKeyProblem(key: string): string | null {
  if (key.length !== RECOVERY_KEY_LENGTH) return `A recovery key is ${RECOVERY_KEY_LENGTH} characters long; this one is ${key.length}`;
  if (!secretPattern.test(key)) return 'A recovery key holds only letters, digits, - and _; this one has other characters';
  return null;
}

export function hashOwnerSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The owner hash for a cookie value; null when there is none or it is not one we issued. */
export function ownerHashOf(cookieValue: string | null | undefined): string | null {
  return isOwnerSecret(cookieValue) ? hashOwnerSecret(cookieValue) : null;
}

/** Finds the owner cookie in a raw Cookie header. */
export function ownerSecretFromCookieHeader(header: string | null): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === OWNER_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return isOwnerSecret(value) ? value : null;
    }
  }
  return null;
}

export function ownerCookieHeader(secret: string, secure: boolean): string {
  return `${OWNER_COOKIE}=${secret}; Path=/; Max-Age=${OWNER_COOKIE_MAX_AGE_S}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}
