/**
 * The receipt scanner: the kiosk's camera in a <video>, a frame every SCAN_INTERVAL_MS drawn on a
 * canvas and decoded (decodeFrame.ts). The camera runs only while this screen shows.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { frameDecoder } from './decodeFrame';

const SCAN_INTERVAL_MS = 250;
/** Frames are scaled down to this width: enough for a receipt QR at arm's length, cheap to decode. */
const FRAME_WIDTH = 640;

type CameraState = 'starting' | 'scanning' | 'unavailable';

export function QrScanner({ onText }: { onText: (text: string) => void }) {
  const { t } = useTranslation('kiosk');
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<CameraState>('starting');
  const handler = useRef(onText);
  useEffect(() => {
    handler.current = onText;
  }, [onText]);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const canvas = document.createElement('canvas');
    async function tick() {
      const v = video.current;
      if (stopped || !v) return;
      if (v.readyState >= 2 && v.videoWidth > 0) {
        const scale = Math.min(1, FRAME_WIDTH / v.videoWidth);
        canvas.width = Math.round(v.videoWidth * scale);
        canvas.height = Math.round(v.videoHeight * scale);
        canvas.getContext('2d', { willReadFrequently: true })?.drawImage(v, 0, 0, canvas.width, canvas.height);
        const text = await (await frameDecoder()).decode(canvas).catch(() => null);
        if (text && !stopped) handler.current(text);
      }
      if (!stopped) timer = setTimeout(() => void tick(), SCAN_INTERVAL_MS);
    }
    async function start() {
      try {
        if (!navigator.mediaDevices?.getUserMedia) throw new Error('no camera API');
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'user', width: { ideal: 1280 } }, audio: false });
        if (stopped) return;
        const v = video.current;
        if (!v) return;
        v.srcObject = stream;
        await v.play().catch(() => undefined);
        setState('scanning');
        void tick();
      } catch {
        if (!stopped) setState('unavailable');
      }
    }
    void start();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, []);

  return (
    <div className="kiosk-scanner">
      <video ref={video} muted playsInline aria-label={t('identify.camera')} hidden={state === 'unavailable'} />
      <p className="kiosk-scanner-state" role="status">
        {state === 'starting' ? t('identify.cameraStarting') : state === 'scanning' ? t('identify.scanning') : t('identify.cameraUnavailable')}
      </p>
    </div>
  );
}
