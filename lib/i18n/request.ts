import { getRequestConfig } from 'next-intl/server';
import { cookies } from 'next/headers';
import { localeCookie, toLocale } from './config';
import { messagesByLocale } from './messages';

export default getRequestConfig(async () => {
  const store = await cookies();
  const locale = toLocale(store.get(localeCookie)?.value);
  return { locale, messages: messagesByLocale[locale] };
});
