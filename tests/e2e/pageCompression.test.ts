/**
 * [DIG3] Page size and legibility of the app's own compression (capture/compress.ts, bundled into
 * the page as it is) on the worst page: A4 packed edge to edge with 9 pt Vietnamese text, in real
 * Chromium. Legibility is measured as a reader needs it: every letter with a mark in the sampled
 * lines must be told apart from the other letters of its family (ễ from ế, ể, ệ, ê, e …; đ from d)
 * by the nearest clean rendering of each candidate at 150 dpi. A control at 77 dpi shows the
 * measure fails when text is not legible; the luminance PSNR is printed beside it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_BUDGET_BYTES, PAGE_LONG_SIDE_PX } from '../../src/app/files/capture/compress';
import { launchBrowser, SCREENSHOT_DIR } from '../support/browser';
import { shouldRun } from '../support/env';

/** compress.ts as a script that sets `window.Compress`. */
async function compressScript(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'warn',
    build: { write: false, minify: false, lib: { entry: 'src/app/files/capture/compress.ts', formats: ['iife'], name: 'Compress', fileName: 'compress' } },
  });
  const chunk = (Array.isArray(out) ? out : [out]).flatMap((o) => ('output' in o ? o.output : [])).find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('no bundle of compress.ts');
  return `${chunk.code}\nwindow.Compress = Compress;`;
}

type Measured = { label: string; bytes: number; quality: number | null; recognised: number; cases: number; confusions: string[]; psnr: number; crop: string };

/** Draws the worst page, compresses it (the app's function, or a fixed resolution and quality), decodes and measures it. */
function measure(page: Page, runs: readonly (readonly [string, number | null, number | null])[]): Promise<Measured[]> {
  return page.evaluate(
    async ({ longSide, runs }) => {
      const w = Math.round(longSide / 1.414),
        h = longSide;
      const px9pt = Math.round((9 / 72) * 150); // 9 pt at 150 dpi ≈ 19 px
      const font = `${px9pt}px serif`;
      const paper = '#fbfaf5',
        ink = '#111';
      const text =
        'Họ, chữ đệm, tên: NGUYỄN THỊ ĐÀO; nơi cư trú: thôn Đông, xã Hòa Bình; ngày sinh: 03/02/2026; quốc tịch: Việt Nam; giấy tờ tùy thân: CCCD 001190012345 — ỹ ẫ ặ ở ự ữ';
      const lines: { y: number; s: string }[] = [];
      for (let y = 120; y < h - 100; y += px9pt * 1.5) lines.push({ y, s: text.slice(0, 80 + (y % 40)) });
      const c = document.createElement('canvas');
      c.width = w;
      c.height = h;
      const g = c.getContext('2d')!;
      g.fillStyle = paper;
      g.fillRect(0, 0, w, h);
      g.fillStyle = ink;
      g.font = font;
      for (const l of lines) g.fillText(l.s, 80, l.y);
      g.strokeStyle = '#c8102e';
      g.lineWidth = 6;
      g.beginPath();
      g.arc(w * 0.75, h * 0.9, 80, 0, 7);
      g.stroke();
      const ref = g.getImageData(0, 0, w, h).data;
      const lum = (d: Uint8ClampedArray, i: number) => 0.299 * d[i]! + 0.587 * d[i + 1]! + 0.114 * d[i + 2]!;

      // every marked letter of every sixth line, with the clean renderings of each letter of its family in its place
      const FAMILIES = ['aàáảãạăằắẳẵặâầấẩẫậ', 'eèéẻẽẹêềếểễệ', 'iìíỉĩị', 'oòóỏõọôồốổỗộơờớởỡợ', 'uùúủũụưừứửữự', 'yỳýỷỹỵ', 'dđ'].flatMap((f) => [
        f,
        f.toUpperCase(),
      ]);
      const lineH = px9pt * 2;
      const top = (y: number) => Math.round(y - px9pt * 1.2);
      const scratch = document.createElement('canvas');
      scratch.width = w;
      scratch.height = lineH;
      const sg = scratch.getContext('2d', { willReadFrequently: true })!;
      const cases: { x0: number; x1: number; y: number; ch: string; candidates: { ch: string; lum: Float32Array }[] }[] = [];
      for (const l of lines.filter((_, i) => i % 6 === 2)) {
        const chars = [...l.s];
        chars.forEach((ch, i) => {
          const family = FAMILIES.find((f) => f.includes(ch));
          if (!family) return;
          const x0 = Math.floor(80 + g.measureText(chars.slice(0, i).join('')).width) - 2;
          const x1 = Math.ceil(80 + g.measureText(chars.slice(0, i + 1).join('')).width) + 2;
          const candidates = [...family].map((cand) => {
            sg.fillStyle = paper;
            sg.fillRect(0, 0, w, lineH);
            sg.fillStyle = ink;
            sg.font = font;
            sg.fillText([...chars.slice(0, i), cand, ...chars.slice(i + 1)].join(''), 80, l.y - top(l.y));
            const d = sg.getImageData(x0, 0, x1 - x0, lineH).data;
            const v = new Float32Array(d.length / 4);
            for (let k = 0; k < v.length; k++) v[k] = lum(d, k * 4);
            return { ch: cand, lum: v };
          });
          cases.push({ x0, x1, y: top(l.y), ch, candidates });
        });
      }

      const app = (
        window as unknown as { Compress: { compressPage(s: CanvasImageSource, w: number, h: number): Promise<{ jpeg: Uint8Array; quality: number }> } }
      ).Compress;
      const out = [];
      for (const [label, side, q] of runs) {
        let jpeg: Uint8Array,
          quality: number | null = q;
        if (side === null) ({ jpeg, quality } = await app.compressPage(c, w, h));
        else {
          const s = document.createElement('canvas');
          s.width = Math.round((w * side) / longSide);
          s.height = Math.round((h * side) / longSide);
          const x = s.getContext('2d')!;
          x.imageSmoothingQuality = 'high';
          x.drawImage(c, 0, 0, s.width, s.height);
          jpeg = new Uint8Array(await (await new Promise<Blob>((r) => s.toBlob((b) => r(b!), 'image/jpeg', q ?? 0.7))).arrayBuffer());
        }
        // decoded and brought back to 150 dpi, as a viewer shows it
        const bmp = await createImageBitmap(new Blob([jpeg as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }));
        const d = document.createElement('canvas');
        d.width = w;
        d.height = h;
        const dg = d.getContext('2d', { willReadFrequently: true })!;
        dg.imageSmoothingQuality = 'high';
        dg.drawImage(bmp, 0, 0, w, h);
        let recognised = 0;
        const confusions: string[] = [];
        for (const k of cases) {
          const got = dg.getImageData(k.x0, k.y, k.x1 - k.x0, lineH).data;
          let best = '',
            bestSe = Infinity;
          for (const cand of k.candidates) {
            let se = 0;
            for (let j = 0; j < cand.lum.length; j++) {
              const e = cand.lum[j]! - lum(got, j * 4);
              se += e * e;
            }
            if (se < bestSe) {
              bestSe = se;
              best = cand.ch;
            }
          }
          if (best === k.ch) recognised++;
          else confusions.push(`${k.ch}→${best}`);
        }
        const all = dg.getImageData(0, 0, w, h).data;
        let se = 0,
          n = 0;
        for (let y = 100; y < h * 0.8; y++)
          for (let x = 60; x < w - 60; x++) {
            const i = (y * w + x) * 4;
            const e = lum(ref, i) - lum(all, i);
            se += e * e;
            n++;
          }
        const crop = document.createElement('canvas');
        crop.width = 700;
        crop.height = 160;
        crop.getContext('2d')!.drawImage(d, 60, 100, 700, 160, 0, 0, 700, 160);
        out.push({
          label,
          bytes: jpeg.length,
          quality,
          recognised,
          cases: cases.length,
          confusions: confusions.slice(0, 10),
          psnr: 10 * Math.log10((255 * 255) / (se / n)),
          crop: crop.toDataURL('image/png'),
        });
      }
      return out;
    },
    { longSide: PAGE_LONG_SIDE_PX, runs },
  );
}

describe.skipIf(!shouldRun('chromium'))('[DIG3] page compression: size and legibility', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(() => browser?.close());

  // Measured on this page: 150 dpi at q 0.7 393 KB / 32.2 dB, 0.6 348 KB, 0.5 313 KB, 0.4 279 KB / 27.8 dB,
  // every mark told apart at each; 137 dpi at q 0.6 259 KB confuses đ with d. A form as captured by the
  // camera in tests/e2e/files.test.ts is ~46 KB a page and keeps q 0.7.
  it('[DIG3] an A4 page packed with 9 pt Vietnamese text: within 300 KB, every diacritic still told apart; at 77 dpi they are not', async () => {
    const page = await browser.newPage();
    await page.addScriptTag({ content: await compressScript() });
    const [chosen, ...others] = await measure(page, [
      ['app (compressPage)', null, null],
      ['150 dpi q 0.7', PAGE_LONG_SIDE_PX, 0.7],
      ['137 dpi q 0.6', 1600, 0.6],
      ['77 dpi q 0.5 (control)', 900, 0.5],
    ]);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    for (const r of [chosen!, ...others]) {
      console.log(
        `[measure] ${r.label}: ${Math.round(r.bytes / 1024)} KB${r.quality === null ? '' : ` (q ${r.quality})`}, marks told apart ${r.recognised}/${r.cases}${r.confusions.length ? ` (${r.confusions.join(' ')})` : ''}, text PSNR ${r.psnr.toFixed(1)} dB`,
      );
      writeFileSync(join(SCREENSHOT_DIR, `page-${r.label.replace(/\W+/g, '-')}.png`), Buffer.from(r.crop.split(',')[1]!, 'base64'));
    }
    expect(chosen!.bytes).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
    expect(chosen!.cases).toBeGreaterThan(200);
    expect(chosen!.confusions).toEqual([]);
    const control = others.at(-1)!;
    expect(control.recognised / control.cases).toBeLessThan(0.9);
  }, 180_000);
});
