/** A form of one dossier, ready to print (from the device, offline). */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApologyNotice, isPrintForm, Receipt, Refusal, StopNotice, SupplementRequest } from '../print';
import { findProcedure, useReference, userName } from '../shell/reference';
import { ROUTES, useRouter } from '../shell/router';
import { useServices } from '../shell/services';
import { usePrintRecord } from '../privacy/printRecord';
import { useRecordAccess, useViewRecord } from '../privacy/useAccess';
import { useUpstreamDetails } from '../privacy/useUpstreamDetails';
import { KeptUpstreamNotice } from '../privacy/KeptUpstreamNotice';
import type { PurgedRow } from '../privacy/retention';

const FORMS = { receipt: Receipt, supplement: SupplementRequest, refusal: Refusal, apology: ApologyNotice, stop: StopNotice } as const;

export function PrintScreen({ form, code }: { form: string; code: string }) {
  const { t } = useTranslation('print');
  const { db } = useServices();
  const { device, users, settings, catalog } = useReference();
  const navigate = useRouter((s) => s.navigate);
  const row: PurgedRow | undefined = useLiveQuery(() => db.dossiers.get(code), [db, code]);
  const Form = isPrintForm(form) && form !== 'logbook' ? FORMS[form] : null;
  // RET3: a purged dossier's form shows what the server keeps, when online
  const upstream = useUpstreamDetails(row);
  const state = upstream.kind === 'shown' ? upstream.state : row?.state;
  const shown = !!row && !!Form && (row.purgedAt === undefined || upstream.kind === 'shown');
  // PD4: the form on screen shows the applicant; printing it is recorded too (printRecord.ts)
  useViewRecord(shown && row ? [row.id] : null, upstream.kind === 'shown' ? 'upstream' : 'dossier');
  const record = useRecordAccess();
  const print = usePrintRecord(useCallback(() => (row && Form ? record('print', [row.id], form) : Promise.resolve(false)), [row, Form, record, form]));
  return (
    <main className="screen">
      <div className="row no-print">
        <button onClick={() => navigate(ROUTES.dossier(code))}>{t('toolbar.back')}</button>
        <span className="spacer" />
        <button className="primary" onClick={() => void print()} disabled={!row || !Form}>
          {t('toolbar.print')}
        </button>
      </div>
      {row && (
        <div className="no-print">
          <KeptUpstreamNotice row={row} upstream={upstream} />
        </div>
      )}
      {row && state && Form && device ? (
        <Form
          state={state}
          communeName={device.communeName}
          formSet={settings.formSet}
          officerName={userName(users, state.receivedBy)}
          resultAt={findProcedure(catalog, state.procedureCode)?.resultAt}
          receiptKey={device.receiptKey}
        />
      ) : (
        row !== undefined && <p>{t('toolbar.notFound')}</p>
      )}
    </main>
  );
}
