/**
 * The upstream office's rules, independent of HTTP: a supervisor signs in with their own password
 * (scrypt, on the server only), gets a session scoped to the communes they
 * supervise, and reads devices and the Biểu 06 report of those communes only.
 */
import { BIEU06_CELLS } from '../../domain/stats/bieu06';
import { emptyCounts, monthsOf, reportFromAggregates, isZero, type CellCounts } from '../../domain/stats/bieu06Aggregates';
import { withAsOf } from '../../domain/stats/bieu06AsOf';
import { periodRange, type Period } from '../../domain/stats/periods';
import { reportEnd } from '../../domain/stats/bieu06';
import type {
  UpstreamDevices,
  UpstreamFieldRow,
  UpstreamLate,
  UpstreamReport,
  UpstreamReportQuery,
  UpstreamNames,
  UpstreamSession,
  UpstreamSessionRequest,
} from '../../protocol/upstream';
import type { Store, Commune } from '../store/port';
import type { UpstreamStore } from '../store/upstreamStore';
import { devicesWithFiles, type FilesMissingOf, type Outcome } from './sync';
import { newToken, sha256 } from './secrets';
import { foldSearchKey } from '../../domain/text/searchKey';
import { burnPasswordCheck, checkPassword } from '../credentials/password';
import type { CredentialStore } from '../credentials/credentialStore';
import { lateList } from './upstreamLate';

export const SESSION_TTL_MS = 12 * 3_600_000;

export type Supervisor = { readonly userId: string; readonly name: string; readonly communes: readonly Commune[] };
export type UpstreamCore = ReturnType<typeof createUpstreamCore>;

const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
const no = (reason: 'forbidden' | 'unknownSession', message: string): Outcome<never> => ({ ok: false, rejection: { reason, message } });
const byCode = (a: UpstreamFieldRow, b: UpstreamFieldRow) => (a.fieldCode < b.fieldCode ? -1 : a.fieldCode > b.fieldCode ? 1 : 0);

function addInto(acc: CellCounts, c: Readonly<CellCounts>): void {
  for (const k of BIEU06_CELLS) acc[k] += c[k];
}

export function createUpstreamCore(
  store: Store,
  upstream: UpstreamStore,
  credentials: CredentialStore,
  clock: () => number = Date.now,
  ttlMs = SESSION_TTL_MS,
  options: { readonly filesMissing?: FilesMissingOf } = {},
) {
  /** the supervisor's own password (scrypt), never a PIN a tablet could hold. */
  async function signIn(req: UpstreamSessionRequest): Promise<Outcome<UpstreamSession>> {
    const found = (await credentials.candidates(req.login)).filter((u) => u.active && u.role === 'supervisor' && u.password);
    // one answer for an unknown name, a wrong password and an officer: the form does not tell who exists
    if (found.length !== 1) {
      await burnPasswordCheck(req.password);
      return no('forbidden', found.length > 1 ? 'several supervisors have this name: type your user id' : 'wrong name or password');
    }
    const user = found[0]!;
    if (!(await checkPassword(req.password, user.password!))) return no('forbidden', 'wrong name or password');
    const token = newToken();
    const now = clock();
    await upstream.createSession({ tokenHash: sha256(token), userId: user.id, now, expiresAt: now + ttlMs });
    const communes = await upstream.scope(user.id);
    return ok({
      serverTime: now,
      token,
      expiresAt: now + ttlMs,
      user: { id: user.id, name: user.name },
      communes: communes.map(({ id, name }) => ({ id, name })),
    });
  }

  /** The rate limit's per-user key: the user the login names (by id or by name), else the folded login. */
  async function loginKey(login: string): Promise<string> {
    const found = await credentials.candidates(login);
    return found.length === 1 ? `user:${found[0]!.id}` : `login:${foldSearchKey(login)}`;
  }

  const names = async (): Promise<Outcome<UpstreamNames>> => ok({ names: await credentials.upstreamNames() });

  async function authenticate(authorization: string | null | undefined): Promise<Outcome<Supervisor>> {
    const m = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(authorization ?? '');
    if (!m) return no('unknownSession', 'missing or malformed bearer token');
    const user = await upstream.sessionUser(sha256(m[1]!), clock());
    if (!user) return no('unknownSession', 'this session is unknown or expired: sign in again');
    return ok({ userId: user.id, name: user.name, communes: await upstream.scope(user.id) });
  }

  async function devices(s: Supervisor): Promise<Outcome<UpstreamDevices>> {
    const communes = await Promise.all(
      s.communes.map(async (c) => ({ commune: { id: c.id, name: c.name }, devices: await devicesWithFiles(store, c.id, options.filesMissing) })),
    );
    return ok({ serverTime: clock(), communes });
  }

  /** Kept aggregates (judged at the period's end); for the current period, the dossiers due between now and that end judged now. */
  async function report(s: Supervisor, q: UpstreamReportQuery): Promise<Outcome<UpstreamReport>> {
    const now = clock();
    const period: Period = { kind: q.kind, year: q.year, index: q.index };
    const range = periodRange(q.kind, q.year, q.index, q.mode);
    const months = monthsOf(period);
    const ids = s.communes.map((c) => c.id);
    const end = reportEnd(range);
    const asOf = reportEnd(range, now);
    const current = asOf < end;
    const [rows, due, fieldNames] = await Promise.all([
      upstream.reportRows(ids, q.mode, months[0]!, months.at(-1)!),
      current ? upstream.statesDueBetween(ids, asOf, end) : Promise.resolve(new Map<string, never[]>()),
      upstream.fieldNames(ids),
    ]);
    const byField = new Map<string, CellCounts>();
    const total = emptyCounts();
    const communes = s.communes.map((c) => {
      let r = reportFromAggregates(rows.get(c.id) ?? [], period, q.mode);
      if (current) r = withAsOf(r, due.get(c.id) ?? [], range, asOf);
      const fieldRows: UpstreamFieldRow[] = [];
      for (const [fieldCode, counts] of r.rows) {
        if (isZero(counts)) continue;
        fieldRows.push({ fieldCode, counts });
        let f = byField.get(fieldCode);
        if (!f) byField.set(fieldCode, (f = emptyCounts()));
        addInto(f, counts);
      }
      addInto(total, r.total);
      return { commune: { id: c.id, name: c.name }, rows: fieldRows.sort(byCode), total: r.total };
    });
    const fields = [...byField].map(([fieldCode, counts]) => ({ fieldCode, counts })).sort(byCode);
    return ok({ serverTime: now, range, asOf, communes, byField: fields, total, fields: fieldNames });
  }

  const late = async (s: Supervisor): Promise<Outcome<UpstreamLate>> => ok(await lateList(upstream, s.communes, clock()));

  return { signIn, names, loginKey, authenticate, devices, report, late, clock };
}
