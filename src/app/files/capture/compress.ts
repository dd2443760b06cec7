/**
 * A page from the camera or a picked image, downscaled and compressed to a legible size (DIG1).
 * Chosen: the long side at most 1754 px (A4 at 150 dpi), JPEG quality 0.7, in colour (red seals
 * and stamps matter). Measured in tests/e2e/files.test.ts on a generated A4 page with 9 pt
 * Vietnamese text: see the report for the sizes.
 */
import type { JpegPage } from './pdf';

export const PAGE_LONG_SIDE_PX = 1754;
export const PAGE_JPEG_QUALITY = 0.7;
export const THUMB_LONG_SIDE_PX = 240;

async function toJpeg(source: CanvasImageSource, width: number, height: number, longSide: number, quality: number): Promise<JpegPage> {
  const scale = Math.min(1, longSide / Math.max(width, height));
  const w = Math.max(1, Math.round(width * scale)), h = Math.max(1, Math.round(height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d canvas');
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source, 0, 0, w, h);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
  if (!blob) throw new Error('the page could not be compressed');
  return { jpeg: new Uint8Array(await blob.arrayBuffer()), width: w, height: h };
}

export const compressPage = (source: CanvasImageSource, width: number, height: number) => toJpeg(source, width, height, PAGE_LONG_SIDE_PX, PAGE_JPEG_QUALITY);

export async function thumbnailOf(page: JpegPage): Promise<Uint8Array> {
  const bitmap = await createImageBitmap(new Blob([page.jpeg as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }));
  try { return (await toJpeg(bitmap, bitmap.width, bitmap.height, THUMB_LONG_SIDE_PX, 0.6)).jpeg; } finally { bitmap.close(); }
}

/** A frame of the live camera. */
export const captureFrame = (video: HTMLVideoElement) => compressPage(video, video.videoWidth, video.videoHeight);

/** A picked image file (JPEG, PNG, WebP …) as a page. */
export async function pageFromImageFile(file: Blob): Promise<JpegPage> {
  const bitmap = await createImageBitmap(file);
  try { return await compressPage(bitmap, bitmap.width, bitmap.height); } finally { bitmap.close(); }
}
