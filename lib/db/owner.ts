// For server components: who is asking, read from the request's cookies.
import { cookies } from 'next/headers';
import { OWNER_COOKIE, ownerHashOf } from './owner-secret';

export { OWNER_COOKIE } from './owner-secret';

/** The caller's owner hash, or null when this browser has never saved anything. */
export async function getOwnerHashFromCookies(): Promise<string | null> {
  const jar = await cookies();
  return ownerHashOf(jar.get(OWNER_COOKIE)?.value);
}
