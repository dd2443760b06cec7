/** The receipt's QR code, drawn on the device (offline) as a PNG data URL. */
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

export function useQrDataUrl(text: string): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, scale: 5 }).then((u) => { if (live) setUrl(u); });
    return () => { live = false; };
  }, [text]);
  return url;
}
