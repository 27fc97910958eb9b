import { Inject, Injectable } from '@nestjs/common';
import type { CommandHandler } from '@stepwell/commands';
import { pageEnvelope, pageOffset, type Page } from '@stepwell/http';
import { DataSource, In, IsNull, Not } from 'typeorm';
import { referralStreamId, type ReferralCommand, type ReferralEvent, type ReferralState } from '../domain/referral.decider';
import { CareThreadRefusalRow, CareThreadRow } from '../read-models/care-thread.entities';
import { OrganisationRow } from '../shared/organisation-row.entity';
import { REFERRAL_COMMANDS } from '../shared/referral-commands';
import type { CareThreadDecisionView, CareThreadListQuery, CareThreadView } from './care-thread.view';

const VERBS: Record<string, string> = {
  decline: 'Declined by',
  'return-with-advice': 'Returned with advice by',
  signpost: 'Signposted elsewhere by',
  'refer-on': 'Referred on by',
};

/**
 * The referring organisation's view of its care threads: the rows of the care-threads projection, each decision's
 * free text read from the referral's own stream (sealed with the person's key there, so an erasure reaches it).
 */
@Injectable()
export class CareThreadQuery {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REFERRAL_COMMANDS) private readonly referrals: CommandHandler<ReferralCommand, ReferralEvent, ReferralState>,
  ) {}

  async list(query: CareThreadListQuery): Promise<Page<CareThreadView>> {
    const where = {
      referringOrganisationId: query.organisation,
      status: query.status ?? 'open',
      ...(query.overdue === undefined ? {} : { overdueAt: query.overdue === 'true' ? Not(IsNull()) : IsNull() }),
    };
    const [rows, total] = await this.dataSource.getRepository(CareThreadRow).findAndCount({
      where,
      order: { openedAt: 'ASC', threadId: 'ASC' },
      skip: pageOffset(query),
      take: query.pageSize,
    });
    const views: CareThreadView[] = [];
    for (const row of rows) views.push(await this.viewOf(row));
    return pageEnvelope(views, query, total);
  }

  async row(threadId: string): Promise<CareThreadRow | null> {
    return this.dataSource.getRepository(CareThreadRow).findOneBy({ threadId });
  }

  async viewOf(row: CareThreadRow): Promise<CareThreadView> {
    const refusals = await this.dataSource.getRepository(CareThreadRefusalRow).find({ where: { threadId: row.threadId }, order: { decidedAt: 'ASC', referralId: 'ASC' } });
    const codes = [...new Set(refusals.flatMap((r) => [r.refusingOrganisationId, String(r.details['destinationOrganisationId'] ?? '')]).filter((c) => c !== ''))];
    const names = new Map(
      (codes.length === 0 ? [] : await this.dataSource.getRepository(OrganisationRow).findBy({ code: In(codes) })).map((o) => [o.code, o.name]),
    );
    const decisions: CareThreadDecisionView[] = [];
    for (const refusal of refusals) decisions.push(await this.decisionOf(refusal, names.get(refusal.refusingOrganisationId) ?? null));
    const resolution = row.resolution;
    return {
      id: row.threadId,
      patientSubjectId: row.patientSubjectId,
      referringOrganisationId: row.referringOrganisationId,
      status: row.status,
      openedAt: row.openedAt.toISOString(),
      firstReferralReceivedAt: row.firstReferralReceivedAt.toISOString(),
      riskIndicated: row.riskIndicated,
      overdue: row.overdueAt !== null,
      flaggedAt: row.flaggedAt?.toISOString() ?? null,
      task:
        row.status === 'open' && row.overdueAt !== null
          ? { kind: 'no-acceptance-yet', dueAt: (row.overdueDueAt ?? row.overdueAt).toISOString(), since: row.overdueAt.toISOString(), text: taskText(decisions, names) }
          : null,
      resolvedAt: row.resolvedAt?.toISOString() ?? null,
      resolution:
        row.resolvedHow === 'care-accepted' && resolution
          ? { how: 'care-accepted', source: String(resolution['source']), sourceId: String(resolution['sourceId']), acceptingOrganisationId: String(resolution['acceptingOrganisationId']) }
          : row.resolvedHow === 'closed-by-referrer' && resolution
            ? { how: 'closed-by-referrer', closeReason: String(resolution['closeReason']), closedBy: resolution['closedBy'] as { organisationId: string; role: string } }
            : null,
      decisions,
    };
  }

  private async decisionOf(refusal: CareThreadRefusalRow, organisationName: string | null): Promise<CareThreadDecisionView> {
    const { state } = await this.referrals.load(referralStreamId(refusal.referralId));
    const decision = state.status === 'Triaged' ? state.decision : null;
    const details = refusal.details as {
      referOnDestination: string | null;
      destinationOrganisationId: string | null;
      signpostedService: string | null;
      directoryServiceId: string | null;
      decidedBy: { organisationId: string; role: string };
    };
    let why: string | null = null;
    let advice: string | null = null;
    if (decision?.outcome === 'decline') why = decision.text;
    else if (decision?.outcome === 'return-with-advice') advice = decision.advice;
    else if (decision?.outcome === 'signpost' || decision?.outcome === 'refer-on') why = decision.note;
    return {
      referralId: refusal.referralId,
      outcome: refusal.outcome,
      organisationId: refusal.refusingOrganisationId,
      organisationName,
      decidedBy: details.decidedBy,
      decidedAt: refusal.decidedAt.toISOString(),
      referralReceivedAt: refusal.referralReceivedAt.toISOString(),
      declineReason: refusal.declineReason,
      why,
      advice,
      signpostedService: details.signpostedService,
      directoryServiceId: details.directoryServiceId,
      referOnDestination: details.referOnDestination,
      destinationOrganisationId: details.destinationOrganisationId,
      riskIndicated: refusal.riskIndicated,
    };
  }
}

/** "Declined by Example NHS Talking Therapies on 2026-11-02, referred on by … on …, no acceptance yet": codes and names of organisations only. */
function taskText(decisions: CareThreadDecisionView[], names: ReadonlyMap<string, string>): string {
  const steps = decisions.map((d, index) => {
    const verb = VERBS[d.outcome] ?? d.outcome;
    const text = `${index === 0 ? verb : verb.charAt(0).toLowerCase() + verb.slice(1)} ${d.organisationName ?? d.organisationId} on ${d.decidedAt.slice(0, 10)}`;
    return d.destinationOrganisationId ? `${text} (to ${names.get(d.destinationOrganisationId) ?? d.destinationOrganisationId})` : text;
  });
  return `${steps.join(', ')}, no acceptance yet`;
}
