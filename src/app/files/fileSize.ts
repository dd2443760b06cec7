/** File sizes as people read them: KB below 1 MB, MB below 1 GB, then GB; numbers in Vietnamese form (1,5 MB). */
import type { TFunction } from 'i18next';
import type { MotCuaDb } from '../db/schema';
import type { FilesMissing } from '../../protocol';

const KB = 1024,
  MB = 1024 * KB,
  GB = 1024 * MB;

export type SizeParts = { readonly unit: 'kb' | 'mb' | 'gb'; readonly n: string };

export function sizeParts(bytes: number): SizeParts {
  const vi = (v: number, digits: number) => v.toLocaleString('vi-VN', { maximumFractionDigits: digits });
  if (bytes < MB) return { unit: 'kb', n: vi(bytes === 0 ? 0 : Math.max(1, Math.round(bytes / KB)), 0) };
  // 1023.96 MB would round to "1.024 MB": say 1 GB instead
  if (bytes < GB - 0.05 * MB) return { unit: 'mb', n: vi(bytes / MB, 1) };
  return { unit: 'gb', n: vi(bytes / GB, 2) };
}

export function sizeText(t: TFunction<'files'>, bytes: number): string {
  const p = sizeParts(bytes);
  return t(`size.${p.unit}`, { n: p.n });
}

/** What this tablet still has to send: its own files the server has not confirmed (DIG2). */
export async function filesToSend(db: MotCuaDb): Promise<FilesMissing> {
  const rows = (await db.files.where('uploadKind').anyOf(['pending', 'uploading', 'sent', 'failed']).toArray()).filter((f) => f.origin === 'local');
  return { files: rows.length, bytes: rows.reduce((n, f) => n + f.size, 0) };
}
