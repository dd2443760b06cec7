/**
 * A page from the camera or a picked image, downscaled and compressed to a legible size (DIG3).
 * The long side at most 1754 px (A4 at 150 dpi), in colour (red seals and stamps matter), JPEG
 * 0.7; a page above PAGE_BUDGET_BYTES at 0.7 (dense small print) is encoded again at lower
 * qualities down to 0.4, never at a lower resolution: measured in tests/e2e/pageCompression.test.ts,
 * JPEG 0.4 at 150 dpi keeps every diacritic of 9 pt Vietnamese text distinguishable, while 137 dpi
 * already loses the stroke of đ. A page still above the budget at 0.4 is kept as it is (legibility first).
 */
import type { JpegPage } from './pdf';

export const PAGE_LONG_SIDE_PX = 1754;
export const PAGE_JPEG_QUALITY = 0.7;
/** The qualities tried, best first, while a page is above its budget. */
export const PAGE_JPEG_QUALITIES = [0.7, 0.6, 0.5, 0.4] as const;
export const PAGE_BUDGET_BYTES = 300 * 1024;
export const THUMB_LONG_SIDE_PX = 240;

function canvasOf(source: CanvasImageSource, width: number, height: number, longSide: number): HTMLCanvasElement {
  const scale = Math.min(1, longSide / Math.max(width, height));
  const w = Math.max(1, Math.round(width * scale)),
    h = Math.max(1, Math.round(height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d canvas');
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source, 0, 0, w, h);
  return canvas;
}

async function encode(canvas: HTMLCanvasElement, quality: number): Promise<JpegPage> {
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
  if (!blob) throw new Error('the page could not be compressed');
  return { jpeg: new Uint8Array(await blob.arrayBuffer()), width: canvas.width, height: canvas.height };
}

/** The page at the best quality that fits the budget (the lowest tried when none does). */
export async function compressPage(source: CanvasImageSource, width: number, height: number): Promise<JpegPage & { quality: number }> {
  const canvas = canvasOf(source, width, height, PAGE_LONG_SIDE_PX);
  let page: JpegPage | null = null;
  let quality: number = PAGE_JPEG_QUALITY;
  for (const q of PAGE_JPEG_QUALITIES) {
    page = await encode(canvas, q);
    quality = q;
    if (page.jpeg.length <= PAGE_BUDGET_BYTES) break;
  }
  return { ...page!, quality };
}

export async function thumbnailOf(page: JpegPage): Promise<Uint8Array> {
  const bitmap = await createImageBitmap(new Blob([page.jpeg as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }));
  try {
    return (await encode(canvasOf(bitmap, bitmap.width, bitmap.height, THUMB_LONG_SIDE_PX), 0.6)).jpeg;
  } finally {
    bitmap.close();
  }
}

/** A frame of the live camera. */
export const captureFrame = (video: HTMLVideoElement) => compressPage(video, video.videoWidth, video.videoHeight);

/** A picked image file (JPEG, PNG, WebP …) as a page. */
export async function pageFromImageFile(file: Blob): Promise<JpegPage> {
  const bitmap = await createImageBitmap(file);
  try {
    return await compressPage(bitmap, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}
