import { describe, expect, it } from 'vitest';
import { DEMO_CATALOG } from '../../../src/domain/catalog/demoCatalog';
import { parseHm, parseIsoDate } from '../../../src/domain/time/vnTime';

const { procedures, fields } = DEMO_CATALOG;

describe('[DUE1] demo catalog', () => {
  it('[DUE1] is versioned, effective 1/1/2026, with at least 25 procedures under unique national codes', () => {
    expect(DEMO_CATALOG.version).toBe('demo-2026.1');
    expect(parseIsoDate(DEMO_CATALOG.effectiveFrom)).not.toBeNull();
    expect(procedures.length).toBeGreaterThanOrEqual(25);
    const codes = procedures.map((p) => p.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c, c).toMatch(/^\d\.\d{6}$/);
    expect(new Set(fields.map((f) => f.code)).size).toBe(fields.length);
  });

  it.each(procedures.map((p) => [p.code, p] as const))('[DUE1] %s is well-formed', (_code, p) => {
    expect(
      fields.some((f) => f.code === p.fieldCode),
      p.fieldCode,
    ).toBe(true);
    expect(p.name.trim()).not.toBe('');
    expect(p.name).toBe(p.name.normalize('NFC'));
    if (p.processing.unit !== 'sameDay') expect(p.processing.amount).toBeGreaterThan(0);
    if (p.cutoff.kind === 'at') expect(parseHm(p.cutoff.time)).not.toBeNull();
    expect(Number.isInteger(p.feeVnd) && p.feeVnd >= 0).toBe(true);
    expect(p.papers.some((paper) => paper.required)).toBe(true);
    const ids = p.papers.map((paper) => paper.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const paper of p.papers) expect(paper.name).toBe(paper.name.normalize('NFC'));
  });

  it('[DUE1][DUE3] birth registration is same-day with a 15:00 cut-off', () => {
    const birth = procedures.find((p) => p.code === '1.001193');
    expect(birth).toMatchObject({
      name: 'Đăng ký khai sinh',
      fieldCode: 'HT',
      processing: { unit: 'sameDay' },
      cutoff: { kind: 'at', time: '15:00' },
      feeVnd: 0,
    });
  });

  it('[DUE1] every field has a procedure and the key commune fields are present', () => {
    for (const f of fields)
      expect(
        procedures.some((p) => p.fieldCode === f.code),
        f.code,
      ).toBe(true);
    expect(fields.map((f) => f.code)).toEqual(expect.arrayContaining(['HT', 'CT', 'DD', 'XD', 'BTXH', 'NCC', 'NCN', 'HKD']));
  });
});
