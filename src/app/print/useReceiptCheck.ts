/** SAT3: the receipt's check code, computed on the device (offline) from the commune's receipt key. */
import { useEffect, useState } from 'react';
import { receiptCheckCode } from '../../domain/kiosk/receiptCheck';

/** `undefined` while computing; null when the device has no receipt key yet (the receipt prints without one). */
export function useReceiptCheck(receiptKey: string | undefined, code: string): string | null | undefined {
  const [check, setCheck] = useState<{ key: string; value: string | null } | null>(null);
  const id = `${receiptKey ?? ''}|${code}`;
  useEffect(() => {
    if (!receiptKey) return;
    let live = true;
    void receiptCheckCode(receiptKey, code).then((value) => {
      if (live) setCheck({ key: id, value });
    });
    return () => {
      live = false;
    };
  }, [receiptKey, code, id]);
  if (!receiptKey) return null;
  return check?.key === id ? check.value : undefined;
}
