import type { StoredEventContent } from '../log/leaf';
import type { SignedTreeHead } from '../heads/tree-head';

export const REPORT_FORMAT = 'stepwell.transparency-report/1';

/** One event of a report: its stored form, its previous chain link, and its inclusion proof against the report's head. */
export interface ReportEvent extends StoredEventContent {
  leafIndex: number;
  /** Inclusion proof (hex), leaf side first, against `treeSize` of the report. */
  proof: string[];
}

/**
 * What `npm run audit -- verify` checks. `scope: 'log'`: the service's whole log up to the head (every leaf, in
 * order), so missing, inserted and reordered events show; `scope: 'events'`: some events (a case history), each
 * proven on its own.
 */
export interface TransparencyReport {
  format: typeof REPORT_FORMAT;
  log: string;
  scope: 'log' | 'events';
  /** The signed head the proofs lead to; it must also be in the heads file the auditor holds. */
  treeHead: SignedTreeHead;
  events: ReportEvent[];
}
