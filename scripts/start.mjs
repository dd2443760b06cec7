// `npm start`: builds the PWA when dist/ is missing or older than its sources, then runs the
// server (API + PWA on one port) with tsx. Works on a fresh clone after `npm ci`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = process.cwd();
const newest = (p) => {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((n) => newest(join(p, n))));
};
const built = existsSync(join(root, 'dist/index.html')) ? statSync(join(root, 'dist/index.html')).mtimeMs : 0;
const sources = Math.max(newest(join(root, 'src/app')), newest(join(root, 'src/domain')), newest(join(root, 'src/protocol')),
  newest(join(root, 'public')), newest(join(root, 'index.html')), newest(join(root, 'vite.config.ts')));
if (built <= sources) {
  console.log('Building the app (npx vite build)…');
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) {
    console.error('The app build failed; starting the server anyway (the API works, the app page will say it is not built).');
  }
}
const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { stdio: 'inherit', cwd: root });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
