// `npm start`: runs the built server (dist-server/main.js) with plain node: API + PWA on one port.
// On a clone with the development packages installed, it first runs `npm run build` when dist/
// or dist-server/ is missing or older than its sources; a deployment ships both folders built.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = process.cwd();
const at = (p) => join(root, p);
const newest = (p) => {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((n) => newest(join(p, n))));
};
const builtAt = (file) => (existsSync(at(file)) ? statSync(at(file)).mtimeMs : 0);
const sources = Math.max(...['src', 'public', 'index.html', 'vite.config.ts', 'vite.server.config.ts', 'package.json'].map((p) => newest(at(p))));
const stale = Math.min(builtAt('dist/index.html'), builtAt('dist-server/main.js')) <= sources;
const canBuild = existsSync(at('node_modules/vite'));

if (stale && canBuild) {
  console.log('Building the app and the server (npm run build)…');
  const r = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) {
    console.error('npm run build failed.');
    if (!existsSync(at('dist-server/main.js'))) process.exit(r.status ?? 1);
    console.error('Starting the previous build.');
  }
} else if (!existsSync(at('dist-server/main.js'))) {
  console.error('dist-server/main.js is missing: run `npm run build` (it needs the development packages).');
  process.exit(1);
}

const child = spawn(process.execPath, [at('dist-server/main.js')], { stdio: 'inherit', cwd: root });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
