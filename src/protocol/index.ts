/** The sync wire format shared by the app and the server (DESIGN "Sync"). */
export * from './version';
export * from './errors';
export * from './events';
export * from './reference';
export * from './messages';
export * from './canonicalJson';
export * from './outboxFile';
export * from './transport';
export * from './httpTransport';
export * from './parse';
export * from './upstream';
export * from './upstreamClient';
export * from './files';
export * from './fileTransport';
export * from './storable';
export * from './upstreamFiles';
