/** A tiny history-API router: deep links (/ho-so/<code>) work offline via the SW's navigateFallback. */
import { create } from 'zustand';

type RouterState = { path: string; navigate: (path: string, replace?: boolean) => void };

export const useRouter = create<RouterState>((set) => ({
  path: typeof location === 'undefined' ? '/' : decodeURI(location.pathname),
  navigate: (path, replace = false) => {
    if (replace) history.replaceState(null, '', path);
    else history.pushState(null, '', path);
    set({ path: decodeURI(path) });
    window.scrollTo(0, 0);
  },
}));

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => useRouter.setState({ path: decodeURI(location.pathname) }));
}

export const ROUTES = {
  queue: '/',
  intake: '/tiep-nhan',
  dossier: (code: string) => `/ho-so/${encodeURIComponent(code)}`,
  print: (form: string, code: string) => `/in/${form}/${encodeURIComponent(code)}`,
  logbook: '/so-theo-doi',
  sync: '/dong-bo',
  supervisor: '/giam-sat',
  kiosk: '/kiosk',
} as const;

/** `/ho-so/ABC` matched against `/ho-so/:code` → { code: 'ABC' }. */
export function matchRoute(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/'),
    a = path.split('/');
  if (p.length !== a.length) return null;
  const params: Record<string, string> = {};
  for (const [i, seg] of p.entries()) {
    const actual = a[i] ?? '';
    if (seg.startsWith(':')) params[seg.slice(1)] = decodeURIComponent(actual);
    else if (seg !== actual) return null;
  }
  return params;
}
