export const locales = ['en', 'zh-CN'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';
export const localeCookie = 'NEXT_LOCALE';

export function toLocale(value: string | undefined | null): Locale {
  return locales.find((l) => l === value) ?? defaultLocale;
}
