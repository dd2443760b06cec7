/** What a citizen and a supervisor do on the kiosk, as steps for the browser test; and the fake camera. */
import type { Page } from 'playwright-core';

/**
 * Replaces the camera with a canvas stream that draws whatever image `localStorage['test.camera']`
 * names (a data URL: the receipt QR the counter printed) on a white frame, so the kiosk's real
 * scanner (video -> canvas -> BarcodeDetector or jsQR) decodes real frames.
 */
export const FAKE_CAMERA = `(() => {
  const fake = async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 640; canvas.height = 480;
    const ctx = canvas.getContext('2d');
    const img = new Image();
    let src = null;
    const draw = () => {
      const want = localStorage.getItem('test.camera');
      if (want !== src) { src = want; if (want) img.src = want; }
      ctx.imageSmoothingEnabled = false;
      ctx.fillStyle = '#f0f0f0'; ctx.fillRect(0, 0, 640, 480);
      ctx.fillStyle = '#fff'; ctx.fillRect(170, 90, 300, 300);
      if (src && img.complete && img.naturalWidth) ctx.drawImage(img, 200, 120, 240, 240);
    };
    draw();
    setInterval(draw, 100);
    return canvas.captureStream(10);
  };
  if (!navigator.mediaDevices) Object.defineProperty(navigator, 'mediaDevices', { value: {} });
  navigator.mediaDevices.getUserMedia = fake;
})();`;

export const step = (page: Page, kind: string) => page.waitForSelector(`[data-testid=kiosk][data-step=${kind}]`);

export async function typeDigits(page: Page, digits: string, scope = '[data-testid=kiosk]'): Promise<void> {
  for (const d of digits) await page.click(`${scope} .kiosk-keypad button[data-key="${d}"]`);
}

/** The digits a citizen types for a code: its YYMMDD and number. */
export const digitsOf = (code: string) => code.split('-').slice(1).join('');

export async function setPin(page: Page, pin: string): Promise<void> {
  await page.waitForSelector('.kiosk-pin-setup');
  await typeDigits(page, pin, '.kiosk-pin-setup');
  await page.click('[data-testid=kiosk-pin-next]');
  await typeDigits(page, pin, '.kiosk-pin-setup');
  await page.click('[data-testid=kiosk-pin-next]');
  await step(page, 'idle');
}

/** Holds the hidden top-left corner for 3.2 s. */
export async function holdCorner(page: Page): Promise<void> {
  await page.mouse.move(20, 20);
  await page.mouse.down();
  await page.waitForTimeout(3_200);
  await page.mouse.up();
  await page.waitForSelector('[data-testid=kiosk-pin-dialog]');
}

export async function typeCode(page: Page, code: string): Promise<void> {
  await typeDigits(page, digitsOf(code));
  await page.click('[data-testid=kiosk-code-submit]');
}

/** Every object store of the app's IndexedDB, as JSON text. */
export function dumpIndexedDb(page: Page): Promise<Record<string, unknown[]>> {
  return page.evaluate(async () => {
    const open = indexedDB.open('mot-cua');
    const db = await new Promise<IDBDatabase>((res, rej) => {
      open.onsuccess = () => res(open.result);
      open.onerror = () => rej(open.error);
    });
    const out: Record<string, unknown[]> = {};
    for (const name of Array.from(db.objectStoreNames)) {
      out[name] = await new Promise<unknown[]>((res) => {
        const r = db.transaction(name).objectStore(name).getAll();
        r.onsuccess = () => res(r.result);
      });
    }
    db.close();
    return out;
  });
}

/** Elements of the kiosk wider than their box (text that overflows). */
export function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    for (const el of Array.from(
      document.querySelectorAll<HTMLElement>('main.kiosk, .kiosk-step, .kiosk-step > *, .kiosk-dialog, .kiosk button, .kiosk-facts dd'),
    )) {
      if (el.scrollWidth > el.clientWidth + 1) bad.push(`${el.tagName.toLowerCase()}.${el.className}: ${String(el.scrollWidth)} > ${String(el.clientWidth)}`);
    }
    if (document.documentElement.scrollWidth > document.documentElement.clientWidth) bad.push('page scrolls sideways');
    return bad;
  });
}

/** Kiosk controls (buttons, the number display) not wholly inside the viewport, and whether the page scrolls. */
export function outOfView(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    const w = window.innerWidth,
      h = window.innerHeight;
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('main.kiosk button, main.kiosk output, main.kiosk video, main.kiosk [role=alert]'))) {
      if (el.classList.contains('kiosk-corner')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.top < 0 || r.left < 0 || r.bottom > h + 0.5 || r.right > w + 0.5) {
        bad.push(
          `${el.tagName.toLowerCase()} "${(el.textContent ?? el.getAttribute('aria-label') ?? '').trim().slice(0, 20)}" at ${String(Math.round(r.top))}..${String(Math.round(r.bottom))} of ${String(h)}`,
        );
      }
    }
    if (document.documentElement.scrollHeight > h + 1) bad.push(`page scrolls: ${String(document.documentElement.scrollHeight)} > ${String(h)}`);
    return bad;
  });
}
