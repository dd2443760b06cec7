import 'fake-indexeddb/auto';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../src/app/i18n';
import { createSyncEngine } from '../../../src/app/sync/engine';
import { describeAge, OutboxTable, SyncPanel } from '../../../src/app/sync/SyncPanel';
import { vnInstant } from '../../../src/domain/time/vnTime';
import { demoServer, freshDb } from './helpers';

describe('sync panel', () => {
  it('renders in Vietnamese with its buttons, no raw keys', () => {
    const db = freshDb();
    const engine = createSyncEngine({ db, transport: demoServer().transport, appVersion: '9.9.9' });
    const html = renderToStaticMarkup(createElement(I18nextProvider, { i18n: createI18n('vi') }, createElement(SyncPanel, { db, engine })));
    expect(html).toContain('Đồng bộ dữ liệu');
    expect(html).toContain('data-testid="sync-now"');
    expect(html).toContain('Đồng bộ ngay');
    expect(html).toContain('Xuất dữ liệu chưa gửi ra tệp');
    expect(html).toContain('9.9.9');
    expect(html).not.toMatch(/sync:|status\.|outbox\./);
  });

  it('describes ages in minutes, hours, then days', () => {
    const at = vnInstant(2026, 3, 2, 9, 0);
    expect(describeAge(at + 5 * 60_000, at)).toEqual({ key: 'sync:age.minutes', n: 5, date: '09:00 02/03/2026' });
    expect(describeAge(at + 30 * 3_600_000, at)).toMatchObject({ key: 'sync:age.hours', n: 30 });
    expect(describeAge(at + 9 * 86_400_000, at)).toMatchObject({ key: 'sync:age.days', n: 9 });
    expect(describeAge(at - 60_000, at)).toMatchObject({ n: 0 });
  });
});

describe('[SYNC2] a stuck item on the sync screen', () => {
  it('[SYNC2] shows its reason in Vietnamese with the actions retry and export; a refused one has retry only', () => {
    const base = {
      deviceSeq: 1,
      dossierId: '000.00.06.H56-260302-1001',
      createdAt: vnInstant(2026, 3, 2, 9, 0),
      attempts: 3,
      permanent: false,
      type: 'received' as const,
    };
    const rows = [
      { ...base, eventId: 'e1', state: 'failed' as const, lastError: 'sync:error.stuck', lastErrorParams: { status: 500 } },
      { ...base, eventId: 'e2', deviceSeq: 2, state: 'failed' as const, permanent: true, lastError: 'errors:server.forbidden' },
    ];
    const html = renderToStaticMarkup(
      createElement(
        I18nextProvider,
        { i18n: createI18n('vi') },
        createElement(OutboxTable, { rows, total: 2, onRetry: () => undefined, onExport: () => undefined }),
      ),
    );
    const [stuck, refused] = html.split('<tr data-state="failed"').slice(1);
    expect(stuck).toContain('data-stuck="true"');
    expect(stuck).toContain('Máy chủ không nhận được riêng thao tác này (lỗi 500)');
    expect(stuck).toContain('Gửi lại');
    expect(stuck).toContain('Xuất tệp');
    expect(refused).not.toContain('Xuất tệp');
    expect(refused).toContain('Gửi lại');
    expect(html).not.toMatch(/sync:|errors:/);
  });
});
