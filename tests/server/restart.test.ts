/**
 * The server killed mid-batch (SIGKILL, no shutdown) and restarted on the same PGlite data folder:
 * the batch is in whole or not at all, the re-push completes it, nothing is lost or duplicated.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createHttpTransport, PROTOCOL_VERSION, TransportError } from '../../src/protocol';
import { buildReceived } from '../support/builders';
import { STATUS } from '../contracts/sync.contract';

const dir = mkdtempSync(join(tmpdir(), 'motcua-pglite-'));
const port = 20_000 + Math.floor(Math.random() * 20_000);
let child: ChildProcess | null = null;

function startChild(): Promise<{ proc: ChildProcess; output: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: { ...process.env, PGLITE_DIR: dir, PORT: String(port), DIST_DIR: join(dir, 'no-dist') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    proc.stdout.on('data', (b: Buffer) => {
      output += b.toString();
      if (output.includes('Open http')) resolve({ proc, output });
    });
    proc.stderr.on('data', (b: Buffer) => (output += b.toString()));
    proc.on('exit', (code) => reject(new Error(`server exited ${code}: ${output}`)));
  });
}

afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('server killed mid-batch and restarted on the same data folder', () => {
  it('loses nothing and duplicates nothing', { timeout: 180_000 }, async () => {
    const first = await startChild();
    child = first.proc;
    const code = /counter tablet 1\s+(\S+)/.exec(first.output)![1]!;
    const transport = createHttpTransport({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 60_000 });
    const p = await transport.enroll({ protocolVersion: PROTOCOL_VERSION, code, deviceName: 'Máy 1', appVersion: '0.1.0' });
    const events = Array.from({ length: 500 }, (_, i) =>
      buildReceived({}, { id: randomUUID(), communeId: p.communeId, deviceId: p.deviceId, dossierId: `000.00.06.H56-260302-${1001 + i}`, deviceSeq: i + 1 }),
    );

    const inFlight = transport.push(p.token, { protocolVersion: PROTOCOL_VERSION, events, status: STATUS }).then(
      () => 'answered',
      (e: unknown) => e,
    );
    await new Promise((r) => setTimeout(r, 150));
    first.proc.kill('SIGKILL');
    const outcome = await inFlight;
    if (outcome !== 'answered') expect((outcome as TransportError).status).toBeNull();
    if (first.proc.exitCode === null && first.proc.signalCode === null) await new Promise((r) => first.proc.once('exit', r));

    const second = await startChild();
    child = second.proc;
    const again = await transport.push(p.token, { protocolVersion: PROTOCOL_VERSION, events, status: STATUS });
    const outcomes = new Set(again.results.map((r) => r.outcome));
    expect(outcomes.size, 'the first batch was atomic: all in or all out').toBe(1);
    expect([...outcomes][0]).toMatch(/^(accepted|duplicate)$/);

    const pulled = await transport.pull(p.token, { protocolVersion: PROTOCOL_VERSION, after: 0, limit: 1000, status: STATUS });
    expect(pulled.kind === 'events' && new Set(pulled.events.map((e) => e.event.id)).size).toBe(500);
    expect(pulled.kind === 'events' && pulled.events.length).toBe(500);
    second.proc.kill('SIGTERM');
  });
});
