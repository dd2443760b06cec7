/**
 * A digitised file full screen (DIG1). `FileScreen` shows bytes however they were obtained (the
 * upstream office reads them from the server); `FileViewer` is the tablet's: from this tablet, or
 * fetched from the server and kept in the viewing cache.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachedFile } from '../../domain/dossier/state';
import { getMeta } from '../db/meta';
import { useServices } from '../shell/services';
import { jpegPagesOf } from './capture/pdf';
import { openFile, putFetched } from './fileStore';
import { dropExpiredBytes } from './dropBytes';
import { useRecordAccess } from '../privacy/useAccess';

/** What there is to show: still loading, a reason it cannot be shown (already translated), or the bytes. */
export type Shown =
  | { readonly kind: 'loading' }
  | { readonly kind: 'missing'; readonly message: string }
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array; readonly type: string };

type View = { kind: 'none' } | { kind: 'pages'; urls: string[] } | { kind: 'pdf'; url: string } | { kind: 'image'; url: string };

export function FileScreen({ name, pages, shown, onClose }: { name: string; pages: number; shown: Shown; onClose: () => void }) {
  const { t } = useTranslation('files');
  const [view, setView] = useState<View>({ kind: 'none' });

  useEffect(() => {
    if (shown.kind !== 'bytes') {
      setView({ kind: 'none' });
      return;
    }
    const urls: string[] = [];
    const url = (b: Uint8Array, type: string) => {
      const u = URL.createObjectURL(new Blob([b as Uint8Array<ArrayBuffer>], { type }));
      urls.push(u);
      return u;
    };
    if (shown.type === 'application/pdf') {
      // our own PDFs are JPEG pages: shown as images, so no PDF viewer is needed (a picked PDF goes to the browser's)
      const jpegs = jpegPagesOf(shown.bytes);
      setView(jpegs.length > 0 ? { kind: 'pages', urls: jpegs.map((p) => url(p, 'image/jpeg')) } : { kind: 'pdf', url: url(shown.bytes, 'application/pdf') });
    } else setView({ kind: 'image', url: url(shown.bytes, shown.type) });
    return () => {
      for (const u of urls) URL.revokeObjectURL(u);
    };
  }, [shown]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <div className="file-viewer" role="dialog" aria-modal="true" aria-label={name} data-testid="file-viewer">
      <div className="row file-viewer-bar">
        <strong>{name}</strong>
        <span className="muted">{t('viewer.pages', { n: pages })}</span>
        <span className="spacer" />
        <button type="button" onClick={onClose} data-testid="viewer-close">
          {t('viewer.close')}
        </button>
      </div>
      <div className="file-viewer-body">
        {shown.kind === 'loading' && <p>{t('viewer.loading')}</p>}
        {shown.kind === 'missing' && <p role="alert">{shown.message}</p>}
        {view.kind === 'pages' && view.urls.map((u, i) => <img key={u} src={u} alt={t('viewer.page', { n: i + 1 })} data-testid="viewer-page" />)}
        {view.kind === 'image' && <img src={view.url} alt={name} data-testid="viewer-page" />}
        {view.kind === 'pdf' && <iframe src={view.url} title={name} />}
      </div>
    </div>
  );
}

export function FileViewer({ file, dossierId, onClose }: { file: AttachedFile; dossierId: string; onClose: () => void }) {
  const { t } = useTranslation('files');
  const { db, now, files } = useServices();
  const [shown, setShown] = useState<Shown>({ kind: 'loading' });
  // PD4: a digitised paper on screen is an access to it
  const record = useRecordAccess();
  const onScreen = shown.kind === 'bytes';
  useEffect(() => {
    if (onScreen) void record('file', [dossierId], file.sha256);
  }, [onScreen, record, dossierId, file.sha256]);

  useEffect(() => {
    let live = true;
    const load = async (): Promise<Shown> => {
      const here = (await openFile(db, file.sha256, now()))?.bytes ?? null;
      if (here) return { kind: 'bytes', bytes: here, type: file.type };
      const device = await getMeta(db, 'device');
      if (!files || !device) return { kind: 'missing', message: t('viewer.notHere') };
      let bytes: Uint8Array;
      try {
        bytes = await files.transport.download(device.token, file.sha256);
      } catch {
        return { kind: 'missing', message: t('viewer.notOnServer') };
      }
      await putFetched(db, file, dossierId, bytes, now());
      void dropExpiredBytes(db, now());
      return { kind: 'bytes', bytes, type: file.type };
    };
    void load().then((s) => {
      if (live) setShown(s);
    });
    return () => {
      live = false;
    };
  }, [db, file, dossierId, files, now, t]);

  return <FileScreen name={file.name} pages={file.pages} shown={shown} onClose={onClose} />;
}
