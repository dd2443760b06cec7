/** The kiosk's screens as data: the flow moves between these steps; each screen renders one. */
import type { RatingLevel, RatingPayload } from '../../domain/dossier/events';
import type { KioskDossierRow } from '../db/schema';

export type Intent = 'rate' | 'status';

/** The dossier the citizen identified: from the receipt QR (with officer and procedure) or typed. */
export type Target = {
  readonly code: string;
  readonly officerId?: string;
  readonly procedureCode?: string;
  /** SAT3: the receipt's check code, from the QR or typed; binds a dossier the kiosk has not synced. */
  readonly checkCode?: string;
  /** The kiosk's synced summary, or null when it has none yet. */
  readonly row: KioskDossierRow | null;
};

export type Step =
  | { readonly kind: 'idle' }
  | { readonly kind: 'identify'; readonly intent: Intent }
  /** SAT3: a number the kiosk has not synced: the citizen types the receipt's check code. */
  | { readonly kind: 'check'; readonly target: Target }
  /** SAT3: the kiosk cannot bind the number: "không tìm thấy hồ sơ, vui lòng hỏi cán bộ". */
  | { readonly kind: 'notFound'; readonly code: string }
  | { readonly kind: 'rate'; readonly target: Target }
  | { readonly kind: 'criteria'; readonly target: Target }
  | { readonly kind: 'reasons'; readonly target: Target; readonly criteria?: RatingPayload['criteria'] }
  | { readonly kind: 'thanks'; readonly known: boolean }
  | { readonly kind: 'refused'; readonly code: string }
  | { readonly kind: 'status'; readonly target: Target }
  | { readonly kind: 'admin' };

export type Submission = {
  readonly level: RatingLevel;
  readonly criteria?: RatingPayload['criteria'];
  readonly reasons?: readonly string[];
  readonly comment?: string;
};
