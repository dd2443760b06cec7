import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  INITIAL_UPLOAD,
  isUploadDue,
  nextUpload,
  uploadPercent,
  uploadRetryDelayMs,
  uploadView,
  UPLOAD_RETRY_MAX_MS,
  type UploadInput,
  type UploadState,
} from '../../../src/domain/files/uploadState';
import { cacheToEvict, mayDropCaptured, storageLevel } from '../../../src/domain/files/retention';
import { foldDossier } from '../../../src/domain/dossier/fold';
import { buildEvent, buildReceived, DAY, T0 } from '../../support/builders';

const run = (inputs: UploadInput[], now = T0): UploadState => inputs.reduce((s, i) => nextUpload(s, i, now), INITIAL_UPLOAD);

describe('[DIG1] the upload queue state machine', () => {
  it('[DIG1] pending → uploading n % → sent → confirmed', () => {
    let s = run([{ type: 'started', sentBytes: 0, size: 1000 }]);
    expect(uploadView(s)).toBe('uploading');
    s = nextUpload(s, { type: 'progress', sentBytes: 600 }, T0);
    expect(uploadPercent(s)).toBe(60);
    s = nextUpload(s, { type: 'allSent' }, T0);
    expect(uploadView(s)).toBe('sent');
    s = nextUpload(s, { type: 'confirmed' }, T0 + 5);
    expect(s).toEqual({ kind: 'confirmed', at: T0 + 5 });
    expect(isUploadDue(s, T0 + DAY)).toBe(false);
  });

  it('[DIG1] a resumed upload starts where the server is; a retried chunk never moves the bar back', () => {
    let s = run([
      { type: 'started', sentBytes: 500, size: 1000 },
      { type: 'progress', sentBytes: 800 },
    ]);
    s = nextUpload(s, { type: 'progress', sentBytes: 700 }, T0);
    expect(s).toMatchObject({ kind: 'uploading', sentBytes: 800 });
  });

  it('[DIG1] a transient failure keeps its reason and retries after a growing backoff; a permanent one waits for a person', () => {
    const t = run([
      { type: 'started', sentBytes: 0, size: 10 },
      { type: 'failed', reason: 'files:upload.offline', permanent: false },
    ]);
    expect(t).toMatchObject({ kind: 'failed', reason: 'files:upload.offline', attempts: 1, retryAt: T0 + 5_000 });
    expect(isUploadDue(t, T0 + 4_999)).toBe(false);
    expect(isUploadDue(t, T0 + 5_000)).toBe(true);
    const t2 = nextUpload(t, { type: 'failed', reason: 'x', permanent: false }, T0);
    expect(t2).toMatchObject({ attempts: 2, retryAt: T0 + 10_000 });
    const p = run([{ type: 'failed', reason: 'files:upload.hashMismatch', permanent: true }]);
    expect(isUploadDue(p, T0 + 365 * DAY)).toBe(false);
    expect(nextUpload(p, { type: 'retry' }, T0)).toEqual(INITIAL_UPLOAD);
    expect(uploadRetryDelayMs(50)).toBe(UPLOAD_RETRY_MAX_MS);
  });

  it('[DIG1] confirmed is final whatever arrives later (property)', () => {
    const input = fc.oneof(
      fc.record({ type: fc.constant('started' as const), sentBytes: fc.nat(100), size: fc.constant(100) }),
      fc.record({ type: fc.constant('progress' as const), sentBytes: fc.nat(100) }),
      fc.constant({ type: 'allSent' as const }),
      fc.constant({ type: 'confirmed' as const }),
      fc.constant({ type: 'retry' as const }),
      fc.record({ type: fc.constant('failed' as const), reason: fc.constant('r'), permanent: fc.boolean() }),
    );
    fc.assert(
      fc.property(fc.array(input, { maxLength: 20 }), fc.array(input, { maxLength: 20 }), (before, after) => {
        const s = run([...before, { type: 'confirmed' }]);
        expect(run([...before, { type: 'confirmed' }, ...after])).toEqual(s);
        // and every state reached is one of the five, with a bar between 0 and 100
        const mid = run(before);
        const pct = uploadPercent(mid);
        expect(pct === null || (pct >= 0 && pct <= 100)).toBe(true);
      }),
    );
  });
});

describe('[PD4][DIG1] dropping bytes on the tablet', () => {
  const closedAt = (at: number) => foldDossier([buildReceived(), buildEvent('resolved', {}, { at }), buildEvent('resultReturned', {}, { at: at + 1 })])!;
  const open = foldDossier([buildReceived()])!;
  const confirmed: UploadState = { kind: 'confirmed', at: T0 };

  it('[PD4] never a file the server has not confirmed, whatever its age', () => {
    for (const upload of [
      INITIAL_UPLOAD,
      { kind: 'sent', attempts: 0 } as const,
      { kind: 'failed', attempts: 3, reason: 'x', permanent: true, retryAt: T0 } as const,
    ]) {
      expect(mayDropCaptured({ origin: 'local', upload, hasBytes: true }, [closedAt(T0 + 1)], T0 + 1000 * DAY)).toBe(false);
    }
  });

  it('[PD4] a confirmed file goes once every dossier holding it has been closed for the retention period', () => {
    const f = { origin: 'local' as const, upload: confirmed, hasBytes: true };
    expect(mayDropCaptured(f, [open], T0 + 100 * DAY)).toBe(false);
    expect(mayDropCaptured(f, [closedAt(T0 + 1)], T0 + 29 * DAY, 30)).toBe(false);
    expect(mayDropCaptured(f, [closedAt(T0 + 1)], T0 + 31 * DAY, 30)).toBe(true);
    expect(mayDropCaptured(f, [closedAt(T0 + 1), open], T0 + 31 * DAY, 30)).toBe(false);
    expect(mayDropCaptured(f, [closedAt(T0 + 1)], T0 + 2, 0)).toBe(true);
    expect(mayDropCaptured(f, [], T0 + 100 * DAY)).toBe(false);
  });

  it('[DIG1] the viewing cache drops the least recently opened first until it fits', () => {
    const e = (sha: string, size: number, lastOpenedAt: number) => ({ sha256: sha, size, lastOpenedAt });
    expect(cacheToEvict([e('a', 60, 3), e('b', 60, 1), e('c', 60, 2)], 100)).toEqual(['b', 'c']);
    expect(cacheToEvict([e('a', 60, 3)], 100)).toEqual([]);
  });

  it('[DIG1] storage: warn at 80 % of the quota, refuse a capture that would pass 95 %', () => {
    expect(storageLevel(79, 100)).toBe('ok');
    expect(storageLevel(80, 100)).toBe('warn');
    expect(storageLevel(80, 100, 16)).toBe('full');
    expect(storageLevel(5, 0)).toBe('ok');
  });
});
