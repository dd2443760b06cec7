/**
 * The upstream office opens one digitised file (DIG1, PD4): the one place it reads a file's bytes,
 * so whatever must happen on every opening (an access log entry) goes here.
 */
import { createUpstreamFilesClient, TransportError, type UpstreamDossierFiles, type UpstreamPaperFile } from '../../protocol';

export const upstreamFiles = createUpstreamFilesClient({ baseUrl: typeof location === 'undefined' ? '' : location.origin });

export type OpenedUpstreamFile = { readonly bytes: Uint8Array; readonly type: string };

/** The bytes of `paper`'s file of `dossier`; a TransportError when the server refuses (404: not uploaded yet). */
export async function openUpstreamFile(token: string, dossier: UpstreamDossierFiles, paper: UpstreamPaperFile): Promise<OpenedUpstreamFile> {
  if (!paper.file) throw new TransportError(404, 'invalid', 'this paper has no file');
  return upstreamFiles.open(token, dossier.commune.id, paper.file.sha256, dossier.code);
}
