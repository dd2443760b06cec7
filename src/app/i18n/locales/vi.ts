/** The Vietnamese texts (the source language: its files define the keys, see i18next.d.ts). */
import common from './vi/common.json';
import counter from './vi/counter.json';
import errors from './vi/errors.json';
import sync from './vi/sync.json';
import print from './vi/print.json';
import kiosk from './vi/kiosk.json';
import supervisor from './vi/supervisor.json';
import privacy from './vi/privacy.json';
import connector from './vi/connector.json';
import files from './vi/files.json';

export const vi = { common, counter, errors, sync, print, kiosk, supervisor, privacy, connector, files } as const;
