import { describe, expect, it } from 'vitest';
import { foldSearchKey, matchesSearch, toNfc } from '../../../src/domain/text/searchKey';
import { cleanText } from '../../../src/domain/text/nfc';

describe('[TXT1] folded search key', () => {
  it.each([
    ['Nguyễn Thị Đào', 'nguyen thi dao'],
    ['ĐẶNG VĂN ĐỨC', 'dang van duc'],
    ['  Trần   Quốc\tToản ', 'tran quoc toan'],
    ['Phường Ưng Hoà', 'phuong ung hoa'],
  ])('[TXT1] %s → %s', (input, key) => {
    expect(foldSearchKey(input)).toBe(key);
  });

  it.each([
    ['Hoà', 'Hòa'],
    ['Thuỷ', 'Thủy'],
    ['Khoẻ', 'Khỏe'],
    ['hoá đơn', 'hóa đơn'],
  ])('[TXT1] old and new tone placement %s / %s fold the same', (oldStyle, newStyle) => {
    expect(oldStyle).not.toBe(newStyle);
    expect(foldSearchKey(oldStyle)).toBe(foldSearchKey(newStyle));
  });

  it('[TXT1] NFC, NFD and mixed input give the same key; đ becomes d', () => {
    const nfc = 'Nguyễn Thị Đào'.normalize('NFC');
    const nfd = nfc.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    const mixed = `${'Nguyễn'.normalize('NFD')} ${'Thị Đào'.normalize('NFC')}`;
    expect(foldSearchKey(nfd)).toBe('nguyen thi dao');
    expect(foldSearchKey(mixed)).toBe('nguyen thi dao');
    expect(foldSearchKey('đĐ')).toBe('dd');
  });

  it('[TXT1] stores NFC', () => {
    const nfd = 'Nguyễn Thị Đào'.normalize('NFD');
    expect(toNfc(nfd)).toBe('Nguyễn Thị Đào'.normalize('NFC'));
    expect(toNfc(nfd).length).toBeLessThan(nfd.length);
    expect(cleanText(' Lê  Văn\u00a0Tám ')).toBe('Lê Văn Tám');
  });

  it('[TXT1] word-prefix search on folded keys', () => {
    expect(matchesSearch('Nguyễn Thị Đào', 'ng th dao')).toBe(true);
    expect(matchesSearch('Nguyễn Thị Đào', 'ĐÀO')).toBe(true);
    expect(matchesSearch('Lê Văn Hoà', 'hòa')).toBe(true);
    expect(matchesSearch('Nguyễn Thị Đào', 'dung')).toBe(false);
    expect(matchesSearch('Nguyễn Thị Đào', '')).toBe(true);
  });
});
