import viCommon from './locales/vi/common.json';
import viCounter from './locales/vi/counter.json';
import viErrors from './locales/vi/errors.json';
import viSync from './locales/vi/sync.json';
import viPrint from './locales/vi/print.json';
import viKiosk from './locales/vi/kiosk.json';
import viSupervisor from './locales/vi/supervisor.json';
import viPrivacy from './locales/vi/privacy.json';
import viConnector from './locales/vi/connector.json';
import viFiles from './locales/vi/files.json';
import enCommon from './locales/en/common.json';
import enCounter from './locales/en/counter.json';
import enErrors from './locales/en/errors.json';
import enSync from './locales/en/sync.json';
import enPrint from './locales/en/print.json';
import enKiosk from './locales/en/kiosk.json';
import enSupervisor from './locales/en/supervisor.json';
import enPrivacy from './locales/en/privacy.json';
import enConnector from './locales/en/connector.json';
import enFiles from './locales/en/files.json';

/** Vietnamese is the source language: its files define the keys (see i18next.d.ts). */
export const vi = {
  common: viCommon, counter: viCounter, errors: viErrors, sync: viSync,
  print: viPrint, kiosk: viKiosk, supervisor: viSupervisor,
  privacy: viPrivacy,
  connector: viConnector,
  files: viFiles,
} as const;

export const en = {
  common: enCommon, counter: enCounter, errors: enErrors, sync: enSync,
  print: enPrint, kiosk: enKiosk, supervisor: enSupervisor,
  privacy: enPrivacy,
  connector: enConnector,
  files: enFiles,
} as const;

export const NAMESPACES = Object.keys(vi) as (keyof typeof vi)[];
export type Namespace = keyof typeof vi;
