/**
 * Reads a QR code from a camera frame: the browser's BarcodeDetector where it has one for QR,
 * else jsQR, loaded on first use (dynamic import) so it stays out of the initial bundle.
 */
type Detector = { detect(source: CanvasImageSource): Promise<{ rawValue: string }[]> };
type DetectorCtor = { new (o: { formats: string[] }): Detector; getSupportedFormats?(): Promise<string[]> };

export type FrameDecoder = { readonly engine: 'barcodeDetector' | 'jsqr'; decode(canvas: HTMLCanvasElement): Promise<string | null> };

async function nativeDecoder(): Promise<FrameDecoder | null> {
  const Ctor = (globalThis as { BarcodeDetector?: DetectorCtor }).BarcodeDetector;
  if (!Ctor) return null;
  try {
    const formats = (await Ctor.getSupportedFormats?.()) ?? [];
    if (!formats.includes('qr_code')) return null;
    const detector = new Ctor({ formats: ['qr_code'] });
    return {
      engine: 'barcodeDetector',
      async decode(canvas) {
        const found = await detector.detect(canvas);
        return found[0]?.rawValue ?? null;
      },
    };
  } catch {
    return null;
  }
}

async function jsqrDecoder(): Promise<FrameDecoder> {
  const { default: jsQR } = await import('jsqr');
  return {
    engine: 'jsqr',
    decode(canvas) {
      const ctx = canvas.getContext('2d', { willReadFrequently: true });
      if (!ctx) return Promise.resolve(null);
      const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
      return Promise.resolve(jsQR(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' })?.data ?? null);
    },
  };
}

let chosen: Promise<FrameDecoder> | null = null;

export function frameDecoder(): Promise<FrameDecoder> {
  chosen ??= nativeDecoder().then((d) => d ?? jsqrDecoder());
  return chosen;
}
