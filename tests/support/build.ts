/**
 * Builds the PWA once for all browser tests of a run (test files run in parallel forks, so a
 * lock folder keeps two builds from racing) and reuses dist/ while it is newer than the sources.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = process.cwd();
const DIST_INDEX = join(ROOT, 'dist/index.html');
const LOCK = join(ROOT, 'dist.build-lock');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function isFresh(): boolean {
  if (!existsSync(DIST_INDEX)) return false;
  const built = statSync(DIST_INDEX).mtimeMs;
  const sources = Math.max(newestMtime(join(ROOT, 'src/app')), newestMtime(join(ROOT, 'src/domain')), newestMtime(join(ROOT, 'public')),
    statSync(join(ROOT, 'index.html')).mtimeMs, statSync(join(ROOT, 'vite.config.ts')).mtimeMs);
  return built > sources;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function ensureAppBuilt(): Promise<void> {
  for (let waited = 0; waited < 300_000; waited += 500) {
    if (isFresh()) return;
    try {
      mkdirSync(LOCK);
    } catch {
      await sleep(500); // another test file is building
      continue;
    }
    try {
      if (!isFresh()) execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
      return;
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
  throw new Error('timed out waiting for another test file to build the app');
}
