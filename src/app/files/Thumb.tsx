/** A sealed thumbnail, opened through the vault. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { vault } from '../privacy/vault';

export function Thumb({ sealed, name }: { sealed: Uint8Array | null; name: string }) {
  const { t } = useTranslation('files');
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!sealed) return;
    let u: string | null = null;
    let live = true;
    void vault()
      .openBytes(sealed)
      .then((b) => {
        if (!live) return;
        u = URL.createObjectURL(new Blob([b as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }));
        setUrl(u);
      });
    return () => {
      live = false;
      if (u) URL.revokeObjectURL(u);
    };
  }, [sealed]);
  return url ? (
    <img className="file-thumb" src={url} alt={t('papers.thumb', { name })} data-testid="file-thumb" />
  ) : (
    <span className="file-thumb placeholder" aria-hidden="true">
      📄
    </span>
  );
}
