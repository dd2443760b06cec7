/**
 * A Dexie DBCore middleware that seals personal data on its way into IndexedDB and opens it on its
 * way out, so every repository function and screen keeps reading plain objects:
 * - events: the whole payload is sealed (`_s`);
 * - dossiers: the personal parts of the state are sealed; the search keys made from them are
 *   replaced by chained blind keys (one per term, rowCrypto.ts chainKey); the code keys stay clear;
 * - drafts: the form data is sealed.
 * With no vault (kiosk, tests) rows pass through unchanged; while the vault is locked, writing or
 * reading a sealed row throws VaultLockedError (so nothing personal is ever written in the clear
 * on a tablet that has a vault, and nothing half-read is ever pushed).
 */
import type { DBCore, DBCoreCursor, DBCoreTable, Middleware } from 'dexie';
import type { DossierState } from '../../domain/dossier/state';
import { joinState, personalTerms, splitState } from './personalFields';
import { chainKey, isBlindKey, openRow, sealRow, type RowKeys } from './rowCrypto';
import { rowKeysNow, VaultLockedError } from './vault';

type Row = Record<string, unknown>;
type Codec = { seal(k: RowKeys, row: Row): Row; open(k: RowKeys, row: Row): Row };

const withoutField = (row: Row, field: string): Row => {
  const r = { ...row };
  delete r[field];
  return r;
};

const sealField = (field: string): Codec => ({
  seal: (k, row) => (field in row ? { ...withoutField(row, field), _s: sealRow(k, row[field]) } : row),
  open: (k, row) => ({ ...withoutField(row, '_s'), [field]: openRow(k, row._s as Uint8Array) }),
});

export const dossierCodec: Codec = {
  seal(k, row) {
    const state = row.state as DossierState;
    const [kept, personal] = splitState(state);
    const terms = personalTerms(state);
    const personalSet = new Set(terms);
    // an opened row put back (a re-seal) still carries its blind keys: they are made anew
    const clearKeys = ((row.keys as string[] | undefined) ?? []).filter((x) => !personalSet.has(x) && !isBlindKey(x));
    return { ...row, state: kept, keys: [...new Set([...clearKeys, ...terms.map((t) => chainKey(k, t))])], _s: sealRow(k, personal) };
  },
  open(k, row) {
    const personal = openRow<Parameters<typeof joinState>[1]>(k, row._s as Uint8Array);
    return { ...withoutField(row, '_s'), state: joinState(row.state as Row, personal) };
  },
};

export const CODECS: Readonly<Record<string, Codec>> = {
  events: sealField('payload'),
  dossiers: dossierCodec,
  drafts: sealField('data'),
};

/** Rows opened from sealed storage (the sweep skips them). */
export const openedFromSealed = new WeakSet<object>();

function openValue(codec: Codec, value: unknown): unknown {
  if (!value || typeof value !== 'object' || !('_s' in value)) return value;
  const k = rowKeysNow();
  if (!k) throw new VaultLockedError();
  const opened = codec.open(k, value as Row);
  openedFromSealed.add(opened);
  return opened;
}

function sealValue(codec: Codec, value: unknown): unknown {
  const k = rowKeysNow();
  if (!k || !value || typeof value !== 'object') return value;
  return codec.seal(k, value as Row);
}

function wrapCursor(codec: Codec, c: DBCoreCursor): DBCoreCursor {
  let at: unknown = undefined;
  let opened: unknown = undefined;
  // key and primaryKey read on the cursor itself: inherited, the native getters would run on this
  // wrapper and Chromium throws "Illegal invocation" (a distinct() over a multi-entry index reads them)
  return Object.create(c, {
    key: { get: () => c.key },
    primaryKey: { get: () => c.primaryKey },
    value: {
      get() {
        const v = c.value;
        if (v !== at) {
          at = v;
          opened = openValue(codec, v);
        }
        return opened;
      },
    },
  }) as DBCoreCursor;
}

/**
 * A schema upgrade runs when the database opens, before anyone has signed in: it sees and writes
 * rows as stored (a sealed dossier's state without its personal parts, a sealed event without its
 * payload), so a later migration that only adds indexes or reads non-personal fields works.
 */
const isUpgrade = (trans: unknown): boolean => (trans as { mode?: string } | undefined)?.mode === 'versionchange';

function sealedTable(down: DBCoreTable, codec: Codec): DBCoreTable {
  return {
    ...down,
    mutate(req) {
      if ((req.type === 'add' || req.type === 'put') && !isUpgrade(req.trans)) {
        try {
          return down.mutate({ ...req, values: req.values.map((v) => sealValue(codec, v)) } as typeof req);
        } catch (e) {
          return Promise.reject(e);
        }
      }
      return down.mutate(req);
    },
    get: (req) => (isUpgrade(req.trans) ? down.get(req) : down.get(req).then((v) => openValue(codec, v))),
    getMany: (req) => (isUpgrade(req.trans) ? down.getMany(req) : down.getMany(req).then((vs) => vs.map((v) => openValue(codec, v)))),
    query: (req) =>
      isUpgrade(req.trans) || !req.values ? down.query(req) : down.query(req).then((res) => ({ ...res, result: res.result.map((v) => openValue(codec, v)) })),
    openCursor: (req) => (isUpgrade(req.trans) ? down.openCursor(req) : down.openCursor(req).then((c) => (c && req.values ? wrapCursor(codec, c) : c))),
  };
}

export const sealMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'privacySeal',
  create(down) {
    return {
      ...down,
      table(name) {
        const t = down.table(name);
        const codec = CODECS[name];
        return codec ? sealedTable(t, codec) : t;
      },
    };
  },
};
