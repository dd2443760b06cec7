/** The receipt's QR code, drawn on the device (offline) as a PNG data URL. */
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/** Null while `text` is null (not known yet) or being drawn. */
export function useQrDataUrl(text: string | null): string | null {
  const [drawn, setDrawn] = useState<{ text: string; url: string } | null>(null);
  useEffect(() => {
    if (text === null) return;
    let live = true;
    void QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, scale: 5 }).then((url) => {
      if (live) setDrawn({ text, url });
    });
    return () => {
      live = false;
    };
  }, [text]);
  return drawn !== null && drawn.text === text ? drawn.url : null;
}
