import { Injectable } from '@nestjs/common';
import { isInstant } from '@stepwell/contracts';
import { DomainError } from '@stepwell/decider';
import type { Actor } from '@stepwell/event-store';
import { RequestValidationError } from '@stepwell/http';
import { MAX_PLACES, MAX_WAIT_DAYS, type OrukKind } from '../domain';
import { CAPACITY_FIELD, FEED_SECTIONS } from './directory-feed';
import { ListingWriter } from './listing-writer';

export interface ImportRejection {
  kind: OrukKind;
  /** Position in its section of the feed (from 0). */
  index: number;
  id: string | null;
  reasons: string[];
}

export interface ImportReport {
  records: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: ImportRejection[];
  /** Fields of the feed the directory does not keep, with how many records carried each. */
  ignoredFields: Record<string, number>;
}

export interface ImportOptions {
  /** The Stepwell organisation (ODS code) that owns new listings; existing listings keep their owner. */
  owner: string;
  actor: Actor;
  correlationId: string;
  /** Called after each record with the counts so far (the command prints a line every so often). */
  onProgress?: (done: number, total: number, report: ImportReport) => void;
}

interface Pending {
  kind: OrukKind;
  index: number;
  input: Record<string, unknown>;
}

type Outcome = { result: 'created' | 'updated' | 'unchanged'; ignored: string[] } | { result: 'rejected'; reasons: string[]; retry: boolean };

const reasonsOf = (error: unknown): { reasons: string[]; retry: boolean } | null => {
  if (error instanceof RequestValidationError) return { reasons: error.errors.flatMap((e) => e.messages), retry: false };
  if (error instanceof DomainError) return { reasons: [`${error.code}: ${error.message}`], retry: error.code === 'UNKNOWN_REFERENCE' };
  return null;
};

/**
 * Loads an Open Referral UK / HSDS feed idempotently through the same write path as the editor API (one event per
 * new or changed record, nothing for an unchanged one). Sections load in dependency order; a record naming one that
 * comes later in the feed (a child term before its parent) is tried again after the others, until nothing more loads.
 * A malformed record is rejected with its reasons and the rest go on. Run by the directory's operators: new listings
 * are owned by `owner`.
 */
@Injectable()
export class DirectoryImporter {
  constructor(private readonly writer: ListingWriter) {}

  async import(feed: unknown, options: ImportOptions): Promise<ImportReport> {
    const report: ImportReport = { records: 0, created: 0, updated: 0, unchanged: 0, rejected: [], ignoredFields: {} };
    const { pending, malformed } = this.recordsOf(feed);
    report.records = pending.length + malformed.length;
    report.rejected.push(...malformed);
    let done = malformed.length;
    let queue = pending;
    let lastReasons = new Map<Pending, string[]>();
    for (;;) {
      const retry: Pending[] = [];
      const reasons = new Map<Pending, string[]>();
      for (const item of queue) {
        const outcome = await this.one(item, options);
        if (outcome.result === 'rejected' && outcome.retry) {
          retry.push(item);
          reasons.set(item, outcome.reasons);
          continue;
        }
        done++;
        if (outcome.result === 'rejected') report.rejected.push({ kind: item.kind, index: item.index, id: this.idOf(item), reasons: outcome.reasons });
        else {
          report[outcome.result]++;
          for (const field of outcome.ignored) report.ignoredFields[`${item.kind}.${field.replace(/\[\d+\]/g, '[]')}`] = (report.ignoredFields[`${item.kind}.${field.replace(/\[\d+\]/g, '[]')}`] ?? 0) + 1;
        }
        options.onProgress?.(done, report.records, report);
      }
      lastReasons = reasons;
      // No progress: what is left names records that are nowhere in the directory or the feed.
      if (retry.length === 0 || retry.length === queue.length) {
        for (const item of retry) report.rejected.push({ kind: item.kind, index: item.index, id: this.idOf(item), reasons: lastReasons.get(item) ?? [] });
        break;
      }
      queue = retry;
    }
    report.rejected.sort((a, b) => FEED_SECTIONS.findIndex(([, k]) => k === a.kind) - FEED_SECTIONS.findIndex(([, k]) => k === b.kind) || a.index - b.index);
    return report;
  }

  private async one(item: Pending, options: ImportOptions): Promise<Outcome> {
    if (this.idOf(item) === null) return { result: 'rejected', reasons: ['id is required in a feed (an id of 1–64 letters, digits, - or _)'], retry: false };
    const { [CAPACITY_FIELD]: capacity, ...record } = item.input;
    const context = { correlationId: options.correlationId, actor: options.actor, owner: options.owner };
    try {
      if (capacity !== undefined && item.kind === 'service') {
        const problem = this.capacityProblem(capacity);
        if (problem) return { result: 'rejected', reasons: [problem], retry: false };
      }
      const written = await this.writer.record(item.kind, record, context);
      let result: 'created' | 'updated' | 'unchanged' = written.outcome === 'listed' ? 'created' : written.outcome === 'changed' ? 'updated' : 'unchanged';
      if (capacity !== undefined && item.kind === 'service') {
        const c = capacity as { places_free: number; wait_days: number; updated: string };
        const reported = await this.writer.reportCapacity(written.view.id, { placesFree: c.places_free, waitDays: c.wait_days, reportedAt: c.updated }, context);
        if (reported.appended && result === 'unchanged') result = 'updated';
      }
      return { result, ignored: written.ignored };
    } catch (error) {
      const rejected = reasonsOf(error);
      if (!rejected) throw error;
      return { result: 'rejected', ...rejected };
    }
  }

  private capacityProblem(value: unknown): string | null {
    const c = value as { places_free?: unknown; wait_days?: unknown; updated?: unknown } | null;
    const whole = (n: unknown, max: number): boolean => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= max;
    if (typeof c !== 'object' || c === null || !whole(c.places_free, MAX_PLACES) || !whole(c.wait_days, MAX_WAIT_DAYS) || !isInstant(c.updated)) {
      return `${CAPACITY_FIELD} must be { places_free: 0–${MAX_PLACES}, wait_days: 0–${MAX_WAIT_DAYS}, updated: an RFC 3339 date-time }`;
    }
    return null;
  }

  private idOf(item: Pending): string | null {
    const id = item.input['id'];
    return typeof id === 'string' && id !== '' ? id : null;
  }

  /** The feed's records in load order; a bare array is a list of services (as an ORUK `/services` page's `contents`). */
  private recordsOf(feed: unknown): { pending: Pending[]; malformed: ImportRejection[] } {
    const pending: Pending[] = [];
    const malformed: ImportRejection[] = [];
    const sections: Record<string, unknown> = Array.isArray(feed) ? { services: feed } : typeof feed === 'object' && feed !== null ? (feed as Record<string, unknown>) : {};
    for (const [section, kind] of FEED_SECTIONS) {
      const items = sections[section] ?? (section === 'services' && Array.isArray(sections['contents']) ? sections['contents'] : undefined);
      if (items === undefined) continue;
      if (!Array.isArray(items)) {
        malformed.push({ kind, index: -1, id: null, reasons: [`${section} must be an array`] });
        continue;
      }
      items.forEach((input, index) => {
        if (typeof input === 'object' && input !== null && !Array.isArray(input)) pending.push({ kind, index, input: input as Record<string, unknown> });
        else malformed.push({ kind, index, id: null, reasons: [`${section}[${index}] must be a JSON object`] });
      });
    }
    return { pending, malformed };
  }
}
