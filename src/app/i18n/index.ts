/**
 * One door for visible text. Languages: `vi` (default, the source), `en`, and two pseudo-locales
 * for checking screens: `keys` shows raw keys (untranslated text stands out) and `long` pads every
 * string to about 1.6× (layouts that break show up).
 */
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, vi, NAMESPACES } from './resources';

export type Language = 'vi' | 'en' | 'keys' | 'long';
export const LANGUAGES: readonly Language[] = ['vi', 'en', 'keys', 'long'];

const longPostProcessor = {
  type: 'postProcessor' as const,
  name: 'long',
  process(value: string, _key: string | string[], _options: unknown, translator: { language?: string }) {
    if (translator.language !== 'long') return value;
    return `${value} ${'·'.repeat(Math.ceil(value.length * 0.6))}`;
  },
};

export function createI18n(language: Language = 'vi'): I18n {
  const instance = i18next.createInstance();
  void instance
    .use(longPostProcessor)
    .use(initReactI18next)
    .init({
      lng: language === 'keys' ? 'cimode' : language,
      fallbackLng: language === 'long' ? 'vi' : false,
      supportedLngs: ['vi', 'en', 'long', 'cimode'],
      resources: { vi, en },
      ns: NAMESPACES,
      defaultNS: 'common',
      postProcess: ['long'],
      interpolation: { escapeValue: false },
      initAsync: false,
      returnNull: false,
    });
  return instance;
}
