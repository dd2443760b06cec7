/**
 * PD4: printing personal data is recorded, whether through the screen's print button or the
 * browser's own (Ctrl+P, the menu). The button records first, then prints; `beforeprint` records
 * a print the button did not start. Each print is one record.
 */
import { useCallback, useEffect, useRef } from 'react';

/** `record` writes the print record (nothing when there is nothing to print); returns the button's print. */
export function usePrintRecord(record: () => Promise<boolean>): () => Promise<void> {
  const fromButton = useRef(false);
  const latest = useRef(record);
  useEffect(() => {
    latest.current = record;
  }, [record]);
  useEffect(() => {
    const onBeforePrint = () => {
      if (!fromButton.current) void latest.current();
    };
    window.addEventListener('beforeprint', onBeforePrint);
    return () => window.removeEventListener('beforeprint', onBeforePrint);
  }, []);
  return useCallback(async () => {
    await latest.current();
    // window.print() blocks until the dialog closes and fires beforeprint inside: the flag covers exactly this print
    fromButton.current = true;
    try {
      window.print();
    } finally {
      fromButton.current = false;
    }
  }, []);
}
