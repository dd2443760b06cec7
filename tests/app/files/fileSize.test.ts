import { describe, expect, it } from 'vitest';
import { sizeParts } from '../../../src/app/files/fileSize';

describe('[DIG2] file sizes as people read them (Vietnamese number form)', () => {
  it.each([
    [0, 'kb', '0'],
    [300, 'kb', '1'],
    [12_345, 'kb', '12'],
    [1024 * 1023, 'kb', '1.023'],
    [1024 * 1024, 'mb', '1'],
    [1.5 * 1024 * 1024, 'mb', '1,5'],
    [52_428_800, 'mb', '50'],
    [1024 ** 3 - 1, 'gb', '1'],
    [2.25 * 1024 ** 3, 'gb', '2,25'],
  ] as const)('%d bytes → %s %s', (bytes, unit, n) => {
    expect(sizeParts(bytes)).toEqual({ unit, n });
  });
});
