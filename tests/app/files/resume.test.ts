/**
 * [DIG1] Fault: the server is killed (SIGKILL) at 50 % of a 20 MB upload and restarted on the
 * same data folder (PGlite + FILES_DIR); the tablet's queue resumes from what the server has:
 * the bytes sent after the restart are less than the remainder plus one chunk. The kill also
 * drops the link in the middle of a chunk.
 */
import 'fake-indexeddb/auto';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../../src/app/db/schema';
import { setMeta } from '../../../src/app/db/meta';
import { prepareFile, recordDigitised, recordIntakeWithFiles } from '../../../src/app/files/fileStore';
import { createUploader } from '../../../src/app/files/uploader';
import { buildWorkCalendar } from '../../../src/domain/calendar/workCalendar';
import { OFFICIAL_CALENDAR_2026 } from '../../../src/domain/calendar/official2026';
import { createFileTransport, createHttpTransport, FILE_CHUNK_BYTES, PROTOCOL_VERSION } from '../../../src/protocol';
import { DAY, receivedPayload } from '../../support/builders';
import { STATUS } from '../../contracts/sync.contract';
import { pdfBytes } from '../../server/files/helpers';
import { wireEvent } from '../../../src/app/sync/push';

const dir = mkdtempSync(join(tmpdir(), 'motcua-files-kill-'));
const port = 20_000 + Math.floor(Math.random() * 20_000);
const url = `http://127.0.0.1:${port}`;
let child: ChildProcess | null = null;

function startChild(): Promise<{ proc: ChildProcess; output: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: {
        ...process.env,
        PGLITE_DIR: join(dir, 'pglite'),
        FILES_DIR: join(dir, 'files'),
        PORT: String(port),
        DIST_DIR: join(dir, 'no-dist'),
        S3_ENDPOINT: '',
      },
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

describe('[DIG1] upload resumes after the server is killed at 50 %', () => {
  it('[DIG1] bytes sent after the restart < remainder + one chunk, and the file is whole', { timeout: 300_000 }, async () => {
    const first = await startChild();
    child = first.proc;
    const code = /counter tablet 1\s+(\S+)/.exec(first.output)![1]!;
    const device = await createHttpTransport({ baseUrl: url, timeoutMs: 60_000 }).enroll({
      protocolVersion: PROTOCOL_VERSION,
      code,
      deviceName: 'Máy 1',
      appVersion: '0.1.0',
    });
    const db = openDb(`kill-${Math.random()}`);
    await setMeta(db, 'device', device);
    const cal = buildWorkCalendar([OFFICIAL_CALENDAR_2026]);
    const actor = { device, userId: 'can-bo-lan' };
    const size = 20 * 1024 * 1024 - 4096;
    const bytes = pdfBytes(size);
    const prepared = await prepareFile({ bytes, pages: 40, paperCode: 'p1', name: 'Hồ sơ dày', thumb: null });
    if (!prepared.ok) throw new Error(prepared.error.code);
    const intake = await recordIntakeWithFiles(db, cal, actor, receivedPayload({ dueAt: Date.now() + 3 * DAY, clockStartAt: Date.now() }), Date.now(), 'none');
    if (!intake.ok) throw new Error(intake.error.code);
    const rec = await recordDigitised(db, cal, actor, intake.value.state.id, 'papers', 'intake', [prepared.value], Date.now() + 1);
    if (!rec.ok) throw new Error(rec.error.code);
    await createHttpTransport({ baseUrl: url }).push(device.token, {
      protocolVersion: PROTOCOL_VERSION,
      events: (await db.events.toArray()).map(wireEvent),
      status: STATUS,
    });

    let sent = 0;
    let killed = false;
    const transport = createFileTransport({
      baseUrl: url,
      fetch: async (input, init) => {
        if (init?.method === 'PUT' && init.body instanceof Uint8Array) {
          sent += init.body.length;
          if (!killed && sent > size / 2) {
            killed = true;
            // mid-chunk: the request is on its way when the server dies
            const inFlight = fetch(input, init);
            setTimeout(() => child?.kill('SIGKILL'), 5);
            return inFlight;
          }
        }
        return fetch(input, init);
      },
    });
    const uploader = createUploader({ db, transport });
    await uploader.runOnce();
    const sha = prepared.value.ref.sha256;
    const afterKill = (await db.files.get(sha))!.upload;
    expect(afterKill).toMatchObject({ kind: 'failed', permanent: false });
    const sentBefore = sent;
    if (first.proc.exitCode === null && first.proc.signalCode === null) await new Promise((r) => first.proc.once('exit', r));

    const second = await startChild();
    child = second.proc;
    const status = await createFileTransport({ baseUrl: url }).uploadStatus(device.token, sha);
    expect(status.present).toBe(false);
    expect(status.received).toBeGreaterThanOrEqual(size / 2 - FILE_CHUNK_BYTES);
    await db.files.update(sha, { upload: { ...afterKill, retryAt: 0 } as typeof afterKill });
    await uploader.runOnce();
    const sentAfter = sent - sentBefore;
    const remainder = size - status.received;
    console.log(
      `[measure] 20 MB upload killed at ${Math.round((sentBefore / size) * 100)} %: server had ${status.received} B; sent after restart ${sentAfter} B (remainder ${remainder} B, chunk ${FILE_CHUNK_BYTES} B)`,
    );
    expect(sentAfter).toBeLessThan(remainder + FILE_CHUNK_BYTES);
    expect((await db.files.get(sha))!.upload.kind).toBe('confirmed');
    const back = await createFileTransport({ baseUrl: url }).download(device.token, sha);
    expect(back.length).toBe(size);
    expect(Buffer.from(back).equals(Buffer.from(bytes))).toBe(true);
    expect(readdirSync(join(dir, 'files'), { recursive: true }).length).toBeGreaterThan(0);
    await db.delete();
  });
});
