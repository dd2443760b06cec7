/** A digitised file full screen (DIG1): from this tablet, or fetched from the server and kept in the viewing cache. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachedFile } from '../../domain/dossier/state';
import { getMeta } from '../db/meta';
import { useServices } from '../shell/services';
import { jpegPagesOf } from './capture/pdf';
import { openFile, putFetched } from './fileStore';
import { dropExpiredBytes } from './dropBytes';
import { useRecordAccess } from '../privacy/useAccess';

type View = { kind: 'loading' } | { kind: 'missing'; reason: string } | { kind: 'pages'; urls: string[] } | { kind: 'pdf'; url: string } | { kind: 'image'; url: string };

export function FileViewer({ file, dossierId, onClose }: { file: AttachedFile; dossierId: string; onClose: () => void }) {
  const { t } = useTranslation('files');
  const { db, now, files } = useServices();
  const [view, setView] = useState<View>({ kind: 'loading' });
  // PD4: a digitised paper on screen is an access to it
  const record = useRecordAccess();
  const shown = view.kind !== 'loading' && view.kind !== 'missing';
  useEffect(() => { if (shown) void record('file', [dossierId], file.sha256); }, [shown, record, dossierId, file.sha256]);

  useEffect(() => {
    const urls: string[] = [];
    const url = (b: Uint8Array, type: string) => { const u = URL.createObjectURL(new Blob([b as Uint8Array<ArrayBuffer>], { type })); urls.push(u); return u; };
    let live = true;
    const load = async () => {
      let bytes = (await openFile(db, file.sha256, now()))?.bytes ?? null;
      if (!bytes) {
        const device = await getMeta(db, 'device');
        if (!files || !device) { if (live) setView({ kind: 'missing', reason: 'viewer.notHere' }); return; }
        try {
          bytes = await files.transport.download(device.token, file.sha256);
        } catch {
          if (live) setView({ kind: 'missing', reason: 'viewer.notOnServer' });
          return;
        }
        await putFetched(db, file, dossierId, bytes, now());
        void dropExpiredBytes(db, now());
      }
      if (!live) return;
      if (file.type === 'application/pdf') {
        const pages = jpegPagesOf(bytes);
        setView(pages.length > 0 ? { kind: 'pages', urls: pages.map((p) => url(p, 'image/jpeg')) } : { kind: 'pdf', url: url(bytes, 'application/pdf') });
      } else setView({ kind: 'image', url: url(bytes, file.type) });
    };
    void load();
    return () => { live = false; for (const u of urls) URL.revokeObjectURL(u); };
  }, [db, file, dossierId, files, now]);

  return (
    <div className="file-viewer" role="dialog" aria-modal="true" aria-label={file.name} data-testid="file-viewer">
      <div className="row file-viewer-bar">
        <strong>{file.name}</strong>
        <span className="muted">{t('viewer.pages', { n: file.pages })}</span>
        <span className="spacer" />
        <button type="button" onClick={onClose}>{t('viewer.close')}</button>
      </div>
      <div className="file-viewer-body">
        {view.kind === 'loading' && <p>{t('viewer.loading')}</p>}
        {view.kind === 'missing' && <p role="alert">{t(view.reason as 'viewer.notHere')}</p>}
        {view.kind === 'pages' && view.urls.map((u, i) => <img key={u} src={u} alt={t('viewer.page', { n: i + 1 })} data-testid="viewer-page" />)}
        {view.kind === 'image' && <img src={view.url} alt={file.name} data-testid="viewer-page" />}
        {view.kind === 'pdf' && <iframe src={view.url} title={file.name} />}
      </div>
    </div>
  );
}
