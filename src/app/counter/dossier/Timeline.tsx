/** The dossier's timeline: each action, when, by whom, on which device, and what it said. */
import { useTranslation } from 'react-i18next';
import type { StoredEvent } from '../../db/schema';
import { formatVnDateTime } from '../../../domain/time/vnTime';
import { useDeviceNames } from '../../shell/deviceNames';
import { useReference, userName } from '../../shell/reference';
import { eventDetails, type Detail } from './eventDetails';

function DetailValue({ d }: { d: Detail }) {
  const { t } = useTranslation('counter');
  switch (d.translate) {
    case 'outcome':
      return <>{t(`outcome.${d.value as 'accepted'}`)}</>;
    case 'apologyChannel':
      return <>{t(`apologyChannel.${d.value as 'paper'}`)}</>;
    case 'rating':
      return <>{t(`rating.${d.value as 'satisfied'}`)}</>;
    case undefined:
      return <>{d.value}</>;
  }
}

export function Timeline({
  events,
  conflictIds,
  pendingIds,
}: {
  events: readonly StoredEvent[];
  conflictIds: ReadonlySet<string>;
  pendingIds: ReadonlySet<string> | undefined;
}) {
  const { t } = useTranslation('counter');
  const { users, device } = useReference();
  const names = useDeviceNames();
  const deviceName = (id: string) => names[id] ?? (id === device?.deviceId ? t('timeline.thisDevice') : t('timeline.otherDevice'));
  return (
    <section className="card">
      <h2>{t('dossier.timeline')}</h2>
      <ol className="timeline" data-testid="timeline">
        {events.map((e) => (
          <li key={e.id} className={conflictIds.has(e.id) ? 'conflict' : undefined}>
            <strong>{t(`event.${e.type}`)}</strong>
            {conflictIds.has(e.id) && <span className="badge bad">{t('dossier.conflict')}</span>}
            {pendingIds?.has(e.id) && <span className="badge warn">{t('dossier.notSynced')}</span>}
            <div className="muted">
              {formatVnDateTime(e.at)} · {e.type === 'rated' ? t('timeline.citizen') : userName(users, e.actorId, t('timeline.unknownOfficer'))} ·{' '}
              {deviceName(e.deviceId)}
            </div>
            {eventDetails(e).length > 0 && (
              <dl className="timeline-details">
                {eventDetails(e).map((d) => (
                  <div key={d.key}>
                    <dt>{t(`timeline.detail.${d.key}`)}</dt>
                    <dd>
                      <DetailValue d={d} />
                    </dd>
                  </div>
                ))}
              </dl>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
