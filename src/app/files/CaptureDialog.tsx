/**
 * Digitising one paper (DIG1): the camera with a live preview, several pages, retake, reorder,
 * delete, or image/PDF files picked; "Xong" makes one file of the paper (a PDF of its pages) and
 * hands it to the caller, which stores it with its event. Works offline.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_FILE_BYTES, sniffFileType } from '../../domain/files/fileRef';
import type { DomainError } from '../../domain/result';
import { Dialog } from '../shell/Dialog';
import { ErrorText } from '../shell/Field';
import { captureFrame, pageFromImageFile, thumbnailOf } from './capture/compress';
import { makePdf, pdfPageCount, type JpegPage } from './capture/pdf';
import type { CapturedPaper } from './fileStore';
import { estimateStorage } from './useStorage';

type Page = JpegPage & { readonly id: number; readonly url: string };
let pageIds = 0;

function asPage(p: JpegPage): Page {
  return { ...p, id: ++pageIds, url: URL.createObjectURL(new Blob([p.jpeg as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' })) };
}

export function CaptureDialog({
  paperCode,
  name,
  onDone,
  onClose,
}: {
  paperCode: string;
  name: string;
  onDone: (paper: CapturedPaper) => Promise<DomainError | null>;
  onClose: () => void;
}) {
  const { t } = useTranslation('files');
  const video = useRef<HTMLVideoElement>(null);
  const [pages, setPages] = useState<Page[]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const [camera, setCamera] = useState<'starting' | 'on' | 'none'>('starting');
  const [error, setError] = useState<DomainError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let live = true;
    const start = async () => {
      try {
        if (!navigator.mediaDevices?.getUserMedia) throw new Error('no camera API');
        stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: 'environment', width: { ideal: 1920 }, height: { ideal: 1080 } },
          audio: false,
        });
        if (!live) {
          stream.getTracks().forEach((tr) => tr.stop());
          return;
        }
        if (video.current) {
          video.current.srcObject = stream;
          await video.current.play().catch(() => undefined);
        }
        setCamera('on');
      } catch {
        if (live) setCamera('none');
      }
    };
    void start();
    return () => {
      live = false;
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, []);

  // at unmount the preview URLs of the pages then held go with the dialog (a ref: the pages of the
  // last render, not those of the first)
  const pagesNow = useRef(pages);
  pagesNow.current = pages;
  useEffect(
    () => () => {
      for (const p of pagesNow.current) URL.revokeObjectURL(p.url);
    },
    [],
  );

  /** A new page, or the selected one replaced (retake). */
  function place(p: JpegPage) {
    const page = asPage(p);
    setPages((list) => {
      if (selected === null) return [...list, page];
      return list.map((x) => (x.id === selected ? page : x));
    });
    setSelected(null);
  }

  async function shoot() {
    const v = video.current;
    if (!v || v.videoWidth === 0) return;
    const storage = await estimateStorage(2 * 300_000);
    if (storage.level === 'full') {
      setError({ code: 'files.storageFull', message: 'storage nearly full' });
      return;
    }
    place(await captureFrame(v));
  }

  async function pick(files: FileList | null) {
    if (!files || files.length === 0) return;
    setError(null);
    const list = [...files];
    // one PDF picked: it is the paper's file as it is
    if (list.length === 1 && sniffFileType(new Uint8Array(await list[0]!.slice(0, 8).arrayBuffer())) === 'application/pdf') {
      const bytes = new Uint8Array(await list[0]!.arrayBuffer());
      if (bytes.length > MAX_FILE_BYTES) {
        setError({ code: 'files.tooLarge', message: 'too large', params: { name, maxMb: MAX_FILE_BYTES / 1024 / 1024 } });
        return;
      }
      setBusy(true);
      const problem = await onDone({ bytes, pages: pdfPageCount(bytes), paperCode, name, thumb: null });
      setBusy(false);
      if (problem) setError(problem);
      return;
    }
    for (const f of list) {
      try {
        place(await pageFromImageFile(f));
      } catch {
        setError({ code: 'files.badType', message: 'not an image', params: { name: f.name } });
      }
    }
  }

  function move(id: number, by: -1 | 1) {
    setPages((list) => {
      const i = list.findIndex((p) => p.id === id),
        j = i + by;
      if (i < 0 || j < 0 || j >= list.length) return list;
      const next = [...list];
      [next[i], next[j]] = [next[j]!, next[i]!];
      return next;
    });
  }

  async function done() {
    if (pages.length === 0) return;
    setBusy(true);
    setError(null);
    try {
      const bytes = makePdf(pages);
      if (bytes.length > MAX_FILE_BYTES) {
        setError({ code: 'files.tooLarge', message: 'too large', params: { name, maxMb: MAX_FILE_BYTES / 1024 / 1024 } });
        return;
      }
      const storage = await estimateStorage(bytes.length * 2);
      if (storage.level === 'full') {
        setError({ code: 'files.storageFull', message: 'storage nearly full' });
        return;
      }
      const problem = await onDone({ bytes, pages: pages.length, paperCode, name, thumb: await thumbnailOf(pages[0]!) });
      if (problem) setError(problem);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('capture.title', { name })} onClose={onClose}>
      <div className="capture">
        <div className="capture-preview">
          <video ref={video} playsInline muted data-testid="capture-video" aria-label={t('capture.preview')} />
          {camera === 'none' && <p className="muted">{t('capture.noCamera')}</p>}
        </div>
        <div className="row">
          <button type="button" className="primary" onClick={() => void shoot()} disabled={camera !== 'on' || busy} data-testid="capture-shoot">
            {selected === null ? t('capture.shoot') : t('capture.retake')}
          </button>
          <label className="btn">
            {t('capture.pick')}
            <input
              type="file"
              accept="image/*,application/pdf"
              multiple
              hidden
              data-testid="capture-pick"
              onChange={(e) => {
                void pick(e.target.files);
                e.target.value = '';
              }}
            />
          </label>
        </div>
        <ol className="capture-pages" aria-label={t('capture.pages', { n: pages.length })} data-testid="capture-pages">
          {pages.map((p, i) => (
            <li key={p.id} className={p.id === selected ? 'selected' : undefined}>
              <button
                type="button"
                className="thumb"
                aria-pressed={p.id === selected}
                aria-label={t('capture.page', { n: i + 1 })}
                onClick={() => setSelected(p.id === selected ? null : p.id)}
              >
                <img src={p.url} alt="" />
              </button>
              <div className="row">
                <button type="button" onClick={() => move(p.id, -1)} disabled={i === 0} aria-label={t('capture.up', { n: i + 1 })}>
                  ↑
                </button>
                <button type="button" onClick={() => move(p.id, 1)} disabled={i === pages.length - 1} aria-label={t('capture.down', { n: i + 1 })}>
                  ↓
                </button>
                <button type="button" onClick={() => setPages((l) => l.filter((x) => x.id !== p.id))} aria-label={t('capture.delete', { n: i + 1 })}>
                  ✕
                </button>
              </div>
            </li>
          ))}
        </ol>
        {selected !== null && <p className="muted">{t('capture.retakeHint')}</p>}
        <ErrorText error={error} />
        <div className="row">
          <button type="button" onClick={onClose}>
            {t('capture.cancel')}
          </button>
          <span className="spacer" />
          <button type="button" className="primary" disabled={pages.length === 0 || busy} onClick={() => void done()} data-testid="capture-done">
            {t('capture.done', { n: pages.length })}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
