/** The server part of the sync bench alone (no Chromium, no PouchDB): `npx tsx tests/bench/serverOnly.ts`. */
import { runServerBench } from './serverBench';

const n = Number(process.env.BENCH_EVENTS ?? 10_000);
const out = await runServerBench(n);
console.log(JSON.stringify(out, null, 2));
process.exit(0);
