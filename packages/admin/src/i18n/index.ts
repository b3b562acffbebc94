import { createI18n } from 'vue-i18n';
import { en } from './en';
import { zhCN } from './zh-CN';

export type UiLocale = 'zh-CN' | 'en';
const KEY = 'saishi.admin.locale';

export function savedLocale(): UiLocale {
  try {
    return localStorage.getItem(KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function rememberLocale(locale: UiLocale): void {
  localStorage.setItem(KEY, locale);
}

/** zh-CN by default; English when chosen in the header. */
export function makeI18n(locale: UiLocale = savedLocale()) {
  return createI18n({ legacy: false, locale, fallbackLocale: 'zh-CN', messages: { 'zh-CN': zhCN, en } });
}
