/**
 * The browser tests serve a build of the PWA made once per test run by tests/support/globalSetup.ts,
 * into a folder of its own: a rebuild (another run, `npm start`, an edit) never swaps the files
 * under a page that is installing its service worker.
 */
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    appDist: string;
  }
}

/** The folder of this run's build (built by the global setup). */
export async function ensureAppBuilt(): Promise<string> {
  const dir = inject('appDist');
  if (!dir || !existsSync(join(dir, 'index.html'))) throw new Error(`the app build of this run is missing (${dir}): see tests/support/globalSetup.ts`);
  return Promise.resolve(dir);
}

/** A private copy of this run's build, for a test that publishes a "new version" into it. */
export async function copyOfAppBuild(): Promise<string> {
  const copy = mkdtempSync(join(tmpdir(), 'motcua-dist-'));
  cpSync(await ensureAppBuilt(), copy, { recursive: true });
  return copy;
}
