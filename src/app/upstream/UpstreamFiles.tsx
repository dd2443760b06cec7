/**
 * Screen 5: a dossier's digitised papers and result (DIG1), found by its code among the communes
 * in scope, each opened full screen. The kiosk and other communes never reach this (DIG4): the
 * server answers upstream sessions only, for their scope only.
 */
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatVnDate, formatVnDateTime } from '../../domain/time/vnTime';
import { TransportError, type UpstreamDossierFiles, type UpstreamPaperFile } from '../../protocol';
import { FileScreen, type Shown } from '../files/FileViewer';
import { sizeText } from '../files/fileSize';
import { useT } from '../supervisor/useT';
import { isSessionGone, upstreamErrorText } from './api';
import { openUpstreamFile, upstreamFiles } from './openFile';
import '../files/files.css';

type Found = { state: 'idle' | 'loading' } | { state: 'ok'; code: string; dossiers: readonly UpstreamDossierFiles[] } | { state: 'error'; message: string };
type Viewing = { id: number; name: string; pages: number; shown: Shown };

const stateOf = (p: UpstreamPaperFile) => (!p.file ? 'none' : p.file.present ? 'present' : 'notUploaded');
const BADGE = { present: 'ok', notUploaded: 'warn', none: 'bad' } as const;

export function UpstreamFiles({ token, onSessionGone }: { token: string; onSessionGone: () => void }) {
  const { t } = useTranslation('files');
  const { t: tSv } = useT();
  const [code, setCode] = useState('');
  const [found, setFound] = useState<Found>({ state: 'idle' });
  const [viewing, setViewing] = useState<Viewing | null>(null);
  const openings = useRef(0);

  const failed = (e: unknown): string | null => {
    if (isSessionGone(e)) {
      onSessionGone();
      return null;
    }
    return upstreamErrorText(tSv, e);
  };

  const find = async (e: FormEvent) => {
    e.preventDefault();
    const wanted = code.trim();
    if (!wanted) return;
    setFound({ state: 'loading' });
    try {
      const r = await upstreamFiles.lookup(token, wanted);
      setFound({ state: 'ok', code: wanted, dossiers: r.dossiers });
    } catch (x) {
      const message = failed(x);
      if (message !== null) setFound({ state: 'error', message });
    }
  };

  const open = async (d: UpstreamDossierFiles, p: UpstreamPaperFile, name: string) => {
    const id = ++openings.current;
    setViewing({ id, name, pages: p.file?.pages ?? 0, shown: { kind: 'loading' } });
    let shown: Shown;
    try {
      const f = await openUpstreamFile(token, d, p);
      shown = { kind: 'bytes', bytes: f.bytes, type: p.file?.type ?? f.type };
    } catch (x) {
      if (x instanceof TransportError && x.status === 404) shown = { kind: 'missing', message: t('upstream.notUploaded') };
      else {
        const reason = failed(x);
        if (reason === null) return;
        shown = { kind: 'missing', message: t('upstream.openFailed', { reason }) };
      }
    }
    setViewing((v) => (v && v.id === id ? { ...v, shown } : v));
  };

  return (
    <section data-testid="up-files">
      <p className="muted">{t('upstream.help')}</p>
      <form className="row" onSubmit={(e) => void find(e)}>
        <div className="field">
          <label htmlFor="up-files-code">{t('upstream.code')}</label>
          <input
            id="up-files-code"
            data-testid="up-files-code"
            style={{ width: '24em', maxWidth: '100%' }}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            maxLength={64}
            autoComplete="off"
            required
          />
        </div>
        <button className="primary" type="submit" disabled={found.state === 'loading'} data-testid="up-files-find">
          {t('upstream.find')}
        </button>
      </form>
      {found.state === 'loading' && <p className="muted">{tSv('loading')}</p>}
      {found.state === 'error' && (
        <p className="error-box" role="alert">
          {found.message}
        </p>
      )}
      {found.state === 'ok' && found.dossiers.length === 0 && (
        <p className="muted" role="status" data-testid="up-files-none">
          {t('upstream.notFound', { code: found.code })}
        </p>
      )}
      {found.state === 'ok' &&
        found.dossiers.map((d) => {
          const missing = d.papers.filter((p) => p.kind === 'paper' && !p.file).length;
          return (
            <div className="card" key={`${d.commune.id}/${d.code}`} data-commune={d.commune.id} data-testid="up-files-dossier">
              <div className="row">
                <h2 style={{ margin: 0, fontSize: '1.2rem' }}>{t('upstream.dossier', { commune: d.commune.name, code: d.code })}</h2>
                <span className={`badge ${d.fully ? 'ok' : 'warn'}`}>{d.fully ? t('papers.fully') : t('papers.missing', { n: missing })}</span>
              </div>
              <p className="muted">
                {d.procedureName} · {t('upstream.received', { date: formatVnDate(d.receivedAt) })}
              </p>
              <table className="list" data-testid="up-files-papers">
                <thead>
                  <tr>
                    <th>{t('upstream.paper')}</th>
                    <th>{t('upstream.pages')}</th>
                    <th>{t('upstream.size')}</th>
                    <th>{t('upstream.at')}</th>
                    <th>{t('upstream.state')}</th>
                    <th>{t('upstream.open')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.papers.map((p) => {
                    const name = p.kind === 'result' && !p.name ? t('papers.resultName') : p.name;
                    const s = stateOf(p);
                    return (
                      <tr key={`${p.kind}:${p.paperCode}`} data-paper={p.paperCode} data-state={s}>
                        <td>
                          {p.kind === 'result' && <strong>{t('upstream.kinds.result')}: </strong>}
                          {name}
                          <div className="muted" data-testid="paper-code">
                            {t('upstream.paperCode')}: {p.paperCode}
                          </div>
                        </td>
                        <td className="num">{p.file ? p.file.pages : '—'}</td>
                        <td className="num">{p.file ? sizeText(t, p.file.size) : '—'}</td>
                        <td>{p.file ? formatVnDateTime(p.file.at) : '—'}</td>
                        <td>
                          <span className={`badge ${BADGE[s]}`}>{t(`upstream.states.${s}`)}</span>
                        </td>
                        <td>
                          {p.file?.present && (
                            <button type="button" data-testid={`up-files-open-${p.paperCode}`} onClick={() => void open(d, p, name)}>
                              {t('upstream.open')}
                            </button>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          );
        })}
      {viewing && <FileScreen name={viewing.name} pages={viewing.pages} shown={viewing.shown} onClose={() => setViewing(null)} />}
    </section>
  );
}
