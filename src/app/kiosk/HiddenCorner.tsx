/**
 * The way out for a supervisor: hold the top-left corner KIOSK_LONG_PRESS_MS. Invisible and
 * unannounced on purpose (citizens must not leave the kiosk); the PIN dialog that follows is labelled.
 */
import { useRef } from 'react';
import { KIOSK_LONG_PRESS_MS } from '../../domain/kiosk/kioskPolicy';

export function HiddenCorner({ onLongPress }: { onLongPress: () => void }) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const cancel = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };
  return (
    <div
      className="kiosk-corner"
      aria-hidden="true"
      data-testid="kiosk-corner"
      onPointerDown={() => {
        cancel();
        timer.current = setTimeout(() => {
          timer.current = null;
          onLongPress();
        }, KIOSK_LONG_PRESS_MS);
      }}
      onPointerUp={cancel}
      onPointerLeave={cancel}
      onPointerCancel={cancel}
    />
  );
}
