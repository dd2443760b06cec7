/**
 * The dossier page's papers (DIG1): each paper received with its thumbnail, its state (on this
 * tablet only / sent / on the server) and a full-screen view; digitising a paper later or at a
 * supplement, and the result once it exists.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import './files.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DigitisedStage } from '../../domain/dossier/events';
import type { AttachedFile, DossierState } from '../../domain/dossier/state';
import { digitisationOf } from '../../domain/files/digitisation';
import { RESULT_PAPER_CODE } from '../../domain/files/fileRef';
import { useReference } from '../shell/reference';
import { useServices } from '../shell/services';
import { useSession } from '../shell/session';
import { ErrorText } from '../shell/Field';
import type { DomainError } from '../../domain/result';
import { CaptureDialog } from './CaptureDialog';
import { FileStateBadge } from './FileStateBadge';
import { FileViewer } from './FileViewer';
import { prepareFile, recordDigitised } from './fileStore';
import { StorageLine } from './StorageLine';
import { Thumb } from './Thumb';

type Row = { readonly paperCode: string; readonly name: string; readonly file: AttachedFile | null; readonly kind: 'papers' | 'result' };

/** A paper brought at a supplement is digitised at the supplement; otherwise later. */
const stageOf = (s: DossierState): DigitisedStage => (s.supplements.length > 0 ? 'supplement' : 'later');

export function DossierFiles({ state }: { state: DossierState }) {
  const { t } = useTranslation('files');
  const { db, now } = useServices();
  const { calendar, device } = useReference();
  const user = useSession((s) => s.user);
  const d = digitisationOf(state);
  const shas = (state.files ?? []).map((f) => f.sha256);
  const stored = useLiveQuery(async () => new Map((await db.files.bulkGet(shas)).filter((f) => f !== undefined).map((f) => [f.sha256, f])), [db, shas.join()]);
  const [capture, setCapture] = useState<Row | null>(null);
  const [viewing, setViewing] = useState<AttachedFile | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<DomainError | null>(null);

  const rows: Row[] = d.papers.map((p) => ({ ...p, kind: 'papers' }));
  if (d.resultExpected || d.resultFile) rows.push({ paperCode: RESULT_PAPER_CODE, name: t('papers.resultName'), file: d.resultFile, kind: 'result' });
  const canCapture = state.intakeOutcome !== 'refused' && !!device && !!user && device.role !== 'kiosk';

  return (
    <section className="card" data-testid="dossier-files">
      <h2>{t('papers.title')}</h2>
      <p className={`badge ${d.fully ? 'ok' : 'warn'}`} data-testid="digitised-summary">
        {d.fully ? t('papers.fully') : t('papers.missing', { n: d.missing })}
      </p>
      {saved && (
        <div className="banner info" role="status">
          {t('papers.saved', { name: saved })}
        </div>
      )}
      <ErrorText error={error} />
      <table className="papers">
        <tbody>
          {rows.map((r) => {
            const f = r.file ? stored?.get(r.file.sha256) : undefined;
            return (
              <tr key={`${r.kind}:${r.paperCode}`} data-testid={`paper-row-${r.paperCode}`}>
                <td>{r.file ? <Thumb sealed={f?.thumb ?? null} name={r.name} /> : null}</td>
                <td>
                  {r.kind === 'result' ? <strong>{t('papers.result')}: </strong> : null}
                  {r.name}
                  <div className="muted">{r.file ? t('viewer.pages', { n: r.file.pages }) : t('papers.none')}</div>
                </td>
                <td>{r.file && <FileStateBadge file={f} remote={r.file.deviceId !== device?.deviceId} />}</td>
                <td className="row">
                  {r.file && (
                    <button type="button" onClick={() => setViewing(r.file)} data-testid={`view-${r.paperCode}`}>
                      {t('papers.view')}
                    </button>
                  )}
                  {canCapture && (
                    <button
                      type="button"
                      onClick={() => {
                        setCapture(r);
                        setSaved(null);
                        setError(null);
                      }}
                      data-testid={`digitise-${r.paperCode}`}
                    >
                      {r.file ? t('papers.redo') : t('papers.digitise')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <StorageLine refreshKey={shas.length} />
      {capture && device && user && (
        <CaptureDialog
          paperCode={capture.paperCode}
          name={capture.name}
          onClose={() => setCapture(null)}
          onDone={async (paper) => {
            const f = await prepareFile(paper);
            if (!f.ok) return f.error;
            const r = await recordDigitised(db, calendar, { device, userId: user.id }, state.id, capture.kind, stageOf(state), [f.value], now());
            if (!r.ok) return r.error;
            setSaved(capture.name);
            setCapture(null);
            return null;
          }}
        />
      )}
      {viewing && <FileViewer file={viewing} dossierId={state.id} onClose={() => setViewing(null)} />}
    </section>
  );
}
