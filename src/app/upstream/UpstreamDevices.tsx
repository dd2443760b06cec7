/** Screen 1: sync status of every device of every commune in scope; communes with a silent device come first. */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formatVnDateTime } from '../../domain/time/vnTime';
import { isSilent, lineOf, SILENT_AFTER_MS } from '../supervisor/devices';
import { DeviceLines } from '../supervisor/DeviceTable';
import { useT } from '../supervisor/useT';
import { sizeText } from '../files/fileSize';
import { upstreamApi } from './api';
import { useUpstream } from './useUpstream';

export function UpstreamDevices({ token, onSessionGone }: { token: string; onSessionGone: () => void }) {
  const { t } = useT();
  const { t: tf } = useTranslation('files');
  const load = useCallback(() => upstreamApi.devices(token), [token]);
  const { data, reload } = useUpstream(load, onSessionGone);
  return (
    <section data-testid="up-devices">
      <div className="row">
        <p className="muted">{t('devices.silentRule', { hours: SILENT_AFTER_MS / 3_600_000 })}</p>
        <span className="spacer" />
        <button data-testid="up-devices-refresh" disabled={data.state === 'loading'} onClick={reload}>
          {t('devices.refresh')}
        </button>
      </div>
      {data.state === 'loading' && <p className="muted">{t('loading')}</p>}
      {data.state === 'error' && (
        <p className="error-box" role="alert">
          {data.message}
        </p>
      )}
      {data.state === 'ok' &&
        (() => {
          const { serverTime } = data.value;
          const communes = data.value.communes
            .map((c) => {
              const lines = c.devices.map((d) => lineOf(d, null));
              const missing = lines.reduce((m, l) => ({ files: m.files + (l.filesMissing?.files ?? 0), bytes: m.bytes + (l.filesMissing?.bytes ?? 0) }), {
                files: 0,
                bytes: 0,
              });
              return { ...c, lines, missing, silent: lines.filter((l) => isSilent(l, serverTime)).length };
            })
            .sort((a, b) => b.silent - a.silent || (a.commune.name < b.commune.name ? -1 : 1));
          return (
            <>
              {communes.map((c) => (
                <div className="card" key={c.commune.id} data-commune={c.commune.id}>
                  <div className="row">
                    <h3 style={{ margin: 0 }}>{c.commune.name}</h3>
                    {c.silent > 0 && <span className="badge bad">{t('upstream.devices.silentCount', { n: c.silent })}</span>}
                    {c.missing.files > 0 && (
                      <span className="badge warn" data-testid="up-files-missing">
                        {tf('devices.communeMissing', { n: c.missing.files.toLocaleString('vi-VN'), size: sizeText(tf, c.missing.bytes) })}
                      </span>
                    )}
                  </div>
                  {c.lines.length === 0 ? (
                    <p className="muted">{t('upstream.devices.none')}</p>
                  ) : (
                    <DeviceLines lines={c.lines} serverTime={serverTime} testId={`up-devices-${c.commune.id}`} />
                  )}
                </div>
              ))}
              {communes.some((c) => c.lines.some((l) => l.filesMissing !== null)) && <p className="muted">{tf('devices.help')}</p>}
              <p className="muted">{t('devices.asOf', { at: formatVnDateTime(serverTime) })}</p>
            </>
          );
        })()}
    </section>
  );
}
