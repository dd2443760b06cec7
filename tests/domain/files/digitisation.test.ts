import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { foldDossier } from '../../../src/domain/dossier/fold';
import { checkAction } from '../../../src/domain/dossier/checkAction';
import { digitisationOf, needsDigitising } from '../../../src/domain/files/digitisation';
import { MAX_FILE_BYTES, RESULT_PAPER_CODE, sniffFileType } from '../../../src/domain/files/fileRef';
import { digitisedReport } from '../../../src/domain/stats/digitisedShare';
import { dossierEventSchema } from '../../../src/protocol/events';
import { buildEvent, buildReceived, DAY, digitisedFile, HOUR, T0 } from '../../support/builders';
import { buildWorkCalendar } from '../../../src/domain/calendar/workCalendar';
import { OFFICIAL_CALENDAR_2026 } from '../../../src/domain/calendar/official2026';

const twoPapers = [
  { paperId: 'toKhai', name: 'Tờ khai', kind: 'original' as const, count: 1 },
  { paperId: 'chungSinh', name: 'Giấy chứng sinh', kind: 'original' as const, count: 1 },
];

describe('[DIG1] a dossier is digitised fully when every paper received has its file', () => {
  it('[DIG1] one paper of two: not fully; both: fully', () => {
    const intake = buildReceived({ papers: twoPapers });
    const one = buildEvent('papersDigitised', { stage: 'intake', files: [digitisedFile('toKhai')] }, { at: T0 + 1 });
    const s1 = foldDossier([intake, one])!;
    expect(digitisationOf(s1)).toMatchObject({ fully: false, missing: 1 });
    expect(needsDigitising(s1)).toBe(true);
    const two = buildEvent('papersDigitised', { stage: 'supplement', files: [digitisedFile('chungSinh', { seed: 2 })] }, { at: T0 + 2 });
    const s2 = foldDossier([intake, one, two])!;
    expect(digitisationOf(s2)).toMatchObject({ fully: true, missing: 0 });
    expect(needsDigitising(s2)).toBe(false);
  });

  it('[DIG1] a later file of the same paper replaces the earlier one; the fold is order-independent', () => {
    const intake = buildReceived({ papers: twoPapers });
    const a = buildEvent('papersDigitised', { stage: 'intake', files: [digitisedFile('toKhai', { seed: 1 })] }, { at: T0 + HOUR });
    const b = buildEvent('papersDigitised', { stage: 'later', files: [digitisedFile('toKhai', { seed: 9 })] }, { at: T0 + 2 * HOUR });
    const s = foldDossier([b, intake, a])!;
    expect(s.files.map((f) => f.sha256)).toEqual([digitisedFile('x', { seed: 9 }).sha256]);
    expect(s.status).toBe('received');
  });

  it('[DIG1] a paper counted 0 is not expected; a dossier that listed no paper needs one file', () => {
    const none = foldDossier([buildReceived({ papers: [] })])!;
    expect(digitisationOf(none).fully).toBe(false);
    const withFile = foldDossier([
      buildReceived({ papers: [] }),
      buildEvent('papersDigitised', { stage: 'intake', files: [digitisedFile('x')] }, { at: T0 + 1 }),
    ])!;
    expect(digitisationOf(withFile).fully).toBe(true);
  });

  it('[DIG1] a result file only where a result exists (resolved or returned)', () => {
    const intake = buildReceived();
    const result = buildEvent('resultDigitised', { files: [digitisedFile(RESULT_PAPER_CODE)] }, { at: T0 + 2 * HOUR });
    expect(foldDossier([intake, result])!.conflicts.map((c) => c.reason)).toEqual(['notAllowedInStatus']);
    const resolved = buildEvent('resolved', {}, { at: T0 + HOUR });
    const s = foldDossier([intake, resolved, result])!;
    expect(s.conflicts).toEqual([]);
    expect(digitisationOf(s)).toMatchObject({ resultExpected: true, resultFile: { paperCode: RESULT_PAPER_CODE, kind: 'result' } });
  });

  it('[DIG1] a refused dossier is never "chưa số hóa đủ"', () => {
    expect(needsDigitising(foldDossier([buildReceived({ outcome: 'refused', refusalReason: 'x', dueAt: null, clockStartAt: null })])!)).toBe(false);
  });

  it('[DIG1] the counter refuses a file with a bad hash, no pages, or over 20 MB', () => {
    const cal = buildWorkCalendar([OFFICIAL_CALENDAR_2026]);
    const s = foldDossier([buildReceived()])!;
    const check = (f: ReturnType<typeof digitisedFile>) => checkAction(s, buildEvent('papersDigitised', { stage: 'later', files: [f] }, { at: T0 + 1 }), cal);
    expect(check(digitisedFile('p1')).ok).toBe(true);
    expect(check(digitisedFile('p1', { sha256: 'XYZ' }))).toMatchObject({ ok: false, error: { code: 'files.badHash' } });
    expect(check(digitisedFile('p1', { pages: 0 }))).toMatchObject({ ok: false, error: { code: 'files.badPages' } });
    expect(check(digitisedFile('p1', { size: MAX_FILE_BYTES + 1 }))).toMatchObject({ ok: false, error: { code: 'files.tooLarge' } });
  });

  it('[DIG1] the wire schema accepts a file event and refuses an unknown type or a bad hash', () => {
    const e = buildEvent('papersDigitised', { stage: 'intake', files: [digitisedFile('p1')] });
    expect(dossierEventSchema.safeParse(e).success).toBe(true);
    expect(dossierEventSchema.safeParse({ ...e, payload: { ...e.payload, files: [{ ...digitisedFile('p1'), type: 'text/html' }] } }).success).toBe(false);
    expect(dossierEventSchema.safeParse({ ...e, payload: { ...e.payload, files: [{ ...digitisedFile('p1'), sha256: 'A'.repeat(64) }] } }).success).toBe(false);
  });
});

describe('[DIG1] magic bytes, not names', () => {
  const bytes = (...b: number[]) => new Uint8Array(b);
  it('[DIG1] PDF, JPEG and PNG are told by their first bytes; anything else is refused', () => {
    expect(sniffFileType(new TextEncoder().encode('%PDF-1.4\n'))).toBe('application/pdf');
    expect(sniffFileType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
    expect(sniffFileType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('image/png');
    expect(sniffFileType(new TextEncoder().encode('<html>'))).toBeNull();
    expect(sniffFileType(bytes())).toBeNull();
  });
  it('[DIG1] no byte string is mistaken for two types (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 16 }), (b) => {
        const t = sniffFileType(b);
        expect(t === null || ['application/pdf', 'image/jpeg', 'image/png'].includes(t)).toBe(true);
      }),
    );
  });
});

describe('[IND1][REP3] digitised share per period, field and officer', () => {
  const range = { from: '2026-02-15', to: '2026-03-14' };
  const intake = (code: string, officer: string, field = 'HT') => buildReceived({ fieldCode: field }, { dossierId: code, actorId: officer });
  const file = (code: string, at: number) => buildEvent('papersDigitised', { stage: 'intake', files: [digitisedFile('p1')] }, { dossierId: code, at });

  it('[IND1] share of dossiers taken in with every paper digitised, and of results with a result file', () => {
    const a = foldDossier([intake('A', 'lan'), file('A', T0 + 1)])!;
    const b = foldDossier([intake('B', 'lan', 'CT')])!;
    const c = foldDossier([
      intake('C', 'minh'),
      file('C', T0 + 1),
      buildEvent('resolved', {}, { dossierId: 'C', at: T0 + DAY }),
      buildEvent('resultDigitised', { files: [digitisedFile(RESULT_PAPER_CODE, { seed: 3 })] }, { dossierId: 'C', at: T0 + DAY + 1 }),
    ])!;
    const r = digitisedReport([a, b, c], range);
    expect(r.total).toMatchObject({ dossiers: 3, dossiersDigitised: 2, results: 1, resultsDigitised: 1 });
    expect(r.total.dossierShare.value).toBeCloseTo(2 / 3);
    expect(r.total.dossierShare.met).toBe(false);
    expect(r.total.resultShare).toMatchObject({ value: 1, target: 1, met: true });
    expect(r.byField.get('CT')).toMatchObject({ dossiers: 1, dossiersDigitised: 0 });
    expect(r.byOfficer.get('lan')).toMatchObject({ dossiers: 2, dossiersDigitised: 1 });
    expect(r.byOfficer.get('minh')).toMatchObject({ dossiers: 1, dossiersDigitised: 1 });
  });

  it('[REP1a][IND1] a file attached after the period ends does not change the closed period', () => {
    const late = foldDossier([intake('A', 'lan'), file('A', T0 + 30 * DAY)])!;
    expect(digitisedReport([late], range).total).toMatchObject({ dossiers: 1, dossiersDigitised: 0 });
    expect(digitisedReport([late], { from: '2026-03-15', to: '2026-04-14' }).total.dossiers).toBe(0);
  });

  it('[IND1] no dossier in the period: no share (not 0 %, not 100 %)', () => {
    expect(digitisedReport([], range).total.dossierShare).toMatchObject({ value: null, met: null });
  });
});
