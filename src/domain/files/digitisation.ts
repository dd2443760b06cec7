/**
 * DIG1: a paper of the dossier is digitised when a file of all its pages is attached; a dossier is
 * digitised fully when every paper received has its file; its result is digitised when a result
 * file is attached. REP1a: "as of" a moment counts only the files attached by then.
 */
import type { DossierState, AttachedFile } from '../dossier/state';
import type { Instant } from '../time/vnTime';

export type PaperDigitisation = {
  readonly paperCode: string;
  readonly name: string;
  /** The newest file of this paper, or null when it has none yet. */
  readonly file: AttachedFile | null;
};

export type Digitisation = {
  readonly papers: readonly PaperDigitisation[];
  /** Every paper received has a file (a dossier that listed no paper needs one paper file). */
  readonly fully: boolean;
  readonly missing: number;
  /** A result exists (resolved or returned) and so should be digitised. */
  readonly resultExpected: boolean;
  readonly resultFile: AttachedFile | null;
};

const filesOf = (s: DossierState, asOf: Instant): readonly AttachedFile[] => (s.files ?? []).filter((f) => f.at <= asOf);

export function digitisationOf(s: DossierState, asOf: Instant = Number.MAX_SAFE_INTEGER): Digitisation {
  const files = filesOf(s, asOf);
  const paperFiles = files.filter((f) => f.kind === 'paper');
  const newest = (code: string) => paperFiles.filter((f) => f.paperCode === code).at(-1) ?? null;
  const papers = s.papers.filter((p) => p.count > 0).map((p) => ({ paperCode: p.paperId, name: p.name, file: newest(p.paperId) }));
  const missing = papers.filter((p) => p.file === null).length;
  const fully = papers.length > 0 ? missing === 0 : paperFiles.length > 0;
  const resultAt = s.resolvedAt ?? s.returnedAt;
  return {
    papers,
    fully,
    missing: papers.length > 0 ? missing : fully ? 0 : 1,
    resultExpected: resultAt !== null && resultAt <= asOf,
    resultFile: files.filter((f) => f.kind === 'result').at(-1) ?? null,
  };
}

/** The work queue's "chưa số hóa đủ": a dossier taken in (not refused) with a paper still without a file. */
export function needsDigitising(s: DossierState): boolean {
  return s.intakeOutcome !== 'refused' && !digitisationOf(s).fully;
}
