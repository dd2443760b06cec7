import 'fake-indexeddb/auto';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../src/app/i18n';
import { createSyncEngine } from '../../../src/app/sync/engine';
import { describeAge, SyncPanel } from '../../../src/app/sync/SyncPanel';
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
