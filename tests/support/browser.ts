/** Real Chromium (Debian's) driven by playwright-core, with the flags this machine needs. */
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_PATH } from './env';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/**
 * A persistent context (its own profile folder) keeps IndexedDB and the service worker across
 * reloads and offline switches, like a tablet does.
 */
export async function launchTablet(viewport = { width: 1280, height: 800 }, o: { locale?: string; args?: readonly string[] } = {}): Promise<BrowserContext> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'motcua-tablet-'));
  const locale = o.locale ?? 'vi-VN';
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, `--lang=${locale}`, ...(o.args ?? [])],
    headless: true,
    viewport,
    locale,
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
}

export const SCREENSHOT_DIR = join(process.cwd(), 'tests/e2e/screenshots');
