/** Once per test run: build the PWA into a fresh folder for the browser tests (skipped when they cannot run). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { hasChromium, inCI } from './env';

export default function setup(project: TestProject): () => void {
  if (!hasChromium && !inCI) {
    project.provide('appDist', '');
    return () => undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'motcua-test-dist-'));
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build: build what ships.
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error', '--outDir', dir, '--emptyOutDir'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  project.provide('appDist', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
