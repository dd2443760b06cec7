/** The English texts (same namespaces and keys as vi.ts). */
import common from './en/common.json';
import counter from './en/counter.json';
import errors from './en/errors.json';
import sync from './en/sync.json';
import print from './en/print.json';
import kiosk from './en/kiosk.json';
import supervisor from './en/supervisor.json';
import privacy from './en/privacy.json';
import connector from './en/connector.json';
import files from './en/files.json';

export const en = { common, counter, errors, sync, print, kiosk, supervisor, privacy, connector, files } as const;
