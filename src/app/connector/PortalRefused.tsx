/**
 * CON14, CON16: the dossiers the national portal refused, with its message. The upstream office
 * sees the commune of each and can send one again; a commune's supervisor sees its own.
 */
import { useTranslation } from 'react-i18next';
import { formatVnDateTime } from '../../domain/time/vnTime';
import type { UpstreamPortalRefused } from '../../protocol';

type Props = {
  readonly refused: readonly UpstreamPortalRefused[];
  readonly limit: number;
  readonly testId: string;
  /** Shown when the list spans communes. */
  readonly communeName?: (id: string) => string;
  readonly retry?: { readonly onRetry: (r: UpstreamPortalRefused) => void; readonly busy: boolean; readonly testIdPrefix: string };
};

export function PortalRefused({ refused, limit, testId, communeName, retry }: Props) {
  const { t } = useTranslation('connector');
  return (
    <>
      <h3>{t('refusedTitle')}</h3>
      <p className="muted">{t('refusedHelp')}</p>
      {refused.length === 0 ? (
        <p className="muted">{t('refusedNone')}</p>
      ) : (
        <table className="list" data-testid={testId}>
          <thead>
            <tr>
              <th>{t('code')}</th>
              {communeName && <th>{t('commune')}</th>}
              <th>{t('message')}</th>
              <th>{t('attempts')}</th>
              <th>{t('lastAttempt')}</th>
              {retry && (
                <th>
                  <span className="visually-hidden">{t('retry')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {refused.map((r) => (
              <tr key={`${r.communeId}/${r.code}`} data-code={r.code}>
                <td>{r.code}</td>
                {communeName && <td>{communeName(r.communeId)}</td>}
                <td>
                  {r.errorCode === 'noPortalCode' ? t('noPortalCode') : r.message}
                  {r.errorCode && r.errorCode !== 'noPortalCode' ? (
                    <span className="muted">
                      {' '}
                      ({t('errorCode')} {r.errorCode})
                    </span>
                  ) : null}
                </td>
                <td>{r.attempts}</td>
                <td>{r.lastAttemptAt === null ? '—' : formatVnDateTime(r.lastAttemptAt)}</td>
                {retry && (
                  <td style={{ whiteSpace: 'nowrap' }}>
                    <button data-testid={`${retry.testIdPrefix}${r.code}`} disabled={retry.busy} onClick={() => retry.onRetry(r)}>
                      {t('retry')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {refused.length >= limit && <p className="muted">{t('refusedTruncated', { shown: limit })}</p>}
    </>
  );
}
