import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type CommandHandler, deterministicUuid } from '@stepwell/decider';
import type { Actor } from '@stepwell/event-store';
import { CLOCK, type Clock } from '../clock';
import {
  questionnaireResponseStreamId,
  type QuestionnaireResponseCommand,
  type QuestionnaireResponseEvent,
  type QuestionnaireResponseState,
  type ResponseRecorded,
  type RiskAlertRaised,
} from '../domain';
import { RESPONSE_COMMANDS } from '../outcomes-commands';
import { requestMetadata } from '../request-metadata';
import { DataSource } from 'typeorm';
import { attendedAtOf, EpisodeLookup, EpisodeNotFoundError } from '../shared/episode.lookup';
import type { RecordResponseRequest } from './record-response.request';
import { toResponseView, type ResponseView } from './response.view';

export interface RecordResponseResult {
  view: ResponseView;
  replayed: boolean;
}

@Injectable()
export class RecordResponseHandler {
  constructor(
    @Inject(RESPONSE_COMMANDS)
    private readonly responses: CommandHandler<QuestionnaireResponseCommand, QuestionnaireResponseEvent, QuestionnaireResponseState>,
    private readonly episodes: EpisodeLookup,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Checks the episode (not another patient's; once discharged, only a late entry for a contact on or before
   * the discharge date), then scores and records the response; an answer
   * signalling risk raises its alert in the same append, for the organisation providing the current step. With an
   * idempotency key the response id derives from it, so a retry finds the first response instead of a second.
   */
  async handle(
    patientSubjectId: string,
    request: RecordResponseRequest,
    context: { correlationId: string; actor: Actor; idempotencyKey?: string },
  ): Promise<RecordResponseResult> {
    const key = context.idempotencyKey;
    const responseId = key ? deterministicUuid(`outcomes/record-response/${context.actor.organisationId}/${key}`) : randomUUID();
    const streamId = questionnaireResponseStreamId(responseId);
    if (key) {
      const earlier = await this.responses.load(streamId);
      if (earlier.state.status === 'Recorded') return this.replay(earlier.recorded.map((e) => e as unknown as QuestionnaireResponseEvent));
    }

    const episode = await this.episodes.find(request.episodeId);
    if (episode && episode.patientSubjectId !== patientSubjectId) throw new EpisodeNotFoundError();

    const recordedAt = this.clock.now().toISOString();
    // First and last are by when the measure was completed: the caller's time, else the attended appointment's.
    const appointmentTime = request.appointmentId ? await attendedAtOf(this.dataSource, request.episodeId, request.appointmentId) : null;
    const completedAt = request.completedAt ? new Date(request.completedAt).toISOString() : (appointmentTime ?? recordedAt);
    // A discharged episode takes a late entry for a contact on or before the discharge date (the decider judges).
    const episodeDischargedAt = episode?.status === 'discharged' ? (episode.dischargedAt ?? recordedAt) : null;
    const result = await this.responses.handle(
      streamId,
      {
        type: 'RecordResponse',
        data: {
          responseId,
          patientSubjectId,
          episodeId: request.episodeId,
          appointmentId: request.appointmentId ?? null,
          questionnaireCode: request.questionnaireCode,
          questionnaireVersion: request.questionnaireVersion,
          completedBy: request.completedBy,
          answers: request.answers.map(({ linkId, value }) => ({ linkId, value })),
          alertOrganisationId: episode?.providingOrganisationId ?? context.actor.organisationId,
          recordedAt,
          completedAt,
          episodeDischargedAt,
        },
      },
      { metadata: requestMetadata(context.correlationId, recordedAt, context.actor, patientSubjectId) },
    );
    return { view: this.replay(result.events as unknown as QuestionnaireResponseEvent[]).view, replayed: false };
  }

  private replay(events: readonly QuestionnaireResponseEvent[]): RecordResponseResult {
    const recorded = events.find((e): e is ResponseRecorded => e.type === 'ResponseRecorded');
    if (!recorded) throw new Error('a recorded response stream has no ResponseRecorded event');
    const alert = events.find((e): e is RiskAlertRaised => e.type === 'RiskAlertRaised') ?? null;
    return { view: toResponseView(recorded.data, alert?.data ?? null), replayed: true };
  }
}
