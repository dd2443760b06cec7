/** On a dossier whose personal data left the tablet after the retention period (RET1, RET3): where the details are. */
import { useTranslation } from 'react-i18next';
import type { PurgedRow } from './retention';
import type { UpstreamDetails } from './useUpstreamDetails';

export function KeptUpstreamNotice({ row, upstream }: { row: PurgedRow; upstream: UpstreamDetails }) {
  const { t } = useTranslation('privacy');
  if (row.purgedAt === undefined) return null;
  const text =
    upstream.kind === 'loading'
      ? t('retention.fetching')
      : upstream.kind === 'shown'
        ? t('retention.fetched')
        : upstream.kind === 'unavailable' && upstream.why === 'failed'
          ? t('retention.fetchFailed')
          : upstream.kind === 'unavailable' && upstream.why === 'notFound'
            ? t('retention.notUpstream')
            : t('retention.keptUpstream');
  return (
    <div className="banner info" role="status" data-testid="kept-upstream" data-state={upstream.kind}>
      {text}
    </div>
  );
}
