/** A form of one dossier, ready to print (from the device, offline). */
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { ApologyNotice, isPrintForm, Receipt, Refusal, StopNotice, SupplementRequest } from '../print';
import { findProcedure, useReference, userName } from '../shell/reference';
import { ROUTES, useRouter } from '../shell/router';
import { useServices } from '../shell/services';

const FORMS = { receipt: Receipt, supplement: SupplementRequest, refusal: Refusal, apology: ApologyNotice, stop: StopNotice } as const;

export function PrintScreen({ form, code }: { form: string; code: string }) {
  const { t } = useTranslation('print');
  const { db } = useServices();
  const { device, users, settings, catalog } = useReference();
  const navigate = useRouter((s) => s.navigate);
  const row = useLiveQuery(() => db.dossiers.get(code), [db, code]);
  const Form = isPrintForm(form) && form !== 'logbook' ? FORMS[form] : null;
  return (
    <main className="screen">
      <div className="row no-print">
        <button onClick={() => navigate(ROUTES.dossier(code))}>{t('toolbar.back')}</button>
        <span className="spacer" />
        <button className="primary" onClick={() => window.print()} disabled={!row || !Form}>{t('toolbar.print')}</button>
      </div>
      {row && Form && device
        ? <Form state={row.state} communeName={device.communeName} formSet={settings.formSet} officerName={userName(users, row.state.receivedBy)}
          resultAt={findProcedure(catalog, row.state.procedureCode)?.resultAt} receiptKey={device.receiptKey} />
        : row !== undefined && <p>{t('toolbar.notFound')}</p>}
    </main>
  );
}
