import { describe, expect, it } from 'vitest';
import { BIRTH_PROVINCE_CODES, checkPassport, checkPersonalId } from '../../../src/domain/identity/personalId';
import { checkPhone } from '../../../src/domain/identity/phone';
import { checkEmail } from '../../../src/domain/identity/email';

const warnings = (s: string, year?: number) => {
  const r = checkPersonalId(s, year);
  return r.ok ? r.value.warnings : [r.error.code];
};

describe('[PD2] personal ID number', () => {
  it('[PD2] exactly 12 digits after removing spaces is the form', () => {
    expect(checkPersonalId(' 001 190 012 345 ', 2026)).toEqual({ ok: true, value: { value: '001190012345', warnings: [] } });
  });

  it.each(['', '00119001234', '0011900123456', '00119001234a', '001-190-012345', '００１１９００１２３４５'])('[PD2] %j is refused', (bad) => {
    expect(checkPersonalId(bad, 2026)).toMatchObject({ ok: false, error: { code: 'identity.idFormat' } });
  });

  it('[PD2] the province list has the 63 birth-registration codes from 001 to 096', () => {
    expect(BIRTH_PROVINCE_CODES.size).toBe(63);
    for (const c of ['001', '079', '096', '048']) expect(BIRTH_PROVINCE_CODES.has(c)).toBe(true);
    for (const c of ['000', '003', '097', '100']) expect(BIRTH_PROVINCE_CODES.has(c)).toBe(false);
  });

  it('[PD2] implausible values warn without blocking', () => {
    expect(warnings('003190012345', 2026)).toEqual(['identity.unknownProvince']);
    expect(warnings('001590012345', 2026)).toEqual(['identity.implausibleCentury']);
    expect(warnings('001999012345', 2026)).toEqual(['identity.implausibleCentury']);
    expect(warnings('001299012345', 2026)).toEqual(['identity.birthYearInFuture']);
    expect(warnings('001326012345', 2026)).toEqual([]); // female, born 2026
    expect(warnings('001327012345', 2026)).toEqual(['identity.birthYearInFuture']);
    expect(warnings('079105012345', 2026)).toEqual([]); // female, born 1905
    expect(warnings('097999012345', 2026)).toEqual(['identity.unknownProvince', 'identity.implausibleCentury']);
  });

  it('[PD2] without the current year the future check is skipped', () => {
    expect(warnings('001299012345')).toEqual([]);
  });

  it('[PD2] passports: a letter and 7–8 digits', () => {
    expect(checkPassport('c1234567')).toEqual({ ok: true, value: { value: 'C1234567' } });
    expect(checkPassport('N 12345678')).toEqual({ ok: true, value: { value: 'N12345678' } });
    for (const bad of ['12', '1234567', 'C123456', 'C123456789', 'CC123456']) {
      expect(checkPassport(bad), bad).toMatchObject({ ok: false, error: { code: 'identity.passportFormat' } });
    }
  });
});

describe('phone numbers', () => {
  it.each([
    ['0912 345 678', '0912345678', 'mobile'],
    ['+84 912.345.678', '0912345678', 'mobile'],
    ['84987654321', '0987654321', 'mobile'],
    ['(+84) 32-123-4567', '0321234567', 'mobile'],
    ['0561234567', '0561234567', 'mobile'],
    ['0771234567', '0771234567', 'mobile'],
    ['0812345678', '0812345678', 'mobile'],
    ['024 3825 3535', '02438253535', 'landline'],
    ['+84 28 3829 1234', '02838291234', 'landline'],
  ])('%s → %s (%s)', (input, value, kind) => {
    expect(checkPhone(input)).toEqual({ ok: true, value: { value, kind } });
  });

  it.each(['091234567', '09123456789', '0123456789', '0412345678', '1900123456', '0243825353', 'abc', ''])('refuses %j', (bad) => {
    expect(checkPhone(bad)).toMatchObject({ ok: false, error: { code: 'identity.phoneFormat' } });
  });
});

describe('e-mail', () => {
  it('accepts and trims an address', () => {
    expect(checkEmail(' lan@xa.gov.vn ')).toEqual({ ok: true, value: { value: 'lan@xa.gov.vn' } });
    expect(checkEmail('a.b+c@mail.example.com').ok).toBe(true);
  });
  it.each(['lan@xa', 'lan@', '@xa.vn', 'lan xa@xa.vn', 'lan@@xa.vn', 'lan@xa..vn', ''])('refuses %j', (bad) => {
    expect(checkEmail(bad)).toMatchObject({ ok: false, error: { code: 'identity.emailFormat' } });
  });
});
