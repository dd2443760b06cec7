/**
 * Both languages, for the tests and the key types. The app loads only the active one
 * (load.ts: one chunk per language, locales/vi.ts and locales/en.ts); add a namespace there.
 */
export { vi } from './locales/vi';
export { en } from './locales/en';

export type Namespace = keyof typeof import('./locales/vi').vi;
