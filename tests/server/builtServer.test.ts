/**
 * The production server is built JavaScript run by plain `node` (no tsx): `npm run build` bundles
 * src/server/main.ts and admin.ts with vite.server.config.ts; the bundle imports only runtime
 * dependencies and Node's own modules, so `npm ci --omit=dev` is enough to run it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { createHttpTransport, PROTOCOL_VERSION } from '../../src/protocol';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
// inside the project, so the bundle's imports resolve to its node_modules as they do from dist-server/
mkdirSync('node_modules/.cache', { recursive: true });
const out = mkdtempSync(join(resolve('node_modules/.cache'), 'motcua-server-build-'));
const data = mkdtempSync(join(tmpdir(), 'motcua-server-data-'));
let child: ChildProcess | null = null;

afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(out, { recursive: true, force: true });
  rmSync(data, { recursive: true, force: true });
});

/** Every bare import of the built files ("hono/body-limit" counts as "hono"). */
function importsOf(dir: string): Set<string> {
  const names = new Set<string>();
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
  for (const f of files) {
    for (const m of readFileSync(join(dir, f), 'utf8').matchAll(
      /(?:^|\s)(?:import|export)\s[^'"]*?from\s*["']([^"'.][^"']*)["']|import\(\s*["']([^"'.][^"']*)["']\s*\)/gm,
    )) {
      const spec = m[1] ?? m[2] ?? '';
      const parts = spec.split('/');
      names.add(spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
    }
  }
  return names;
}

describe('the production server runs built JavaScript', () => {
  it('npm start and npm run server run dist-server/main.js with node; tsx is a development dependency', () => {
    expect(pkg.scripts.build).toContain('vite build --config vite.server.config.ts');
    expect(readFileSync('scripts/start.mjs', 'utf8')).toContain("'dist-server/main.js'");
    expect(pkg.scripts.server).toBe('node dist-server/main.js');
    expect(pkg.scripts.admin).toBe('node dist-server/admin.js');
    expect(pkg.dependencies.tsx).toBeUndefined();
    expect(pkg.devDependencies.tsx).toBeDefined();
  });

  it('the bundle imports only runtime dependencies, and node serves the API from it', { timeout: 180_000 }, async () => {
    await build({ configFile: resolve('vite.server.config.ts'), logLevel: 'error', build: { outDir: out, sourcemap: false } });
    const builtin = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const imports = importsOf(out);
    expect(imports).toContain('hono');
    const foreign = [...imports].filter((name) => !builtin.has(name) && !(name in pkg.dependencies));
    expect(foreign).toEqual([]);

    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const proc = spawn(process.execPath, [join(out, 'main.js')], {
      env: { ...process.env, PGLITE_DIR: data, PORT: String(port), DIST_DIR: join(data, 'no-dist') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    const output = await new Promise<string>((ok, fail) => {
      let text = '';
      proc.stdout.on('data', (b: Buffer) => {
        text += b.toString();
        if (text.includes('Open http')) ok(text);
      });
      proc.stderr.on('data', (b: Buffer) => (text += b.toString()));
      proc.on('exit', (code) => fail(new Error(`server exited ${code}: ${text}`)));
    });
    const code = /counter tablet 1\s+(\S+)/.exec(output)?.[1];
    expect(code).toBeDefined();
    const profile = await createHttpTransport({ baseUrl: `http://127.0.0.1:${port}` }).enroll({
      protocolVersion: PROTOCOL_VERSION,
      code: code!,
      deviceName: 'built server test',
      appVersion: 'test',
    });
    expect(profile).toMatchObject({ role: 'counter', communeId: 'xa-demo' });
  });
});
