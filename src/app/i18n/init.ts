/**
 * One door for visible text. Languages: `vi` (default, the source), `en`, and two pseudo-locales
 * for checking screens: `keys` shows raw keys (untranslated text stands out) and `long` pads every
 * string to about 1.6× (layouts that break show up). No texts here: the caller brings them.
 */
import i18next, { type i18n as I18n, type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';

export type Language = 'vi' | 'en' | 'keys' | 'long';
export const LANGUAGES: readonly Language[] = ['vi', 'en', 'keys', 'long'];

/** The languages whose texts a language needs: `long` pads the Vietnamese, `keys` needs none. */
export function textsNeeded(language: Language): ('vi' | 'en')[] {
  return language === 'en' ? ['en'] : language === 'keys' ? [] : ['vi'];
}

const longPostProcessor = {
  type: 'postProcessor' as const,
  name: 'long',
  process(value: string, _key: string | string[], _options: unknown, translator: { language?: string }) {
    if (translator.language !== 'long') return value;
    return `${value} ${'·'.repeat(Math.ceil(value.length * 0.6))}`;
  },
};

export function initI18n(language: Language, resources: Resource): I18n {
  const instance = i18next.createInstance();
  void instance
    .use(longPostProcessor)
    .use(initReactI18next)
    .init({
      lng: language === 'keys' ? 'cimode' : language,
      fallbackLng: language === 'long' ? 'vi' : false,
      supportedLngs: ['vi', 'en', 'long', 'cimode'],
      resources,
      ns: Object.keys(Object.values(resources)[0] ?? { common: null }),
      defaultNS: 'common',
      postProcess: ['long'],
      interpolation: { escapeValue: false },
      initAsync: false,
      returnNull: false,
    });
  return instance;
}
