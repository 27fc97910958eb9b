import { READ_YOUR_WRITES_TIMEOUT_MS } from '../shared/read-your-writes';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@stepwell/access';
import { deterministicUuid } from '@stepwell/decider';
import { type CommandHandler, requestMetadata } from '@stepwell/commands';
import type { Actor } from '@stepwell/event-store';
import { CRISIS_INFORMATION, type CrisisInformation } from '@stepwell/contracts';
import { CLOCK, type Clock, RequestValidationError } from '@stepwell/http';
import {
  findQuestionnaire,
  invitationStreamId,
  type InvitationCommand,
  type InvitationEvent,
  type InvitationState,
  type InvitedQuestionnaire,
  questionnaireResponseStreamId,
  type QuestionnaireResponseCommand,
  type QuestionnaireResponseEvent,
  type QuestionnaireResponseState,
  scoreResponseTo,
  usableInvitation,
} from '../domain';
import { INVITATION_COMMANDS, RESPONSE_COMMANDS } from '../shared/outcomes-commands';
import { ProjectionRunner } from '@stepwell/read-models';
import { EpisodeDischargedError, EpisodeLookup, episodeNotFound } from '../shared/episode.lookup';
import { EpisodeOwnership } from '../shared/episode-ownership';
import { INVITATION_POLICY, type InvitationPolicy } from './invitation-policy';
import { invitationIdOf, newInvitationToken } from './invitation-token';
import type { IssueInvitationRequest, SubmitInvitationRequest } from './invitation.requests';

type Invitations = CommandHandler<InvitationCommand, InvitationEvent, InvitationState>;
type Responses = CommandHandler<QuestionnaireResponseCommand, QuestionnaireResponseEvent, QuestionnaireResponseState>;

export interface IssuedInvitation {
  id: string;
  patientSubjectId: string;
  episodeId: string;
  /** The single-use link's path; the token is shown once and never stored. */
  link: string;
  token: string;
  questionnaires: readonly InvitedQuestionnaire[];
  expiresAt: string;
}

@Injectable()
export class InvitationsHandler {
  constructor(
    @Inject(INVITATION_COMMANDS) private readonly invitations: Invitations,
    @Inject(RESPONSE_COMMANDS) private readonly responses: Responses,
    private readonly episodes: EpisodeLookup,
    private readonly ownership: EpisodeOwnership,
    private readonly readModels: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(INVITATION_POLICY) private readonly policy: InvitationPolicy,
  ) {}

  async issue(request: IssueInvitationRequest, context: { correlationId: string; actor: Actor; principal: Principal }): Promise<IssuedInvitation> {
    // Each named questionnaire must be one we can score (throws UNKNOWN_QUESTIONNAIRE / QUESTIONNAIRE_NOT_SUPPORTED).
    const questionnaires = request.questionnaires.map((q) => {
      const definition = findQuestionnaire(q.code.toUpperCase(), q.version);
      return { code: definition.code, version: definition.version };
    });
    if (new Set(questionnaires.map((q) => q.code)).size !== questionnaires.length) {
      throw new RequestValidationError([{ field: 'questionnaires', messages: ['each questionnaire may be named once'] }]);
    }
    // Only the episode's provider invites the person to record measures to it.
    await this.ownership.assertProvider(context, await this.episodes.find(request.episodeId), {
      patientSubjectId: request.patientSubjectId,
      open: true,
      resource: 'questionnaire-invitation',
    });
    const token = newInvitationToken();
    const invitationId = invitationIdOf(token);
    const now = new Date(this.clock.now());
    const issuedAt = now.toISOString();
    const expiresAt = new Date(now.getTime() + this.policy.validHours * 3_600_000).toISOString();
    await this.invitations.handle(
      invitationStreamId(invitationId),
      {
        type: 'IssueInvitation',
        data: {
          invitationId,
          patientSubjectId: request.patientSubjectId,
          episodeId: request.episodeId,
          appointmentId: request.appointmentId ?? null,
          questionnaires,
          organisationId: context.actor.organisationId,
          issuedAt,
          expiresAt,
        },
      },
      { metadata: requestMetadata(context.correlationId, issuedAt, context.actor, request.patientSubjectId) },
    );
    return { id: invitationId, patientSubjectId: request.patientSubjectId, episodeId: request.episodeId, link: `/q/${token}`, token, questionnaires, expiresAt };
  }

  /** What the form shows: the questionnaires, nothing about the patient. Refuses a used, expired or unknown link. */
  async open(token: string): Promise<{ questionnaires: readonly InvitedQuestionnaire[]; expiresAt: string }> {
    const { state } = await this.invitations.load(invitationStreamId(invitationIdOf(token)));
    const invitation = usableInvitation(state, this.clock.now());
    return { questionnaires: invitation.questionnaires, expiresAt: invitation.expiresAt };
  }

  /**
   * Scores every response first (one invalid answer refuses the whole submission and stores nothing), then records
   * each with an id derived from the invitation (a retry after a crash re-appends the same events), then uses the
   * link up. A risk answer raises its alert exactly as in a session, and the person is shown crisis information at
   * once in the answer (issue 12 item 10: `crisisInformation`, the one versioned text in @stepwell/contracts).
   * Like a session's response, it answers once the responses are in the read models (issue 12 item 12).
   */
  async submit(
    token: string,
    request: SubmitInvitationRequest,
    correlationId: string,
  ): Promise<{ received: { questionnaireCode: string }[]; crisisInformation: CrisisInformation | null }> {
    const invitationId = invitationIdOf(token);
    const streamId = invitationStreamId(invitationId);
    const { state } = await this.invitations.load(streamId);
    const now = this.clock.now();
    const invitation = usableInvitation(state, now);
    const invited = invitation.questionnaires.map((q) => `${q.code}@${q.version}`).sort();
    const given = request.responses.map((r) => `${r.questionnaireCode}@${r.questionnaireVersion}`).sort();
    if (JSON.stringify(invited) !== JSON.stringify(given)) {
      throw new RequestValidationError([{ field: 'responses', messages: [`answer exactly these questionnaires, once each: ${invited.join(', ')}`] }]);
    }
    const scored = request.responses.map((response) => scoreResponseTo(response.questionnaireCode, response.questionnaireVersion, response.answers));
    const riskSignalled = scored.some((s) => s.riskSignals.length > 0);
    const episode = await this.openEpisodeOf(invitation.episodeId, invitation.patientSubjectId);
    const alertClinician = await this.episodes.namedClinicianFor(episode, invitation.appointmentId, null);

    const actor: Actor = { userId: `questionnaire-link:${invitationId}`, organisationId: invitation.organisationId, role: 'patient' };
    const metadata = requestMetadata(correlationId, now, actor, invitation.patientSubjectId);
    const responseIds: string[] = [];
    for (const response of request.responses) {
      const responseId = deterministicUuid(`outcomes/invitation/${invitationId}/${response.questionnaireCode}`);
      responseIds.push(responseId);
      await this.responses.handle(
        questionnaireResponseStreamId(responseId),
        {
          type: 'RecordResponse',
          data: {
            responseId,
            patientSubjectId: invitation.patientSubjectId,
            episodeId: invitation.episodeId,
            appointmentId: invitation.appointmentId,
            questionnaireCode: response.questionnaireCode,
            questionnaireVersion: response.questionnaireVersion,
            completedBy: 'patient',
            answers: response.answers.map(({ linkId, value }) => ({ linkId, value })),
            alertOrganisationId: episode.providingOrganisationId ?? invitation.organisationId,
            alertClinician,
            recordedAt: now,
          },
        },
        { metadata, idempotencyKey: invitationId },
      );
    }
    await this.invitations.handle(streamId, { type: 'UseInvitation', data: { invitationId, responseIds, usedAt: now } }, { metadata });
    const lastWritten = (await this.responses.load(questionnaireResponseStreamId(responseIds[responseIds.length - 1] as string))).recorded.at(-1);
    if (lastWritten) await this.readModels.waitFor(lastWritten.globalPosition, READ_YOUR_WRITES_TIMEOUT_MS);
    return {
      received: request.responses.map((r) => ({ questionnaireCode: r.questionnaireCode })),
      crisisInformation: riskSignalled ? CRISIS_INFORMATION : null,
    };
  }

  /** The episode must be one this service knows for the patient, with its provider (issue 12 item 13), and open. */
  private async openEpisodeOf(episodeId: string, patientSubjectId: string) {
    const episode = await this.episodes.find(episodeId);
    if (!episode || episode.patientSubjectId !== patientSubjectId || !episode.providingOrganisationId) throw episodeNotFound();
    if (episode.status === 'discharged') throw new EpisodeDischargedError();
    return episode;
  }
}
