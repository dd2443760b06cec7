/**
 * Intake's digitisation section (DIG1): each paper ticked as received can be photographed or
 * picked; captures are kept (sealed) until the intake is saved, then stored with its events in
 * the same transaction (fileStore.recordIntakeWithFiles).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import './files.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../shell/services';
import { CaptureDialog } from './CaptureDialog';
import { captureKey, capturesOf, prepareFile, saveCapture } from './fileStore';
import { StorageLine } from './StorageLine';
import { Thumb } from './Thumb';

export type IntakePaper = { readonly paperCode: string; readonly name: string };

export function IntakeCapture({ draftKey, papers }: { draftKey: string; papers: readonly IntakePaper[] }) {
  const { t } = useTranslation('files');
  const { db, now } = useServices();
  const captures = useLiveQuery(() => capturesOf(db, draftKey), [db, draftKey]);
  const [open, setOpen] = useState<IntakePaper | null>(null);
  const byPaper = new Map((captures ?? []).map((c) => [c.paperCode, c]));

  return (
    <section className="card" data-testid="intake-capture">
      <h2>{t('papers.title')}</h2>
      <p className="muted">{t('papers.intakeHint')}</p>
      {papers.length === 0 ? (
        <p className="muted">{t('papers.noPapers')}</p>
      ) : (
        <table className="papers">
          <tbody>
            {papers.map((p) => {
              const c = byPaper.get(p.paperCode);
              return (
                <tr key={p.paperCode} data-testid={`capture-row-${p.paperCode}`}>
                  <td>{c ? <Thumb sealed={c.thumb} name={p.name} /> : null}</td>
                  <td>
                    {p.name}
                    <div className="muted" data-testid="capture-status">
                      {c ? t('papers.captured', { n: c.pages }) : t('papers.none')}
                    </div>
                  </td>
                  <td className="row">
                    <button type="button" onClick={() => setOpen(p)} data-testid={`digitise-${p.paperCode}`}>
                      {c ? t('papers.redo') : t('papers.digitise')}
                    </button>
                    {c && (
                      <button type="button" onClick={() => void db.captures.delete(captureKey(draftKey, p.paperCode))}>
                        {t('papers.remove')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <StorageLine />
      {open && (
        <CaptureDialog
          paperCode={open.paperCode}
          name={open.name}
          onClose={() => setOpen(null)}
          onDone={async (paper) => {
            const f = await prepareFile(paper);
            if (!f.ok) return f.error;
            await saveCapture(db, draftKey, f.value, now());
            setOpen(null);
            return null;
          }}
        />
      )}
    </section>
  );
}
