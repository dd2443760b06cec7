/**
 * Tests that need Chromium or PostgreSQL run in CI (CI=true) and fail there when the dependency is
 * missing; outside CI they skip with a message saying what is missing.
 */
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

export const inCI = process.env.CI === 'true';
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const hasChromium = existsSync(CHROMIUM_PATH);

function pgAnswers(): boolean {
  try {
    execFileSync('pg_isready', ['-h', '127.0.0.1', '-p', '5432', '-q'], { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}
export const hasPostgres = pgAnswers();

/** True when the suite should run; false (with a printed reason) when it may skip outside CI. */
export function shouldRun(what: 'chromium' | 'postgres'): boolean {
  const present = what === 'chromium' ? hasChromium : hasPostgres;
  if (present || inCI) return true;
  console.warn(`[skip outside CI] ${what} is not available on this machine; these tests run in CI.`);
  return false;
}
