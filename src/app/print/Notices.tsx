/** FRM1/FRM2 notices: supplement request, refusal, apology (APO4) and stop. */
import { useTranslation } from 'react-i18next';
import { formatVnDateTime } from '../../domain/time/vnTime';
import { Paper, Signatures } from './Paper';
import type { FormProps } from './Receipt';

function Addressee({ state: s }: Pick<FormProps, 'state'>) {
  const { t } = useTranslation('print');
  return (
    <dl className="lines">
      <dt>{t('to')}</dt>
      <dd>{s.applicant.name}</dd>
      {s.applicant.address && (
        <>
          <dt>{t('address')}</dt>
          <dd>{s.applicant.address}</dd>
        </>
      )}
      {s.applicant.phone && (
        <>
          <dt>{t('phone')}</dt>
          <dd>{s.applicant.phone}</dd>
        </>
      )}
      <dt>{t('code')}</dt>
      <dd>{s.code}</dd>
      <dt>{t('procedure')}</dt>
      <dd>{s.procedureName}</dd>
      <dt>{t('receivedAt')}</dt>
      <dd>{formatVnDateTime(s.receivedAt)}</dd>
    </dl>
  );
}

export function SupplementRequest({ state: s, communeName, formSet, officerName }: FormProps) {
  const { t } = useTranslation('print');
  const round = s.supplements.at(-1);
  return (
    <Paper form="supplement" formSet={formSet} communeName={communeName} at={round?.requestedAt ?? s.receivedAt}>
      <Addressee state={s} />
      <p>{t('supplement.intro')}</p>
      <ol className="papers-list">
        {(round?.missing ?? []).map((m, i) => (
          <li key={i}>{m}</li>
        ))}
      </ol>
      <p>{t('supplement.outro')}</p>
      <Signatures right={t('receiver', { name: officerName })} />
    </Paper>
  );
}

export function Refusal({ state: s, communeName, formSet, officerName }: FormProps) {
  const { t } = useTranslation('print');
  return (
    <Paper form="refusal" formSet={formSet} communeName={communeName} at={s.receivedAt}>
      <Addressee state={s} />
      <p>{t('refusal.intro')}</p>
      <p className="strong">{s.closingReason ?? ''}</p>
      <p>{t('refusal.outro')}</p>
      <Signatures right={t('receiver', { name: officerName })} />
    </Paper>
  );
}

export function ApologyNotice({ state: s, communeName, formSet }: FormProps) {
  const { t } = useTranslation('print');
  const a = s.apologies[0];
  if (!a) return null;
  return (
    <Paper form="apology" formSet={formSet} communeName={communeName} at={a.issuedAt}>
      <div className="code-line">
        <div>{t('apology.number', { number: a.number })}</div>
      </div>
      <Addressee state={s} />
      <dl className="lines">
        <dt>{t('apology.originalDue')}</dt>
        <dd>{s.dueAt === null ? '—' : formatVnDateTime(s.dueAt)}</dd>
        <dt>{t('apology.reason')}</dt>
        <dd>{a.reason}</dd>
      </dl>
      <p>{t('apology.text', { agency: t('agency') })}</p>
      <p className="strong">{t('apology.newDate', { date: formatVnDateTime(a.newDueAt) })}</p>
      <p className="muted">{t('apology.recipients')}</p>
      <Signatures right={t('signer', { name: a.signer })} />
    </Paper>
  );
}

export function StopNotice({ state: s, communeName, formSet, officerName }: FormProps) {
  const { t } = useTranslation('print');
  const at = s.stoppedAt ?? s.withdrawnAt ?? s.lastEventAt;
  return (
    <Paper form="stop" formSet={formSet} communeName={communeName} at={at}>
      <Addressee state={s} />
      <p>{t(s.status === 'withdrawn' ? 'stop.withdrawn' : 'stop.stopped', { date: formatVnDateTime(at) })}</p>
      <dl className="lines">
        <dt>{t('stop.reason')}</dt>
        <dd>{s.closingReason ?? ''}</dd>
      </dl>
      <Signatures right={t('receiver', { name: officerName })} />
    </Paper>
  );
}
