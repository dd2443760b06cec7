/** Used and available storage (navigator.storage.estimate), and the level the rules give it (DIG1). */
import { useEffect, useState } from 'react';
import { storageLevel, type StorageLevel } from '../../domain/files/retention';

export type StorageEstimateNow = { readonly usage: number; readonly quota: number; readonly level: StorageLevel };

export async function estimateStorage(extraBytes = 0): Promise<StorageEstimateNow> {
  const e = typeof navigator !== 'undefined' && navigator.storage?.estimate ? await navigator.storage.estimate() : {};
  const usage = e.usage ?? 0,
    quota = e.quota ?? 0;
  return { usage, quota, level: storageLevel(usage, quota, extraBytes) };
}

export function useStorage(refreshKey: unknown = 0): StorageEstimateNow | null {
  const [s, setS] = useState<StorageEstimateNow | null>(null);
  useEffect(() => {
    let live = true;
    void estimateStorage().then((x) => {
      if (live) setS(x);
    });
    return () => {
      live = false;
    };
  }, [refreshKey]);
  return s;
}

export const megabytes = (bytes: number) => (bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 });
