/** The tablet's file store rows (Dexie migration 9). Bytes are always sealed by the vault. */
import type { DigitisedFileType } from '../../domain/dossier/events';
import type { UploadKind, UploadState } from '../../domain/files/uploadState';

/** One file known on this tablet, named by its SHA-256 (the same bytes attached twice are one row). */
export type StoredFile = {
  readonly sha256: string;
  readonly size: number;
  readonly type: DigitisedFileType;
  readonly pages: number;
  readonly name: string;
  /** The dossiers that have this file attached (a copy of an ID paper may serve two). */
  readonly dossierIds: readonly string[];
  /** 'local': captured here, this tablet uploads it; 'remote': fetched to be viewed (a cache entry). */
  readonly origin: 'local' | 'remote';
  readonly upload: UploadState;
  /** upload.kind, indexed: the queue reads the files it must send without reading every row. */
  readonly uploadKind: UploadKind;
  /** 1 while the sealed bytes are in `fileBytes`; 0 once dropped (the thumbnail stays). */
  readonly hasBytes: 0 | 1;
  /** A small JPEG of the first page, sealed; null for files without a picture (a picked PDF). */
  readonly thumb: Uint8Array | null;
  readonly createdAt: number;
  readonly lastOpenedAt: number;
};

export type FileBytesRow = { readonly sha256: string; readonly sealed: Uint8Array };

/** A paper captured during an intake not yet saved: kept so a reload loses no page. */
export type CaptureRow = {
  /** `${draftKey}|${paperCode}` */
  readonly key: string;
  readonly draftKey: string;
  readonly paperCode: string;
  readonly name: string;
  readonly sha256: string;
  readonly size: number;
  readonly type: DigitisedFileType;
  readonly pages: number;
  readonly sealed: Uint8Array;
  readonly thumb: Uint8Array | null;
  readonly createdAt: number;
};
