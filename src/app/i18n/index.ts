/** i18n with both languages at hand (tests, tools). The app loads only its language: load.ts. */
import type { i18n as I18n } from 'i18next';
import { initI18n, type Language } from './init';
import { en, vi } from './resources';

export { type Language } from './init';

export function createI18n(language: Language = 'vi'): I18n {
  return initI18n(language, { vi, en });
}
