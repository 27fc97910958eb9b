import { assertNever, type Decider, DomainError, type PersonalFieldsOf } from '@stepwell/decider';

/**
 * A subject access export (UK GDPR Art. 15; ICO "Right of access" guidance): the privacy officer of an organisation
 * in the person's care asks for everything the platform holds about them; each service's holdings are gathered and
 * recorded here (sealed with the person's key, so an erasure erases the export too), entries holding third-party
 * information can be marked for redaction, and only a complete, released export is handed out. One stream per export
 * (`subject-access-export-<id>`). Pure: time and ids arrive in the command.
 */
export type SourceHoldings = Readonly<Record<string, unknown>>;

export type SubjectAccessExportCommand =
  | { type: 'RequestSubjectAccessExport'; data: { exportId: string; patientSubjectId: string; sources: readonly string[]; requestedAt: string } }
  | { type: 'RecordSourceHoldings'; data: { source: string; holdings: SourceHoldings; entryIds: readonly string[]; at: string } }
  | { type: 'RecordSourceFailure'; data: { source: string; failure: string; at: string } }
  | { type: 'MarkEntryForRedaction'; data: { entryId: string; reason: string; at: string } }
  | { type: 'RetrySubjectAccessGathering'; data: { at: string } }
  | { type: 'ReleaseSubjectAccessExport'; data: { at: string; settledFailure: string } };

export type SubjectAccessExportEvent =
  | { type: 'SubjectAccessExportRequested'; data: { exportId: string; patientSubjectId: string; sources: readonly string[]; requestedAt: string } }
  | { type: 'SubjectAccessSourceCollected'; data: { source: string; holdings: SourceHoldings; entryIds: readonly string[]; at: string } }
  /** `failure`: an HTTP status or `unreachable`, never a body (it could carry someone's data). */
  | { type: 'SubjectAccessSourceFailed'; data: { source: string; failure: string; at: string } }
  | { type: 'SubjectAccessEntryRedactionMarked'; data: { entryId: string; reason: string; at: string } }
  /** The failed sources are asked again: pending until they answer. */
  | { type: 'SubjectAccessGatheringRetried'; data: { sources: readonly string[]; at: string } }
  | { type: 'SubjectAccessExportReleased'; data: { at: string } };

/** The gathered holdings and the redaction reasons are the person's data (and third parties'): sealed (issue 15). */
export const SUBJECT_ACCESS_EXPORT_PERSONAL_FIELDS = {
  SubjectAccessSourceCollected: ['holdings'],
  SubjectAccessEntryRedactionMarked: ['reason'],
} as const satisfies PersonalFieldsOf<SubjectAccessExportEvent>;

export type SourceStatus = { status: 'pending' } | { status: 'collected'; holdings: SourceHoldings; entryIds: readonly string[] } | { status: 'failed'; failure: string };

export type SubjectAccessExportState =
  | { status: 'None' }
  | {
      /** `Gathering` until released; complete when every source is collected. */
      status: 'Gathering' | 'Released';
      exportId: string;
      patientSubjectId: string;
      requestedAt: string;
      sources: Readonly<Record<string, SourceStatus>>;
      /** Entry id → why it is withheld (third-party information). */
      redactions: Readonly<Record<string, string>>;
      releasedAt: string | null;
    };

export class SubjectAccessExportError extends DomainError {}

/**
 * Every source answered: collected, or (when `settledFailure` is given) answered that failure — a service that knows
 * no relationship of the organisation with the person (404), which the bundle names. An unreachable or failing
 * service is never complete: the export is retried, not released without it.
 */
export const isComplete = (state: SubjectAccessExportState, settledFailure?: string): boolean =>
  state.status !== 'None' &&
  Object.values(state.sources).every((source) => source.status === 'collected' || (source.status === 'failed' && source.failure === settledFailure));

function decide(command: SubjectAccessExportCommand, state: SubjectAccessExportState): SubjectAccessExportEvent[] {
  switch (command.type) {
    case 'RequestSubjectAccessExport':
      if (state.status !== 'None') return [];
      return [{ type: 'SubjectAccessExportRequested', data: command.data }];
    case 'RecordSourceHoldings': {
      if (state.status === 'None') throw new SubjectAccessExportError('ILLEGAL_TRANSITION', 'No such export');
      // Once released, the export is what was handed out: a late answer changes nothing.
      if (state.status === 'Released' || state.sources[command.data.source] === undefined) return [];
      return [{ type: 'SubjectAccessSourceCollected', data: command.data }];
    }
    case 'RecordSourceFailure': {
      if (state.status !== 'Gathering') return [];
      const current = state.sources[command.data.source];
      if (current === undefined || current.status === 'collected') return [];
      if (current.status === 'failed' && current.failure === command.data.failure) return [];
      return [{ type: 'SubjectAccessSourceFailed', data: command.data }];
    }
    case 'MarkEntryForRedaction': {
      if (state.status === 'None') throw new SubjectAccessExportError('ILLEGAL_TRANSITION', 'No such export');
      if (state.status === 'Released') throw new SubjectAccessExportError('SUBJECT_ACCESS_EXPORT_RELEASED', 'The export was released: it is what the person received');
      const known = Object.values(state.sources).some((source) => source.status === 'collected' && source.entryIds.includes(command.data.entryId));
      if (!known) throw new SubjectAccessExportError('SUBJECT_ACCESS_ENTRY_NOT_FOUND', 'No entry with that id in this export', { field: 'entryId' });
      if (state.redactions[command.data.entryId] === command.data.reason) return [];
      return [{ type: 'SubjectAccessEntryRedactionMarked', data: command.data }];
    }
    case 'RetrySubjectAccessGathering': {
      if (state.status === 'None') throw new SubjectAccessExportError('ILLEGAL_TRANSITION', 'No such export');
      if (state.status === 'Released') throw new SubjectAccessExportError('SUBJECT_ACCESS_EXPORT_RELEASED', 'The export was released');
      const failed = Object.entries(state.sources).filter(([, source]) => source.status === 'failed').map(([name]) => name);
      return failed.length === 0 ? [] : [{ type: 'SubjectAccessGatheringRetried', data: { sources: failed, at: command.data.at } }];
    }
    case 'ReleaseSubjectAccessExport':
      if (state.status === 'None') throw new SubjectAccessExportError('ILLEGAL_TRANSITION', 'No such export');
      if (state.status === 'Released') return [];
      // Never silently incomplete: a source not (yet) collected stops the release; retry gathering first.
      if (!isComplete(state, command.data.settledFailure)) throw new SubjectAccessExportError('SUBJECT_ACCESS_EXPORT_INCOMPLETE', 'Some services’ holdings are not gathered yet');
      return [{ type: 'SubjectAccessExportReleased', data: { at: command.data.at } }];
    default:
      return assertNever(command);
  }
}

function evolve(state: SubjectAccessExportState, event: SubjectAccessExportEvent): SubjectAccessExportState {
  switch (event.type) {
    case 'SubjectAccessExportRequested':
      return {
        status: 'Gathering',
        exportId: event.data.exportId,
        patientSubjectId: event.data.patientSubjectId,
        requestedAt: event.data.requestedAt,
        sources: Object.fromEntries(event.data.sources.map((source) => [source, { status: 'pending' } as SourceStatus])),
        redactions: {},
        releasedAt: null,
      };
    case 'SubjectAccessSourceCollected':
      if (state.status === 'None') return state;
      return { ...state, sources: { ...state.sources, [event.data.source]: { status: 'collected', holdings: event.data.holdings, entryIds: event.data.entryIds } } };
    case 'SubjectAccessSourceFailed':
      if (state.status === 'None') return state;
      return { ...state, sources: { ...state.sources, [event.data.source]: { status: 'failed', failure: event.data.failure } } };
    case 'SubjectAccessEntryRedactionMarked':
      if (state.status === 'None') return state;
      return { ...state, redactions: { ...state.redactions, [event.data.entryId]: event.data.reason } };
    case 'SubjectAccessGatheringRetried': {
      if (state.status === 'None') return state;
      const sources = { ...state.sources };
      for (const source of event.data.sources) sources[source] = { status: 'pending' };
      return { ...state, sources };
    }
    case 'SubjectAccessExportReleased':
      if (state.status === 'None') return state;
      return { ...state, status: 'Released', releasedAt: event.data.at };
    default:
      return assertNever(event);
  }
}

export const subjectAccessExportDecider: Decider<SubjectAccessExportCommand, SubjectAccessExportEvent, SubjectAccessExportState> = {
  initialState: { status: 'None' },
  decide,
  evolve,
};

export const subjectAccessExportStreamId = (exportId: string): string => `subject-access-export-${exportId}`;
