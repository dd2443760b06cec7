/** A file's state as the officer reads it: on this tablet only / uploading n % / sent / on the server / failed (with its reason and retry). */
import { useTranslation } from 'react-i18next';
import { uploadPercent, uploadView } from '../../domain/files/uploadState';
import { useServices } from '../shell/services';
import type { StoredFile } from './storeTypes';

const CLASS = { local: 'warn', uploading: 'info', sent: 'info', onServer: 'ok', failed: 'bad' } as const;

export function FileStateBadge({ file, remote }: { file: StoredFile | undefined; remote: boolean }) {
  const { t } = useTranslation(['files', 'errors', 'sync']);
  const { files } = useServices();
  if (!file)
    return (
      <span className="badge" data-testid="file-state" data-state={remote ? 'elsewhere' : 'unknown'}>
        {t(remote ? 'state.elsewhere' : 'state.unknown')}
      </span>
    );
  const view = uploadView(file.upload);
  const upload = file.upload;
  return (
    <span className="row" style={{ gap: 6 }}>
      <span className={`badge ${CLASS[view]}`} data-testid="file-state" data-state={view}>
        {t(`state.${view}`, { pct: uploadPercent(upload) ?? 0 })}
      </span>
      {upload.kind === 'failed' && (
        <>
          <span className="muted" data-testid="file-error">
            {t(upload.reason as never)}
          </span>
          {files && (
            <button type="button" onClick={() => void files.uploader.retry(file.sha256)}>
              {t('state.retry')}
            </button>
          )}
        </>
      )}
    </span>
  );
}
