import { Injectable } from '@nestjs/common';
import { pageEnvelope, pageOffset } from '@stepwell/http';
import { DataSource } from 'typeorm';
import { ReferralQueueRow } from '../read-models/referral-queue.entity';
import type { TriageQueueQuery } from './triage-queue.query-params';
import type { TriageQueuePage } from './triage-queue.view';

const DAY_MS = 86_400_000;

@Injectable()
export class TriageQueueQueryService {
  constructor(private readonly dataSource: DataSource) {}

  /** Urgent triage first, then by urgency, then the longest wait; ties by id so pages never overlap. */
  async run(query: TriageQueueQuery, now: Date): Promise<TriageQueuePage> {
    const where = {
      receivingOrganisation: query.organisation,
      status: query.status ?? 'awaiting-triage',
      ...(query.urgency ? { urgency: query.urgency } : {}),
    };
    const [rows, total] = await this.dataSource.getRepository(ReferralQueueRow).findAndCount({
      where,
      order: { urgentTriage: 'DESC', urgencyRank: 'ASC', receivedAt: 'ASC', referralId: 'ASC' },
      skip: pageOffset(query),
      take: query.pageSize,
    });
    return pageEnvelope(
      rows.map((row) => ({
        id: row.referralId,
        patientSubjectId: row.patientSubjectId,
        status: row.status,
        source: row.source,
        urgency: row.urgency,
        urgentTriage: row.urgentTriage,
        incomplete: row.incomplete,
        missingFields: [...row.missingFields],
        possibleDuplicate: row.possibleDuplicate,
        receivedAt: row.receivedAt.toISOString(),
        daysWaited: Math.max(0, Math.floor((now.getTime() - row.receivedAt.getTime()) / DAY_MS)),
      })),
      query,
      total,
    );
  }
}
