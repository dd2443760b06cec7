/** On a dossier whose personal data left the tablet after the retention period: where the details are. */
import { useTranslation } from 'react-i18next';
import type { PurgedRow } from './retention';

export function KeptUpstreamNotice({ row }: { row: PurgedRow }) {
  const { t } = useTranslation('privacy');
  if (row.purgedAt === undefined) return null;
  return <div className="banner info" role="status" data-testid="kept-upstream">{t('retention.keptUpstream')}</div>;
}
