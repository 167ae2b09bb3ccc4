import { randomBytes } from 'node:crypto';

/** Row ids: 128 random bits, URL-safe (22 characters). */
export function newId(): string {
  return randomBytes(16).toString('base64url');
}

/** Share ids are the only key to a shared architecture: 144 random bits, URL-safe (24 characters). */
export function newShareId(): string {
  return randomBytes(18).toString('base64url');
}

const idPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** Ids from a URL; anything else cannot name a row, so it is simply not found. */
export function isIdLike(value: string): boolean {
  return idPattern.test(value);
}
