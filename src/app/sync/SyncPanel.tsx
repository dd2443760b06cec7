/**
 * The device's own sync status: what is waiting, since when, the last success and the
 * last error in plain words, the clock and storage state, every unsent item with its state, and
 * the officer's levers: sync now, send a refused item again, export the outbox to a file.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { i18n as I18n, TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isKeyIn } from '../i18n/keys';
import { formatVnDateTime, formatVnTime } from '../../domain/time/vnTime';
import { getMeta } from '../db/meta';
import type { MotCuaDb } from '../db/schema';
import { clockWarning, clockWarningMessage } from './clock';
import type { SyncEngine } from './engine';
import { exportOutbox } from './exportOutbox';
import { listOutbox, retryFailed, type OutboxRow } from './outbox';
import { pendingSummary } from './status';
import type { RunResult, SyncUiState } from './syncState';
import { useSyncState } from './useSyncState';
import './SyncPanel.css';

/** The sync screen's namespaces, every key with its prefix; checked by the compiler. */
const SYNC_NS = ['sync', 'counter', 'errors'] as const;
type Translate = TFunction<typeof SYNC_NS>;

/** A stored error key (outbox row, sync meta) in words; a key this version does not know is shown as stored. */
function storedMessage(t: Translate, i18n: Pick<I18n, 'exists'>, key: string, params?: Readonly<Record<string, string | number>>): string {
  return isKeyIn(i18n, key, SYNC_NS) ? t(key, params ?? {}) : key;
}

/** `at` as a date with its age ("09:00 02/03/2026 (5 phút trước)"). */
export function describeAge(now: number, at: number): { key: 'sync:age.minutes' | 'sync:age.hours' | 'sync:age.days'; n: number; date: string } {
  const minutes = Math.max(0, Math.floor((now - at) / 60_000));
  const date = formatVnDateTime(at);
  if (minutes < 60) return { key: 'sync:age.minutes', n: minutes, date };
  if (minutes < 48 * 60) return { key: 'sync:age.hours', n: Math.floor(minutes / 60), date };
  return { key: 'sync:age.days', n: Math.floor(minutes / 1440), date };
}

function useTick(now: () => number, everyMs = 30_000): number {
  const [t, setT] = useState(now);
  useEffect(() => {
    const id = setInterval(() => setT(now()), everyMs);
    return () => clearInterval(id);
  }, [now, everyMs]);
  return t;
}

function runMessage(t: Translate, s: SyncUiState): string | null {
  if (s.running) {
    if (s.phase === 'pull') return t('sync:run.pull', { n: s.pulled });
    if (s.phase === 'reference') return t('sync:run.reference');
    return t('sync:run.push');
  }
  const r: RunResult | null = s.lastResult;
  if (!r) return null;
  switch (r.kind) {
    case 'synced':
      return t('sync:run.synced', { pushed: r.pushed, pulled: r.pulled });
    case 'skipped':
      return t(r.reason === 'busy' ? 'sync:run.busy' : 'sync:run.notEnrolled');
    case 'failed':
      return null; // shown as the last error
  }
}

/** SYNC2: an item the engine set aside because it alone kept failing. */
const isStuck = (o: OutboxRow) => o.state === 'failed' && (o.lastError === 'sync:error.stuck' || o.lastError === 'sync:error.stuckNoAnswer');

export function OutboxTable({
  rows,
  total,
  onRetry,
  onExport,
}: {
  rows: readonly OutboxRow[];
  total: number;
  onRetry: (eventId: string) => void;
  onExport: () => void;
}) {
  const { t, i18n } = useTranslation(SYNC_NS);
  if (rows.length === 0) return <p>{t('sync:outbox.empty')}</p>;
  return (
    <>
      <table className="list" data-testid="outbox-list">
        <thead>
          <tr>
            <th>{t('sync:outbox.dossier')}</th>
            <th>{t('sync:outbox.action')}</th>
            <th>{t('sync:outbox.createdAt')}</th>
            <th>{t('sync:outbox.state')}</th>
            <th>{t('sync:outbox.attempts')}</th>
            <th>{t('sync:outbox.reason')}</th>
            <th>
              <span className="visually-hidden">{t('sync:outbox.retry')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((o) => (
            <tr key={o.eventId} data-state={o.state} data-stuck={isStuck(o) || undefined}>
              <td>{o.dossierId}</td>
              <td>{o.type ? t(`counter:event.${o.type}`) : '—'}</td>
              <td>{formatVnDateTime(o.createdAt)}</td>
              <td>
                <span className={`badge ${o.state === 'failed' ? 'bad' : 'warn'}`}>{t(`sync:outbox.states.${o.state}`)}</span>
              </td>
              <td>{o.attempts}</td>
              <td className={o.state === 'failed' ? 'sync-error' : 'muted'}>
                {o.lastError && o.lastError !== 'sync:error.offline' ? storedMessage(t, i18n, o.lastError, o.lastErrorParams) : ''}
              </td>
              <td>
                {o.state === 'failed' && <button onClick={() => onRetry(o.eventId)}>{t('sync:outbox.retry')}</button>}
                {isStuck(o) && <button onClick={onExport}>{t('sync:outbox.export')}</button>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > rows.length && <p className="muted">{t('sync:outbox.more', { shown: rows.length, total })}</p>}
    </>
  );
}

export function SyncPanel({ db, engine }: { db: MotCuaDb; engine: SyncEngine }) {
  const { t, i18n } = useTranslation(SYNC_NS);
  const ui = useSyncState(engine, (s) => s);
  const now = useTick(engine.now);
  const [notice, setNotice] = useState<string | null>(null);
  const summary = useLiveQuery(() => pendingSummary(db), [db]);
  const sync = useLiveQuery(() => getMeta(db, 'sync'), [db]);
  const persisted = useLiveQuery(async () => (await getMeta(db, 'storagePersisted')) ?? null, [db]);
  const outbox = useLiveQuery(() => listOutbox(db), [db]);
  const failedCount = outbox?.rows.filter((o) => o.state === 'failed').length ?? 0;
  const stuckCount = outbox?.rows.filter(isStuck).length ?? 0;

  const clock = clockWarning(sync?.clockOffsetMs);
  const clockText = clock
    ? (() => {
        const m = clockWarningMessage(clock);
        return t(m.key, m.params);
      })()
    : t(sync?.clockOffsetMs === null || sync?.clockOffsetMs === undefined ? 'sync:clock.unknown' : 'sync:clock.ok');
  const ago = (at: number | null | undefined) => {
    if (at === null || at === undefined) return t('sync:status.never');
    const a = describeAge(now, at);
    return t(a.key, { n: a.n, date: a.date });
  };
  const last = ui.lastResult;
  const message = runMessage(t, ui);

  async function retry(eventId?: string) {
    await retryFailed(db, eventId);
    void engine.runOnce();
  }

  async function exportFile() {
    try {
      const r = await exportOutbox(db, engine.now());
      setNotice(r.ok ? t('sync:export.done', { n: r.value.events, file: r.value.fileName }) : storedMessage(t, i18n, r.error.code));
    } catch {
      setNotice(t('sync:export.failed'));
    }
  }

  return (
    <section className="sync-panel" aria-busy={ui.running}>
      <h1>{t('sync:title')}</h1>
      {clock && (
        <div className="banner bad" role="alert">
          {clockText}
        </div>
      )}
      {stuckCount > 0 && (
        <div className="banner bad" role="alert" data-testid="sync-stuck">
          {t('sync:stuck.banner', { count: stuckCount })}
        </div>
      )}
      <div className="card">
        <dl>
          <dt>{t('sync:status.pending')}</dt>
          <dd data-testid="sync-pending">{summary?.pendingCount ?? '…'}</dd>
          <dt>{t('sync:status.oldest')}</dt>
          <dd>{summary?.oldestPendingAt ? ago(summary.oldestPendingAt) : t('sync:status.none')}</dd>
          <dt>{t('sync:status.lastSync')}</dt>
          <dd data-testid="sync-last">{ago(sync?.lastSyncAt)}</dd>
          <dt>{t('sync:status.lastAttempt')}</dt>
          <dd>{ago(sync?.lastAttemptAt)}</dd>
          <dt>{t('sync:status.lastError')}</dt>
          <dd data-testid="sync-error" className={sync?.lastError ? 'sync-error' : undefined}>
            {sync?.lastError ? storedMessage(t, i18n, sync.lastError, sync.lastErrorParams) : t('sync:status.none')}
            {sync?.lastError && last?.kind === 'failed' && (
              <div>
                {last.retry ? (ui.nextRunAt !== null ? t('sync:status.willRetry', { time: formatVnTime(ui.nextRunAt) }) : null) : t('sync:status.needsAction')}
              </div>
            )}
          </dd>
          <dt>{t('sync:status.clock')}</dt>
          <dd className={clock ? 'sync-error' : undefined}>{clockText}</dd>
          <dt>{t('sync:status.storage')}</dt>
          <dd>{t(persisted === true ? 'sync:status.storageYes' : persisted === false ? 'sync:status.storageNo' : 'sync:status.storageUnknown')}</dd>
          <dt>{t('sync:status.appVersion')}</dt>
          <dd>{engine.appVersion}</dd>
        </dl>
        <div className="row">
          <button className="primary" data-testid="sync-now" disabled={ui.running} onClick={() => void engine.runOnce()}>
            {ui.running ? t('sync:run.running') : t('sync:run.now')}
          </button>
          <button data-testid="sync-export" onClick={() => void exportFile()}>
            {t('sync:export.button')}
          </button>
        </div>
        {message && <p role="status">{message}</p>}
        {notice && <p role="status">{notice}</p>}
        <p className="muted">{t('sync:export.help')}</p>
      </div>
      <div className="card">
        <div className="row">
          <h2>{t('sync:outbox.title')}</h2>
          <span className="spacer" />
          {failedCount > 0 && <button onClick={() => void retry()}>{t('sync:outbox.retryAll')}</button>}
        </div>
        {outbox && <OutboxTable rows={outbox.rows} total={outbox.total} onRetry={(id) => void retry(id)} onExport={() => void exportFile()} />}
      </div>
    </section>
  );
}
