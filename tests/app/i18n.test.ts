import { describe, expect, it } from 'vitest';
import { en, vi } from '../../src/app/i18n/resources';
import { createI18n } from '../../src/app/i18n';

function keys(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('i18n: Vietnamese is the source, English is complete', () => {
  for (const ns of Object.keys(vi) as (keyof typeof vi)[]) {
    it(`namespace ${ns}: every vi key has an en translation and vice versa`, () => {
      const viKeys = keys(vi[ns]).filter(Boolean).sort();
      const enKeys = keys(en[ns]).filter(Boolean).sort();
      expect(enKeys).toEqual(viKeys);
    });
  }

  it('defaults to Vietnamese; the pseudo-locales show keys and long strings', () => {
    expect(createI18n().t('appName')).toBe('Một Cửa');
    expect(createI18n('keys').t('language.vi')).toBe('language.vi');
    expect(createI18n('long').t('language.en').length).toBeGreaterThan('English'.length + 3);
  });
});

describe("the kiosk's words match the paper", () => {
  it('[FRM3] the kiosk calls the receipt "giấy tiếp nhận" (its printed title), never "giấy biên nhận"', () => {
    const text = JSON.stringify(vi.kiosk);
    expect(text).not.toMatch(/biên nhận/i);
    expect(text).toContain('giấy tiếp nhận');
    expect(vi.print.title.receipt).toMatch(/^Giấy tiếp nhận/);
  });
});
