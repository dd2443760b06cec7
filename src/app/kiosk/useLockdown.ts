/**
 * Locks the kiosk down while it is shown: full screen on the first touch (browsers allow it only
 * from a gesture, and again after a swipe leaves it), no context menu, no text selection, no pinch
 * or double-tap zoom. Zoom is blocked with touch-action and gesture handlers rather than a
 * `user-scalable=no` viewport, which accessibility checkers (rightly) flag on ordinary pages.
 */
import { useEffect } from 'react';

export function useLockdown(): void {
  useEffect(() => {
    const root = document.documentElement;
    root.classList.add('kiosk-mode');
    const noMenu = (e: Event) => e.preventDefault();
    const fullScreen = () => {
      if (document.fullscreenElement || !root.requestFullscreen) return;
      root.requestFullscreen({ navigationUI: 'hide' }).catch(() => undefined);
    };
    const noPinch = (e: TouchEvent) => {
      if (e.touches.length > 1) e.preventDefault();
    };
    const noCtrlZoom = (e: WheelEvent) => {
      if (e.ctrlKey) e.preventDefault();
    };
    document.addEventListener('contextmenu', noMenu);
    document.addEventListener('selectstart', noMenu);
    document.addEventListener('gesturestart', noMenu);
    document.addEventListener('pointerdown', fullScreen);
    document.addEventListener('touchmove', noPinch, { passive: false });
    document.addEventListener('wheel', noCtrlZoom, { passive: false });
    return () => {
      root.classList.remove('kiosk-mode');
      document.removeEventListener('contextmenu', noMenu);
      document.removeEventListener('selectstart', noMenu);
      document.removeEventListener('gesturestart', noMenu);
      document.removeEventListener('pointerdown', fullScreen);
      document.removeEventListener('touchmove', noPinch);
      document.removeEventListener('wheel', noCtrlZoom);
    };
  }, []);
}
