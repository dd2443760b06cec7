/**
 * What the worker reads for a batch of claimed dossiers, in a few queries: the folded states and
 * events, the catalog's portal codes and field names, the commune's name, the officers' names,
 * and the dossiers' files with freshly signed links.
 */
import type { DossierEvent } from '../../domain/dossier/events';
import type { DossierState } from '../../domain/dossier/state';
import type { Catalog } from '../../domain/catalog/procedure';
import type { Database } from '../store/db';
import { eventOf, type EventRow } from '../store/sql/rows';
import type { FileLinks } from './fileLinks';
import type { DossierFiles, MappingInput } from './port';
import type { Key } from './queue';

export type InputSource = (keys: readonly Key[], now: number) => Promise<Map<string, MappingInput>>;
export const keyOf = (k: Key): string => `${k.communeId}\u0000${k.code}`;

export function createInputSource(db: Database, files: DossierFiles, links: FileLinks | null, linkTtlMs: number): InputSource {
  // the catalog is read again only when a newer one is published
  const catalogs = new Map<string, { id: number; procedures: Map<string, Catalog['procedures'][number]>; fields: Map<string, string> }>();
  async function catalogOf(communeId: string) {
    const [head] = await db.query<{ id: number }>(
      `SELECT id FROM reference_docs WHERE kind = 'catalog' AND (commune_id = $1 OR commune_id IS NULL) ORDER BY id DESC LIMIT 1`,
      [communeId],
    );
    const cached = catalogs.get(communeId);
    if (cached && head && cached.id === Number(head.id)) return cached;
    const [row] = head ? await db.query<{ body: Catalog }>('SELECT body FROM reference_docs WHERE id = $1', [head.id]) : [];
    const made = {
      id: head ? Number(head.id) : -1,
      procedures: new Map((row?.body.procedures ?? []).map((p) => [p.code, p])),
      fields: new Map((row?.body.fields ?? []).map((f) => [f.code, f.name])),
    };
    catalogs.set(communeId, made);
    return made;
  }
  return async (keys, now) => {
    const out = new Map<string, MappingInput>();
    const byCommune = new Map<string, string[]>();
    for (const k of keys) byCommune.set(k.communeId, [...(byCommune.get(k.communeId) ?? []), k.code]);
    for (const [communeId, codes] of byCommune) {
      const [states, events, catalog, commune, fileMap] = await Promise.all([
        db.query<{ code: string; state: DossierState }>('SELECT code, state FROM dossiers WHERE commune_id = $1 AND code = ANY($2::text[])', [
          communeId,
          codes,
        ]),
        db.query<Omit<EventRow, 'server_seq'>>(
          `SELECT id, commune_id, dossier_id, device_id, device_seq, actor_id, type, at, tz_offset_min, payload FROM events
           WHERE commune_id = $1 AND dossier_id = ANY($2::text[]) ORDER BY server_seq`,
          [communeId, codes],
        ),
        catalogOf(communeId),
        db.query<{ name: string }>('SELECT name FROM communes WHERE id = $1', [communeId]),
        files.filesOf(communeId, codes),
      ]);
      const { procedures, fields } = catalog;
      const eventsBy = new Map<string, DossierEvent[]>();
      const actors = new Set<string>();
      for (const r of events) {
        const e = eventOf(r);
        eventsBy.set(e.dossierId, [...(eventsBy.get(e.dossierId) ?? []), e]);
        actors.add(e.actorId);
      }
      const users = await db.query<{ id: string; name: string }>('SELECT id, name FROM users WHERE id = ANY($1::text[])', [[...actors]]);
      const actorNames = new Map(users.map((u) => [u.id, u.name]));
      // without a link signer the portal could not fetch the files, so none are named
      const sign = (list: readonly { paperCode: string; sha256: string; name: string }[]) =>
        links ? list.map((f) => ({ ...f, url: links.sign({ communeId, sha256: f.sha256, name: f.name }, now + linkTtlMs) })) : [];
      for (const { code, state } of states) {
        const procedure = procedures.get(state.procedureCode);
        const f = fileMap.get(code);
        out.set(keyOf({ communeId, code }), {
          state,
          events: eventsBy.get(code) ?? [],
          portalCode: procedure?.portalCode ?? null,
          fieldName: fields.get(state.fieldCode) ?? null,
          agencyName: commune[0]?.name ?? communeId,
          actorNames,
          papers: sign(f?.papers ?? []),
          results: sign(f?.results ?? []),
        });
      }
    }
    return out;
  };
}
