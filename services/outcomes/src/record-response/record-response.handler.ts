import { READ_YOUR_WRITES_TIMEOUT_MS } from '../shared/read-your-writes';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@stepwell/access';
import { deterministicUuid, NotFoundError } from '@stepwell/decider';
import { type CommandHandler, requestMetadata } from '@stepwell/commands';
import type { OutcomesErrorCode } from '../shared/outcomes-error-mappings';
import type { Actor } from '@stepwell/event-store';
import {
  questionnaireResponseStreamId,
  type QuestionnaireResponseCommand,
  type QuestionnaireResponseEvent,
  type QuestionnaireResponseState,
  type ResponseRecorded,
  type RiskAlertRaised,
} from '../domain';
import { RESPONSE_COMMANDS } from '../shared/outcomes-commands';
import { ProjectionRunner } from '@stepwell/read-models';
import { DataSource } from 'typeorm';
import { attendedAtOf, EpisodeLookup } from '../shared/episode.lookup';
import { EpisodeOwnership } from '../shared/episode-ownership';
import type { RecordResponseRequest } from '../shared/record-response.request';
import { toResponseView, type ResponseView } from './response.view';
import { CLOCK, type Clock } from '@stepwell/http';

/** No such response for this patient (404; also the answer for another patient's response). */
function responseNotFound(): NotFoundError<OutcomesErrorCode> {
  return new NotFoundError<OutcomesErrorCode>('RESPONSE_NOT_FOUND', 'No such response for this patient.');
}

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
    private readonly ownership: EpisodeOwnership,
    private readonly readModels: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Checks the episode (one this service knows, for this patient, with its provider; once discharged, only a late
   * entry for a contact on or before the discharge date), then scores and records the response; an answer signalling
   * risk raises its alert in the same append, addressed to the episode's named clinician and the providing
   * organisation's duty queue — never to the caller's organisation by default. With an idempotency key the response
   * id derives from it, so a retry finds the first response. Read-your-writes (issue 12 item 12): it answers only
   * once the response is in the read models (measures, risk alerts, the episode's outcome).
   */
  async handle(
    patientSubjectId: string,
    request: RecordResponseRequest,
    context: { correlationId: string; actor: Actor; principal: Principal; idempotencyKey?: string },
  ): Promise<RecordResponseResult> {
    const key = context.idempotencyKey;
    const responseId = key ? deterministicUuid(`outcomes/record-response/${context.actor.organisationId}/${key}`) : randomUUID();
    const streamId = questionnaireResponseStreamId(responseId);
    if (key) {
      const earlier = await this.responses.load(streamId);
      if (earlier.state.status === 'Recorded') {
        await this.inReadModels(streamId);
        return this.replay(earlier.recorded.map((e) => e as unknown as QuestionnaireResponseEvent));
      }
    }

    // Only the organisation providing this patient's episode records a measure to it (404 for an episode unknown
    // here or another patient's — issue 12 item 13; 403 for another organisation; nothing written either way).
    const episode = await this.ownership.assertProvider(context, await this.episodes.find(request.episodeId), {
      patientSubjectId,
      resource: 'questionnaire-response',
    });
    const alertClinician = await this.episodes.namedClinicianFor(episode, request.appointmentId ?? null, context.actor);

    const recordedAt = this.clock.now();
    // First and last are by when the measure was completed: the caller's time, else the attended appointment's.
    const appointmentTime = request.appointmentId ? await attendedAtOf(this.dataSource, request.episodeId, request.appointmentId) : null;
    // An appointment attended before its diary time (seen early) was completed now, never in the future.
    const fromAppointment = appointmentTime !== null && Date.parse(appointmentTime) <= Date.parse(recordedAt) ? appointmentTime : recordedAt;
    const completedAt = request.completedAt ? new Date(request.completedAt).toISOString() : fromAppointment;
    // A discharged episode takes a late entry for a contact on or before the discharge date (the decider judges).
    const episodeDischargedAt = episode.status === 'discharged' ? (episode.dischargedAt ?? recordedAt) : null;
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
          alertOrganisationId: episode.providingOrganisationId,
          alertClinician,
          recordedAt,
          completedAt,
          episodeDischargedAt,
        },
      },
      { metadata: requestMetadata(context.correlationId, recordedAt, context.actor, patientSubjectId) },
    );
    await this.inReadModels(streamId);
    return { view: this.replay(result.events as unknown as QuestionnaireResponseEvent[]).view, replayed: false };
  }

  /** The recorded response, as `handle` answered it (the `Location` it gave), or RESPONSE_NOT_FOUND. */
  async find(patientSubjectId: string, responseId: string): Promise<ResponseView> {
    const { state, recorded } = await this.responses.load(questionnaireResponseStreamId(responseId));
    const events = recorded.map((e) => e as unknown as QuestionnaireResponseEvent);
    const found = state.status === 'Recorded' ? this.replay(events).view : null;
    if (!found || found.patientSubjectId !== patientSubjectId) throw responseNotFound();
    return found;
  }

  /** Waits until the read models hold every event of the response's stream (its global position is the last's). */
  private async inReadModels(streamId: string): Promise<void> {
    const { recorded } = await this.responses.load(streamId);
    const last = recorded[recorded.length - 1];
    if (last) await this.readModels.waitFor(last.globalPosition, READ_YOUR_WRITES_TIMEOUT_MS);
  }

  private replay(events: readonly QuestionnaireResponseEvent[]): RecordResponseResult {
    const recorded = events.find((e): e is ResponseRecorded => e.type === 'ResponseRecorded');
    if (!recorded) throw new Error('a recorded response stream has no ResponseRecorded event');
    const alert = events.find((e): e is RiskAlertRaised => e.type === 'RiskAlertRaised') ?? null;
    return { view: toResponseView(recorded.data, alert?.data ?? null), replayed: true };
  }
}
