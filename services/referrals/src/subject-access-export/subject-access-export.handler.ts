import { Inject, Injectable, Logger, type Provider } from '@nestjs/common';
import { actorOf, type Principal, SubjectAccessCollector, type SubjectAccessEntry, type SubjectAccessHoldings, SubjectNotFoundError } from '@stepwell/access';
import { CommandHandler, requestMetadata } from '@stepwell/commands';
import { NotFoundError } from '@stepwell/decider';
import { type Actor, EVENT_STORE, type EventStore } from '@stepwell/event-store';
import { CLOCK, type Clock } from '@stepwell/http';
import type { ReferralsConfig } from '../config';
import {
  isComplete,
  subjectAccessExportDecider,
  type SubjectAccessExportCommand,
  type SubjectAccessExportEvent,
  type SubjectAccessExportState,
  SubjectAccessExportError,
  subjectAccessExportStreamId,
} from '../domain/subject-access-export/subject-access-export.decider';
import type { ReferralsErrorCode } from '../shared/referrals-error-mappings';
import { PatientIndex } from '../shared/patient-index';

/** The five services that hold a person's data; each one's answer is a part of the export. */
export const SUBJECT_ACCESS_SERVICES = ['referrals', 'scheduling', 'consultations', 'outcomes', 'directory'] as const;

/** Base URLs of the other services, from `SUBJECT_ACCESS_SOURCES` (`name=url` items, checked by the configuration). */
export function subjectAccessSourcesOf(items: readonly string[] | undefined): Record<string, string> {
  const sources: Record<string, string> = {};
  for (const item of items ?? []) {
    const at = item.indexOf('=');
    sources[item.slice(0, at)] = item.slice(at + 1).replace(/\/+$/, '');
  }
  return sources;
}

export const SUBJECT_ACCESS_SOURCES = Symbol('SUBJECT_ACCESS_SOURCES');
export const SUBJECT_ACCESS_EXPORT_COMMANDS = Symbol('SUBJECT_ACCESS_EXPORT_COMMANDS');
export const subjectAccessExportProviders = (config: ReferralsConfig): Provider[] => [
  { provide: SUBJECT_ACCESS_SOURCES, useValue: subjectAccessSourcesOf(config.SUBJECT_ACCESS_SOURCES) },
  { provide: SUBJECT_ACCESS_EXPORT_COMMANDS, useFactory: (store: EventStore) => new CommandHandler(store, subjectAccessExportDecider), inject: [EVENT_STORE] },
];

type Commands = CommandHandler<SubjectAccessExportCommand, SubjectAccessExportEvent, SubjectAccessExportState>;
type Open = Exclude<SubjectAccessExportState, { status: 'None' }>;

export interface SubjectAccessExportView {
  id: string;
  patientSubjectId: string;
  /** `gathering` (sources outstanding), `incomplete` (a source failed: retry), `ready` (complete, not released), `released`. */
  status: 'gathering' | 'incomplete' | 'ready' | 'released';
  progress: { done: number; total: number };
  sources: Array<{ service: string; status: 'pending' | 'collected' | 'failed'; failure?: string; entries?: number }>;
  redactions: Array<{ entryId: string; reason: string }>;
  requestedAt: string;
  releasedAt: string | null;
}

export interface SubjectAccessBundle {
  exportId: string;
  patientSubjectId: string;
  lawfulBasis: string;
  requestedAt: string;
  releasedAt: string;
  services: Array<{ service: string; generatedAt: string; entries: SubjectAccessEntry[]; accessLog: SubjectAccessHoldings['accessLog'] }>;
  /** Services that answered that they know no relationship of this organisation with the person: asked, nothing given. */
  notAnswered: Array<{ service: string; failure: string }>;
  /** Questionnaire scores over time (outcomes' responses), for the chart. */
  measures: Array<{ questionnaire: string; at: string; total: number }>;
}

/** A service that answered 404: no relationship of the caller's organisation with the person there (or no record). */
export const NOT_KNOWN = 'not-known-to-service';

export const REDACTED = (reason: string): string => `[redacted: ${reason}]`;

function viewOf(state: Open): SubjectAccessExportView {
  const sources = Object.entries(state.sources).map(([service, source]) =>
    source.status === 'collected'
      ? { service, status: source.status, entries: source.entryIds.length }
      : source.status === 'failed'
        ? { service, status: source.status, failure: source.failure }
        : { service, status: source.status },
  );
  const done = sources.filter((source) => source.status === 'collected').length;
  const status =
    state.status === 'Released'
      ? 'released'
      : sources.some((s) => s.status === 'pending')
        ? 'gathering'
        : isComplete(state, NOT_KNOWN)
          ? 'ready'
          : 'incomplete';
  return {
    id: state.exportId,
    patientSubjectId: state.patientSubjectId,
    status,
    progress: { done, total: sources.length },
    sources,
    redactions: Object.entries(state.redactions).map(([entryId, reason]) => ({ entryId, reason })),
    requestedAt: state.requestedAt,
    releasedAt: state.releasedAt,
  };
}

const notFound = (): NotFoundError<ReferralsErrorCode> => new NotFoundError<ReferralsErrorCode>('SUBJECT_ACCESS_EXPORT_NOT_FOUND', 'No such subject access export');

/**
 * The subject access export (issue 15 item 4): recorded as events, gathered from every service with the caller's own
 * token (each service decides and audits its own part), then redacted and released by the privacy officer.
 */
@Injectable()
export class SubjectAccessExports {
  private readonly logger = new Logger('SubjectAccessExports');
  /** Exports being gathered by this instance (a retry while one runs does not start a second). */
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    @Inject(SUBJECT_ACCESS_EXPORT_COMMANDS) private readonly commands: Commands,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SubjectAccessCollector) private readonly collector: SubjectAccessCollector,
    @Inject(SUBJECT_ACCESS_SOURCES) private readonly sources: Record<string, string>,
    private readonly index: PatientIndex,
  ) {}

  private async open(patientSubjectId: string, exportId: string): Promise<{ state: Open; revision: number }> {
    const { state, revision } = await this.commands.load(subjectAccessExportStreamId(exportId));
    // Another person's export answers as unknown: the route's access decision was about this person.
    if (state.status === 'None' || revision === null || state.patientSubjectId !== patientSubjectId) throw notFound();
    return { state, revision };
  }

  private async run(exportId: string, command: SubjectAccessExportCommand, patientSubjectId: string, actor: Actor, correlationId: string) {
    return this.commands.handle(subjectAccessExportStreamId(exportId), command, { metadata: requestMetadata(correlationId, this.clock.now(), actor, patientSubjectId) });
  }

  async request(
    patientSubjectId: string,
    exportId: string,
    caller: { principal: Principal; authorization: string; correlationId: string },
  ): Promise<{ view: SubjectAccessExportView; revision: number }> {
    const actor = actorOf(caller.principal, ['privacy-officer']);
    const result = await this.run(
      exportId,
      { type: 'RequestSubjectAccessExport', data: { exportId, patientSubjectId, sources: [...SUBJECT_ACCESS_SERVICES], requestedAt: this.clock.now() } },
      patientSubjectId,
      actor,
      caller.correlationId,
    );
    if (result.state.status === 'None' || result.state.patientSubjectId !== patientSubjectId) throw notFound();
    this.startGathering(exportId, patientSubjectId, caller);
    return { view: viewOf(result.state), revision: result.revision ?? 0 };
  }

  async read(patientSubjectId: string, exportId: string): Promise<{ view: SubjectAccessExportView; revision: number }> {
    const { state, revision } = await this.open(patientSubjectId, exportId);
    return { view: viewOf(state), revision };
  }

  /** Gathers again every source not yet collected (a failed or unreachable service). */
  async retry(patientSubjectId: string, exportId: string, caller: { principal: Principal; authorization: string; correlationId: string }) {
    await this.open(patientSubjectId, exportId);
    const result = await this.run(
      exportId,
      { type: 'RetrySubjectAccessGathering', data: { at: this.clock.now() } },
      patientSubjectId,
      actorOf(caller.principal, ['privacy-officer']),
      caller.correlationId,
    );
    // Every source not collected is asked again (also one left pending by an instance that stopped mid-way).
    this.startGathering(exportId, patientSubjectId, caller);
    return { view: viewOf(result.state as Open), revision: result.revision ?? 0 };
  }

  async markRedaction(patientSubjectId: string, exportId: string, entryId: string, reason: string, caller: { principal: Principal; correlationId: string }) {
    await this.open(patientSubjectId, exportId);
    const result = await this.run(
      exportId,
      { type: 'MarkEntryForRedaction', data: { entryId, reason, at: this.clock.now() } },
      patientSubjectId,
      actorOf(caller.principal, ['privacy-officer']),
      caller.correlationId,
    );
    return { view: viewOf(result.state as Open), revision: result.revision ?? 0 };
  }

  async release(patientSubjectId: string, exportId: string, caller: { principal: Principal; correlationId: string }) {
    await this.open(patientSubjectId, exportId);
    const result = await this.run(
      exportId,
      { type: 'ReleaseSubjectAccessExport', data: { at: this.clock.now(), settledFailure: NOT_KNOWN } },
      patientSubjectId,
      actorOf(caller.principal, ['privacy-officer']),
      caller.correlationId,
    );
    return { view: viewOf(result.state as Open), revision: result.revision ?? 0 };
  }

  /** The released export, redacted entries replaced by `[redacted: reason]` (their date, service and id stay). */
  async bundle(patientSubjectId: string, exportId: string): Promise<SubjectAccessBundle> {
    const { state } = await this.open(patientSubjectId, exportId);
    if (state.status !== 'Released' || state.releasedAt === null) {
      throw new SubjectAccessExportError('SUBJECT_ACCESS_EXPORT_NOT_RELEASED', 'The export is not released yet');
    }
    const services: SubjectAccessBundle['services'] = [];
    const measures: SubjectAccessBundle['measures'] = [];
    const notAnswered: SubjectAccessBundle['notAnswered'] = [];
    for (const [service, source] of Object.entries(state.sources)) {
      if (source.status === 'failed') notAnswered.push({ service, failure: source.failure });
      if (source.status !== 'collected') continue;
      const holdings = source.holdings as unknown as SubjectAccessHoldings;
      const entries = holdings.entries.map((entry) => {
        const reason = state.redactions[entry.entryId];
        return reason === undefined ? entry : { ...entry, summary: REDACTED(reason), data: REDACTED(reason) };
      });
      for (const entry of entries) {
        const data = entry.data as Record<string, unknown> | string;
        if (entry.type === 'ResponseRecorded' && typeof data === 'object' && typeof data['total'] === 'number') {
          const at = typeof data['completedAt'] === 'string' ? data['completedAt'] : entry.occurredAt;
          measures.push({ questionnaire: String(data['questionnaireCode']), at, total: data['total'] });
        }
      }
      services.push({ service, generatedAt: holdings.generatedAt, entries, accessLog: holdings.accessLog });
    }
    return {
      exportId,
      patientSubjectId,
      lawfulBasis: 'UK GDPR Article 15 (right of access); ICO guidance "Right of access"',
      requestedAt: state.requestedAt,
      releasedAt: state.releasedAt,
      services,
      notAnswered,
      measures,
    };
  }

  private startGathering(exportId: string, patientSubjectId: string, caller: { principal: Principal; authorization: string; correlationId: string }): void {
    if (this.running.has(exportId)) return;
    const run = this.gather(exportId, patientSubjectId, caller)
      .catch((error: unknown) => this.logger.warn(`subject access export ${exportId} stopped gathering: ${error instanceof Error ? error.name : 'error'}`))
      .finally(() => this.running.delete(exportId));
    this.running.set(exportId, run);
  }

  /** For tests and shutdown: resolves once this instance's gathering of the export is over. */
  async settled(exportId: string): Promise<void> {
    await this.running.get(exportId);
  }

  private async gather(exportId: string, patientSubjectId: string, caller: { principal: Principal; authorization: string; correlationId: string }): Promise<void> {
    const actor = actorOf(caller.principal, ['privacy-officer']);
    const { state } = await this.open(patientSubjectId, exportId);
    for (const [service, source] of Object.entries(state.sources)) {
      if (source.status === 'collected') continue;
      const outcome = await this.holdingsOf(service, patientSubjectId, caller);
      const command: SubjectAccessExportCommand =
        'holdings' in outcome
          ? {
              type: 'RecordSourceHoldings',
              data: { source: service, holdings: outcome.holdings as unknown as Record<string, unknown>, entryIds: outcome.holdings.entries.map((e) => e.entryId), at: this.clock.now() },
            }
          : { type: 'RecordSourceFailure', data: { source: service, failure: outcome.failure, at: this.clock.now() } };
      await this.run(exportId, command, patientSubjectId, actor, caller.correlationId);
    }
  }

  /**
   * One service's part about the person: of their record and of every record merged into it (the patient index's
   * merges, as an erasure finds them), each asked on its own and checked to be about that record, then joined into one
   * part in time order (`records` names them). A record the service does not know (404) adds nothing, unless no
   * record is known there; any other failure of any record fails the whole part (it is asked again on retry), so a
   * merged record's facts are never silently left out.
   */
  private async holdingsOf(
    service: string,
    patientSubjectId: string,
    caller: { principal: Principal; authorization: string; correlationId: string },
  ): Promise<{ holdings: SubjectAccessHoldings & { records: string[] } } | { failure: string }> {
    const records = [patientSubjectId, ...(await this.index.duplicatesOf(patientSubjectId))];
    const parts: SubjectAccessHoldings[] = [];
    for (const record of records) {
      const part = await this.recordHoldingsOf(service, record, record !== patientSubjectId, caller);
      if ('failure' in part) {
        if (part.failure === NOT_KNOWN) continue;
        return part;
      }
      parts.push(part.holdings);
    }
    if (parts.length === 0) return { failure: NOT_KNOWN };
    const byTime = <T>(at: (item: T) => string) => (a: T, b: T) => (at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : 0);
    return {
      holdings: {
        service,
        patientSubjectId,
        records: parts.map((part) => part.patientSubjectId),
        generatedAt: parts.map((part) => part.generatedAt).sort().at(-1) ?? this.clock.now(),
        entries: parts.flatMap((part) => part.entries).sort(byTime((entry) => entry.occurredAt)),
        accessLog: parts.flatMap((part) => part.accessLog).sort(byTime((entry) => entry.at)),
      },
    };
  }

  /** One record's part in one service: referrals' own in process, the others over HTTP with the caller's token. */
  private async recordHoldingsOf(
    service: string,
    patientSubjectId: string,
    merged: boolean,
    caller: { principal: Principal; authorization: string; correlationId: string },
  ): Promise<{ holdings: SubjectAccessHoldings } | { failure: string }> {
    let holdings: SubjectAccessHoldings;
    if (service === 'referrals') {
      try {
        holdings = await this.collector.collect(caller.principal, patientSubjectId, caller.correlationId);
      } catch (error) {
        // A merged record outside the caller's organisation's relationships: as another service's 404.
        if (error instanceof SubjectNotFoundError && merged) return { failure: NOT_KNOWN };
        throw error;
      }
    } else {
      const base = this.sources[service];
      if (base === undefined) return { failure: 'not-configured' };
      try {
        const response = await fetch(`${base}/patients/${encodeURIComponent(patientSubjectId)}/subject-access`, {
          headers: { authorization: caller.authorization, 'x-correlation-id': caller.correlationId, accept: 'application/json' },
          signal: AbortSignal.timeout(60_000),
        });
        // 404: the service knows no relationship of the caller's organisation with the person (or not the person).
        // Recorded as such, and named in the bundle: never passed off as "holds nothing".
        if (response.status === 404) return { failure: NOT_KNOWN };
        if (!response.ok) return { failure: `http-${response.status}` };
        holdings = (await response.json()) as SubjectAccessHoldings;
      } catch {
        return { failure: 'unreachable' };
      }
    }
    // Never another person's data in this export (hazard H-SAR1): a part about anyone else is refused whole.
    if (holdings.patientSubjectId !== patientSubjectId || !Array.isArray(holdings.entries) || !Array.isArray(holdings.accessLog)) return { failure: 'wrong-subject' };
    return { holdings: { ...holdings, service } };
  }
}
