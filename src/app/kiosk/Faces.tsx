/** Large faces for the three SAT1 levels, and the idle screen's pictures. Decorative: the words beside them carry the meaning. */
import type { RatingLevel } from '../../domain/dossier/events';

const MOUTH: Record<RatingLevel, string> = {
  verySatisfied: 'M30 62 Q50 86 70 62 Z',
  satisfied: 'M32 64 Q50 76 68 64',
  dissatisfied: 'M32 72 Q50 58 68 72',
};

export const FACE_COLOUR: Record<RatingLevel, string> = { verySatisfied: '#1b5e20', satisfied: '#0b4f8a', dissatisfied: '#a3161b' };

export function Face({ level, size = 120 }: { level: RatingLevel; size?: number }) {
  const filled = level === 'verySatisfied';
  return (
    <svg width={size} height={size} viewBox="0 0 100 100" aria-hidden="true" focusable="false">
      <circle cx="50" cy="50" r="46" fill="#fff" stroke={FACE_COLOUR[level]} strokeWidth="6" />
      <circle cx="35" cy="40" r="6" fill={FACE_COLOUR[level]} />
      <circle cx="65" cy="40" r="6" fill={FACE_COLOUR[level]} />
      <path d={MOUTH[level]} fill={filled ? FACE_COLOUR[level] : 'none'} stroke={FACE_COLOUR[level]} strokeWidth="6" strokeLinecap="round" />
    </svg>
  );
}

export function CalendarIcon({ size = 96 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 100 100" aria-hidden="true" focusable="false">
      <rect x="8" y="16" width="84" height="76" rx="8" fill="#fff" stroke="#1b1b1b" strokeWidth="5" />
      <rect x="8" y="16" width="84" height="20" rx="6" fill="#b71c1c" />
      <line x1="30" y1="6" x2="30" y2="26" stroke="#1b1b1b" strokeWidth="6" strokeLinecap="round" />
      <line x1="70" y1="6" x2="70" y2="26" stroke="#1b1b1b" strokeWidth="6" strokeLinecap="round" />
      <path d="M30 64 L45 78 L72 50" fill="none" stroke="#1b5e20" strokeWidth="8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
