import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { codeSequence, formatDossierCode, nextDossierCode, parseDossierCode, slotCodeRange, slotNumberOf } from '../../../src/domain/dossier/codes';
import { decodeReceiptQr, encodeReceiptQr } from '../../../src/domain/dossier/receiptQr';
import { vnInstant } from '../../../src/domain/time/vnTime';

describe('[LIF5] dossier codes', () => {
  it('[LIF5] formats <agency>-<YYMMDD>-<NNNN>', () => {
    expect(formatDossierCode('000.00.06.H56', '2023-10-27', 361)).toBe('000.00.06.H56-231027-0361');
    expect(formatDossierCode('000.00.06.H56', '2026-03-02', 12005)).toBe('000.00.06.H56-260302-12005');
  });

  it('[LIF5] parses typed codes, with spaces and lower case, and refuses others', () => {
    expect(parseDossierCode(' 000.00.06.h56-231027-0361 ')).toEqual({ ok: true, value: { agencyCode: '000.00.06.H56', date: '2023-10-27', seq: 361 } });
    for (const bad of ['', '000.00.06.H56-231027-361', '000.00.06.H56-231332-0361', 'abc', '000.00.06.H56_231027_0361']) {
      expect(parseDossierCode(bad).ok, bad).toBe(false);
    }
  });

  it('[LIF5] a device numbers within its slot and restarts each Vietnam day', () => {
    const first = nextDossierCode({ agencyCode: '000.00.06.H56', slot: 3, at: vnInstant(2026, 3, 2, 23, 30), last: null });
    expect(first).toEqual({ ok: true, value: { code: '000.00.06.H56-260302-3001', date: '2026-03-02', n: 1 } });
    const second = nextDossierCode({ agencyCode: '000.00.06.H56', slot: 3, at: vnInstant(2026, 3, 2, 23, 31), last: { date: '2026-03-02', n: 1 } });
    expect(second.ok && second.value.code).toBe('000.00.06.H56-260302-3002');
    const nextDay = nextDossierCode({ agencyCode: '000.00.06.H56', slot: 3, at: vnInstant(2026, 3, 3, 0, 1), last: { date: '2026-03-02', n: 2 } });
    expect(nextDay.ok && nextDay.value.code).toBe('000.00.06.H56-260303-3001');
  });

  it('[LIF5] the highest stored code of the day counts when the counter names another day', () => {
    const at = vnInstant(2026, 3, 2, 9);
    const next = nextDossierCode({ agencyCode: '000.00.06.H56', slot: 1, at, last: { date: '2026-02-20', n: 7 }, highestStoredToday: 3 });
    expect(next.ok && next.value.code).toBe('000.00.06.H56-260302-1004');
    expect(slotCodeRange('000.00.06.H56', 12, '2026-03-02')).toEqual(['000.00.06.H56-260302-12001', '000.00.06.H56-260302-12999']);
    expect(slotNumberOf('000.00.06.H56-260302-12005', 12)).toBe(5);
    expect(slotNumberOf('000.00.06.H56-260302-1005', 12)).toBe(0);
  });

  it('[LIF5] refuses a device without a slot, a full slot and a bad agency code', () => {
    const at = vnInstant(2026, 3, 2, 9);
    expect(nextDossierCode({ agencyCode: 'X1', slot: 0, at, last: null })).toMatchObject({ ok: false, error: { code: 'dossier.noCodeSlot' } });
    expect(nextDossierCode({ agencyCode: 'X1', slot: 1, at, last: { date: '2026-03-02', n: 999 } })).toMatchObject({
      ok: false,
      error: { code: 'dossier.codeSlotExhausted' },
    });
    expect(nextDossierCode({ agencyCode: 'bad code', slot: 1, at, last: null })).toMatchObject({ ok: false, error: { code: 'dossier.badAgencyCode' } });
  });

  it('[LIF5] property: two different slots never issue the same code', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 99 }),
        fc.integer({ min: 1, max: 99 }),
        fc.integer({ min: 1, max: 999 }),
        fc.integer({ min: 1, max: 999 }),
        (s1, s2, n1, n2) => {
          fc.pre(s1 !== s2);
          expect(codeSequence(s1, n1)).not.toBe(codeSequence(s2, n2));
        },
      ),
    );
  });
});

describe('[FRM3][PD3] the receipt QR code', () => {
  const q = { code: '000.00.06.H56-260302-1001', procedureCode: '1.001193', officerId: 'officer-lan' };

  it('round-trips and carries no personal data', () => {
    const text = encodeReceiptQr(q);
    expect(text).toBe('MOTCUA1|000.00.06.H56-260302-1001|1.001193|officer-lan');
    expect(decodeReceiptQr(text)).toEqual({ ok: true, value: q });
  });

  it('refuses anything else', () => {
    for (const bad of [
      '',
      'https://example.com',
      'MOTCUA1|x|y|z',
      'MOTCUA1|000.00.06.H56-260302-1001|1.001193',
      'MOTCUA1|000.00.06.H56-260302-1001|1.001193|Nguyễn Văn A',
    ]) {
      expect(decodeReceiptQr(bad)).toMatchObject({ ok: false, error: { code: 'dossier.badQr' } });
    }
  });
});

describe('[SAT3] the receipt QR code with its check code', () => {
  const q = { code: '000.00.06.H56-260302-1001', procedureCode: '1.001193', officerId: 'officer-lan', checkCode: '0472' };

  it('[SAT3] carries the check code (version 2) and still reads a version 1 receipt without one', () => {
    const text = encodeReceiptQr(q);
    expect(text).toBe('MOTCUA2|000.00.06.H56-260302-1001|1.001193|officer-lan|0472');
    expect(decodeReceiptQr(text)).toEqual({ ok: true, value: q });
    expect(decodeReceiptQr('MOTCUA1|000.00.06.H56-260302-1001|1.001193|officer-lan')).toEqual({
      ok: true,
      value: { code: q.code, procedureCode: q.procedureCode, officerId: q.officerId },
    });
  });

  it('[SAT3] refuses a version 2 code whose check code is not 4 digits', () => {
    for (const bad of [
      'MOTCUA2|000.00.06.H56-260302-1001|1.001193|officer-lan',
      'MOTCUA2|000.00.06.H56-260302-1001|1.001193|officer-lan|47',
      'MOTCUA2|000.00.06.H56-260302-1001|1.001193|officer-lan|abcd',
    ]) {
      expect(decodeReceiptQr(bad)).toMatchObject({ ok: false, error: { code: 'dossier.badQr' } });
    }
  });
});
