/** One dossier: its facts, the forms to print, the actions its status allows, and its timeline. */
import { KeptUpstreamNotice } from '../privacy/KeptUpstreamNotice';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TRANSITIONS } from '../../domain/dossier/transitions';
import type { EventType } from '../../domain/dossier/events';
import { compareEvents } from '../../domain/dossier/fold';
import { formatVnDateTime } from '../../domain/time/vnTime';
import type { ApologyWarning } from '../../domain/timeliness/apology';
import { eventsOf } from '../db/record';
import { useReference, userName } from '../shell/reference';
import { ROUTES, useRouter } from '../shell/router';
import { useServices } from '../shell/services';
import { useNow } from '../shell/useNow';
import { ActionDialog, type CounterAction } from './ActionDialog';
import { StatusBadge, TimelinessBadge } from './StatusBadge';

type PrintForm = 'receipt' | 'supplement' | 'refusal' | 'apology' | 'stop';

const isCounterAction = (t: EventType): t is CounterAction => t !== 'received' && t !== 'rated';

export function DossierScreen({ code }: { code: string }) {
  const { t } = useTranslation('counter');
  const { db } = useServices();
  const { calendar, users } = useReference();
  const navigate = useRouter((s) => s.navigate);
  const now = useNow();
  const row = useLiveQuery(() => db.dossiers.get(code), [db, code]);
  const events = useLiveQuery(async () => (await eventsOf(db, code)).sort(compareEvents), [db, code]);
  const pendingIds = useLiveQuery(async () => new Set((await db.outbox.where('eventId').anyOf((events ?? []).map((e) => e.id)).toArray()).map((o) => o.eventId)), [db, events]);
  const [action, setAction] = useState<CounterAction | null>(null);
  const [warnings, setWarnings] = useState<ApologyWarning[]>([]);
  const [saved, setSaved] = useState<CounterAction | null>(null);

  if (row === undefined) {
    return <main className="screen"><p>{events === undefined ? '' : t('dossier.notFound', { code })}</p></main>;
  }
  const s = row.state;
  const actions = (TRANSITIONS[s.status] as readonly EventType[]).filter(isCounterAction);
  const conflictIds = new Set(s.conflicts.map((c) => c.eventId));
  const forms: PrintForm[] = [];
  if (s.intakeOutcome === 'accepted' || s.supplements.some((r) => r.receivedAt !== null)) forms.push('receipt');
  if (s.supplements.length > 0) forms.push('supplement');
  if (s.status === 'refused') forms.push('refusal');
  if (s.apologies.length > 0) forms.push('apology');
  if (s.status === 'stopped' || s.status === 'withdrawn') forms.push('stop');

  return (
    <main className="screen">
      <div className="row" style={{ marginBottom: 12 }}>
        <button onClick={() => navigate(ROUTES.queue)}>{t('dossier.back')}</button>
        <h1 style={{ margin: 0 }} data-testid="dossier-code">{s.code}</h1>
        <StatusBadge state={s} />
        <TimelinessBadge state={s} now={now} cal={calendar} />
      </div>
      <KeptUpstreamNotice row={row} />
      {s.conflicts.length > 0 && <div className="banner bad" role="alert">{t('dossier.conflicts', { n: s.conflicts.length })}</div>}
      {saved && <div className="banner info" role="status">{t('dossier.saved', { action: t(`event.${saved}`) })}</div>}
      {warnings.map((w) => <div key={w} className="banner warn" role="alert">{t(`warning.${w}`)}</div>)}
      <div className="grid2">
        <section className="card">
          <h2>{t('dossier.facts')}</h2>
          <dl className="facts">
            <dt>{t('intake.name')}</dt><dd data-testid="applicant-name">{s.applicant.name}</dd>
            {s.applicant.idNumber && <><dt>{t(`idType.${s.applicant.idType}`)}</dt><dd>{s.applicant.idNumber}</dd></>}
            {s.applicant.phone && <><dt>{t('intake.phone')}</dt><dd>{s.applicant.phone}</dd></>}
            {s.applicant.address && <><dt>{t('intake.address')}</dt><dd>{s.applicant.address}</dd></>}
            <dt>{t('intake.procedure')}</dt><dd>{s.procedureName}</dd>
            <dt>{t('dossier.receivedAt')}</dt><dd>{formatVnDateTime(s.receivedAt)} · {userName(users, s.receivedBy)}</dd>
            <dt>{t('dossier.dueAt')}</dt><dd data-testid="due-at">{s.dueAt === null ? '—' : formatVnDateTime(s.dueAt)}</dd>
            {s.effectiveDueAt !== null && s.effectiveDueAt !== s.dueAt && <><dt>{t('dossier.newDueAt')}</dt><dd data-testid="new-due-at">{formatVnDateTime(s.effectiveDueAt)}</dd></>}
            {s.rating && <><dt>{t('dossier.rating')}</dt><dd>{t(`rating.${s.rating.level}`)}</dd></>}
          </dl>
        </section>
        <section className="card">
          <h2>{t('dossier.actions')}</h2>
          <div className="row">
            {actions.map((a) => <button key={a} onClick={() => { setAction(a); setSaved(null); setWarnings([]); }}>{t(`event.${a}`)}</button>)}
            {actions.length === 0 && <span className="muted">{t('dossier.noActions')}</span>}
          </div>
          <h2>{t('dossier.print')}</h2>
          <div className="row">
            {forms.map((f) => <button key={f} onClick={() => navigate(ROUTES.print(f, s.code))}>{t(`form.${f}`)}</button>)}
          </div>
        </section>
      </div>
      <section className="card">
        <h2>{t('dossier.timeline')}</h2>
        <ol className="timeline">
          {(events ?? []).map((e) => (
            <li key={e.id} className={conflictIds.has(e.id) ? 'conflict' : undefined}>
              <strong>{t(`event.${e.type}`)}</strong>
              {conflictIds.has(e.id) && <span className="badge bad">{t('dossier.conflict')}</span>}
              {pendingIds?.has(e.id) && <span className="badge warn">{t('dossier.notSynced')}</span>}
              <div className="muted">{formatVnDateTime(e.at)} · {userName(users, e.actorId)} · {t('dossier.device', { device: e.deviceId })}</div>
            </li>
          ))}
        </ol>
      </section>
      {action && <ActionDialog state={s} action={action} onClose={() => setAction(null)} onDone={(w) => { setSaved(action); setWarnings(w); setAction(null); }} />}
    </main>
  );
}
