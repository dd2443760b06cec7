/** One dossier: its facts, the forms to print, the actions the rules allow (counterActions), and its timeline. */
import { KeptUpstreamNotice } from '../privacy/KeptUpstreamNotice';
import { useUpstreamDetails } from '../privacy/useUpstreamDetails';
import { useViewRecord } from '../privacy/useAccess';
import type { PurgedRow } from '../privacy/retention';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { counterActions } from '../../domain/dossier/transitions';
import { compareEvents } from '../../domain/dossier/fold';
import type { DossierState } from '../../domain/dossier/state';
import { formatVnDateTime } from '../../domain/time/vnTime';
import type { ApologyWarning } from '../../domain/timeliness/apology';
import { eventsOf } from '../db/record';
import { useReference, userName } from '../shell/reference';
import { ROUTES, useRouter } from '../shell/router';
import { useServices } from '../shell/services';
import { useNow } from '../shell/useNow';
import { ActionDialog, type CounterAction } from './ActionDialog';
import { Timeline } from './dossier/Timeline';
import { StatusBadge, TimelinessBadge } from './StatusBadge';
import { isLateBy766SecondSupplement, supplementRequestsAt } from '../../domain/timeliness/judge';
import { DossierFiles } from '../files/DossierFiles';

type PrintForm = 'receipt' | 'supplement' | 'refusal' | 'apology' | 'stop';

function printForms(s: DossierState): PrintForm[] {
  const forms: PrintForm[] = [];
  if (s.intakeOutcome === 'accepted' || s.supplements.some((r) => r.receivedAt !== null)) forms.push('receipt');
  if (s.supplements.length > 0) forms.push('supplement');
  if (s.status === 'refused') forms.push('refusal');
  if (s.apologies.length > 0) forms.push('apology');
  if (s.status === 'stopped' || s.status === 'withdrawn') forms.push('stop');
  return forms;
}

export function DossierScreen({ code }: { code: string }) {
  const { t } = useTranslation('counter');
  const { db } = useServices();
  const { calendar, users } = useReference();
  const navigate = useRouter((s) => s.navigate);
  const now = useNow();
  const row: PurgedRow | undefined = useLiveQuery(() => db.dossiers.get(code), [db, code]);
  const events = useLiveQuery(async () => (await eventsOf(db, code)).sort(compareEvents), [db, code]);
  const pendingIds = useLiveQuery(
    async () =>
      new Set(
        (
          await db.outbox
            .where('eventId')
            .anyOf((events ?? []).map((e) => e.id))
            .toArray()
        ).map((o) => o.eventId),
      ),
    [db, events],
  );
  const [action, setAction] = useState<CounterAction | null>(null);
  const [warnings, setWarnings] = useState<ApologyWarning[]>([]);
  const [saved, setSaved] = useState<CounterAction | null>(null);
  // the state the save returned, shown at once; the stored row replaces it when the live query catches up
  const [fresh, setFresh] = useState<DossierState | null>(null);
  useEffect(() => setFresh(null), [row]);
  // RET3: a purged dossier's details come from the server when online (shown, never stored)
  const upstream = useUpstreamDetails(row);
  // PD4: the applicant's details on screen are an access
  useViewRecord(row && (row.purgedAt === undefined || upstream.kind === 'shown') ? [row.id] : null, upstream.kind === 'shown' ? 'upstream' : 'dossier');

  if (row === undefined) {
    return (
      <main className="screen">
        <p>{events === undefined ? '' : t('dossier.notFound', { code })}</p>
      </main>
    );
  }
  const s = fresh ?? (upstream.kind === 'shown' ? upstream.state : row.state);
  const timeline = upstream.kind === 'shown' && !fresh ? upstream.events : events;
  const offers = counterActions(s);
  const conflictIds = new Set(s.conflicts.map((c) => c.eventId));

  return (
    <main className="screen">
      <div className="row" style={{ marginBottom: 12 }}>
        <button onClick={() => navigate(ROUTES.queue)}>{t('dossier.back')}</button>
        <h1 style={{ margin: 0 }} data-testid="dossier-code">
          {s.code}
        </h1>
        <span data-testid="dossier-status">
          <StatusBadge state={s} />
        </span>
        <TimelinessBadge state={s} now={now} cal={calendar} />
      </div>
      <KeptUpstreamNotice row={row} upstream={upstream} />
      {s.conflicts.length > 0 && (
        <div className="banner bad" role="alert">
          {t('dossier.conflicts', { n: s.conflicts.length })}
        </div>
      )}
      {isLateBy766SecondSupplement(s, now) && (
        <div className="banner warn" data-testid="second-supplement">
          {t('dossier.secondSupplement', { n: supplementRequestsAt(s, now) })}
        </div>
      )}
      {saved && (
        <div className="banner info" role="status">
          {t('dossier.saved', { action: t(`event.${saved}`) })}
        </div>
      )}
      {warnings.map((w) => (
        <div key={w} className="banner warn" role="alert">
          {t(`warning.${w}`)}
        </div>
      ))}
      <div className="grid2">
        <section className="card">
          <h2>{t('dossier.facts')}</h2>
          <dl className="facts">
            <dt>{t('intake.name')}</dt>
            <dd data-testid="applicant-name">{s.applicant.name}</dd>
            {s.applicant.idNumber && (
              <>
                <dt>{t(`idType.${s.applicant.idType}`)}</dt>
                <dd>{s.applicant.idNumber}</dd>
              </>
            )}
            {s.applicant.phone && (
              <>
                <dt>{t('intake.phone')}</dt>
                <dd>{s.applicant.phone}</dd>
              </>
            )}
            {s.applicant.address && (
              <>
                <dt>{t('intake.address')}</dt>
                <dd>{s.applicant.address}</dd>
              </>
            )}
            <dt>{t('intake.procedure')}</dt>
            <dd>{s.procedureName}</dd>
            <dt>{t('dossier.receivedAt')}</dt>
            <dd>
              {formatVnDateTime(s.receivedAt)} · {userName(users, s.receivedBy, t('timeline.unknownOfficer'))}
            </dd>
            <dt>{t('dossier.dueAt')}</dt>
            <dd data-testid="due-at">{s.dueAt === null ? '—' : formatVnDateTime(s.dueAt)}</dd>
            {s.effectiveDueAt !== null && s.effectiveDueAt !== s.dueAt && (
              <>
                <dt>{t('dossier.newDueAt')}</dt>
                <dd data-testid="new-due-at">{formatVnDateTime(s.effectiveDueAt)}</dd>
              </>
            )}
            {s.rating && (
              <>
                <dt>{t('dossier.rating')}</dt>
                <dd>{t(`rating.${s.rating.level}`)}</dd>
              </>
            )}
          </dl>
        </section>
        <section className="card">
          <h2>{t('dossier.actions')}</h2>
          <div className="row">
            {offers.map((o) => {
              const button = (
                <button
                  key={o.type}
                  data-action={o.type}
                  disabled={o.blockedBy !== null}
                  aria-describedby={o.blockedBy ? `blocked-${o.type}` : undefined}
                  onClick={() => {
                    setAction(o.type as CounterAction);
                    setSaved(null);
                    setWarnings([]);
                  }}
                >
                  {t(`event.${o.type as CounterAction}`)}
                </button>
              );
              return o.blockedBy === null ? (
                button
              ) : (
                <span key={o.type} className="blocked-action">
                  {button}
                  <span id={`blocked-${o.type}`} className="blocked-reason" data-testid="blocked-reason">
                    {t(`blocked.${o.blockedBy}`)}
                  </span>
                </span>
              );
            })}
            {offers.length === 0 && <span className="muted">{t('dossier.noActions')}</span>}
          </div>
          <h2>{t('dossier.print')}</h2>
          <div className="row">
            {printForms(s).map((f) => (
              <button key={f} onClick={() => navigate(ROUTES.print(f, s.code))}>
                {t(`form.${f}`)}
              </button>
            ))}
          </div>
        </section>
      </div>
      <DossierFiles state={s} />
      <Timeline events={timeline ?? []} conflictIds={conflictIds} pendingIds={pendingIds} />
      {action && (
        <ActionDialog
          state={s}
          action={action}
          onClose={() => setAction(null)}
          onDone={(w, next) => {
            setSaved(action);
            setWarnings(w);
            setFresh(next);
            setAction(null);
          }}
        />
      )}
    </main>
  );
}
