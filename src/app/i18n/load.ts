/** The app's i18n: only the active language's texts are fetched (each language is its own chunk). */
import type { i18n as I18n, Resource } from 'i18next';
import { initI18n, textsNeeded, type Language } from './init';

const LOADERS = {
  vi: () => import('./locales/vi').then((m) => m.vi),
  en: () => import('./locales/en').then((m) => m.en),
} as const;

export async function loadI18n(language: Language): Promise<I18n> {
  const needed = textsNeeded(language);
  const texts = await Promise.all(needed.map((l) => LOADERS[l]()));
  const resources: Resource = Object.fromEntries(needed.map((l, i) => [l, texts[i]!]));
  return initI18n(language, resources);
}
