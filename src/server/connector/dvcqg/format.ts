/**
 * The national portal's format behind the connector's port: a batch is one `DongBoHoSoMC` call
 * per kind (first sends, `isUpdating:"False"`; updates, `"True"`), then one `CapNhatTienDoHoSoMC`
 * call with the steps the portal has not had, sent only once the dossiers are stored (as OpenCPS
 * does). A first send the portal refuses is looked up with `TraCuuHoSo`: when the portal has the
 * dossier already (a restored database), it is sent again as an update.
 */
import type { CallRecord, OutboundItem, PortalFormat, SendOutcome } from '../port';
import type { CallResult, DvcqgClient } from './client';
import { prepareDvcqg } from './mapping';

function record(service: string, codes: readonly string[], r: CallResult): CallRecord {
  if (r.kind === 'failed')
    return { service, codes, outcome: 'failed', httpStatus: r.httpStatus, errorCode: null, message: r.message, durationMs: r.durationMs };
  return {
    service,
    codes,
    outcome: r.kind === 'ok' ? 'accepted' : 'refused',
    httpStatus: r.httpStatus,
    errorCode: r.answer.errorCode,
    message: r.answer.message || null,
    durationMs: r.durationMs,
  };
}

const found = (result: unknown): boolean => (Array.isArray(result) ? result.length > 0 : typeof result === 'object' && result !== null);

export function dvcqgFormat(client: DvcqgClient): PortalFormat {
  return {
    name: 'dvcqg',
    prepare: prepareDvcqg,
    async send(items: readonly OutboundItem[], signal: AbortSignal): Promise<SendOutcome> {
      const calls: CallRecord[] = [];
      const toSend = items.filter((i) => i.sendDossier);
      const groups = [
        { isUpdating: 'False', items: toSend.filter((i) => !i.onPortal) },
        { isUpdating: 'True', items: toSend.filter((i) => i.onPortal) },
      ];
      for (const g of groups) {
        if (g.items.length === 0) continue;
        const codes = g.items.map((i) => i.prepared.code);
        let r = await client.call('DongBoHoSoMC', { isUpdating: g.isUpdating, data: g.items.map((i) => i.prepared.dossier) }, signal);
        calls.push(record('DongBoHoSoMC', codes, r));
        if (r.kind === 'refused' && g.isUpdating === 'False' && codes.length === 1) {
          const look = await client.call('TraCuuHoSo', { mahoso: codes[0] }, signal);
          calls.push(record('TraCuuHoSo', codes, look));
          if (look.kind === 'ok' && found(look.answer.result)) {
            r = await client.call('DongBoHoSoMC', { isUpdating: 'True', data: g.items.map((i) => i.prepared.dossier) }, signal);
            calls.push(record('DongBoHoSoMC', codes, r));
          }
        }
        if (r.kind === 'failed') return { kind: 'failed', message: r.message, calls };
        if (r.kind === 'refused') return { kind: 'refused', errorCode: r.answer.errorCode, message: r.answer.message, onPortal: false, calls };
      }
      const steps = items.flatMap((i) => i.newSteps.map((s) => s.payload));
      if (steps.length > 0) {
        const codes = items.filter((i) => i.newSteps.length > 0).map((i) => i.prepared.code);
        const r = await client.call('CapNhatTienDoHoSoMC', { data: steps }, signal);
        calls.push(record('CapNhatTienDoHoSoMC', codes, r));
        if (r.kind === 'failed') return { kind: 'failed', message: r.message, calls };
        if (r.kind === 'refused') return { kind: 'refused', errorCode: r.answer.errorCode, message: r.answer.message, onPortal: true, calls };
      }
      return { kind: 'accepted', calls };
    },
  };
}
