import { quotedSchema } from '@stepwell/read-models';
import { Inject, Injectable, type Provider } from '@nestjs/common';
import { ACCESS_TARGET_RESOLVER, type AccessTarget, type AccessTargetResolver } from '@stepwell/access';
import { OPAQUE_ID } from '@stepwell/contracts';
import { RequestValidationError } from '@stepwell/http';
import { DataSource } from 'typeorm';
import { NotFoundError } from '@stepwell/decider';
import { type CommandHandler } from '@stepwell/commands';
import type { OutcomesErrorCode } from '../shared/outcomes-error-mappings';
import {
  invitationStreamId,
  OutcomesDomainError,
  questionnaireResponseStreamId,
  type InvitationCommand,
  type InvitationEvent,
  type InvitationState,
  type QuestionnaireResponseCommand,
  type QuestionnaireResponseEvent,
  type QuestionnaireResponseState,
} from '../domain';
import { INVITATION_COMMANDS, RESPONSE_COMMANDS } from '../shared/outcomes-commands';
import { episodeNotFound } from '../shared/episode.lookup';

type Row = { patient_subject_id: string; episode_id: string; referral_id: string | null; holder: string | null };

/**
 * What the access policy needs to know about an outcomes record (issue 10), from outcomes' own read models: the
 * patient, the episode (and its referral), and the organisation holding it — the episode's current provider (for the
 * episode's outcome, problem descriptor, care coordinator, a recorded response, an invitation) or the organisation a
 * risk alert is addressed to (`record-holder`). Outcomes learns nothing of the person's consent to share (no contract
 * carries it), so a provider of another episode never sees these records (`record.read` needs consent).
 */
@Injectable()
export class OutcomesAccessTargets implements AccessTargetResolver {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(INVITATION_COMMANDS) private readonly invitations: CommandHandler<InvitationCommand, InvitationEvent, InvitationState>,
    @Inject(RESPONSE_COMMANDS) private readonly responses: CommandHandler<QuestionnaireResponseCommand, QuestionnaireResponseEvent, QuestionnaireResponseState>,
  ) {}

  async resolve(type: AccessTarget['type'], id: string, param = 'id', resource = ''): Promise<AccessTarget | null> {
    // Every outcomes id is an opaque id: a malformed one is the caller's mistake (400 naming the parameter).
    if (!OPAQUE_ID.test(id)) throw new RequestValidationError([{ field: param, messages: [`${param} must be an opaque id`] }]);
    const row = await this.lookup(type, id, resource);
    if (!row) return null;
    return {
      type,
      id,
      patientSubjectId: row.patient_subject_id,
      referralId: row.referral_id,
      episodeId: type === 'patient' ? null : row.episode_id,
      awaitingTriage: false,
      consentToShare: false,
      ...(type === 'patient' ? {} : { holderOrganisationId: row.holder }),
    };
  }

  notFound(type: AccessTarget['type'], _id: string, resource = ''): Error {
    if (type === 'patient') return new NotFoundError<OutcomesErrorCode>('PATIENT_NOT_FOUND', 'No such patient');
    if (type === 'episode') return episodeNotFound();
    if (resource === 'risk-alert') return new OutcomesDomainError('RISK_ALERT_NOT_FOUND', 'No such risk alert');
    if (resource === 'questionnaire-invitation') return new OutcomesDomainError('INVITATION_NOT_FOUND', 'No such invitation');
    return new NotFoundError<OutcomesErrorCode>('RESPONSE_NOT_FOUND', 'No such response for this patient');
  }

  private async lookup(type: AccessTarget['type'], id: string, resource: string): Promise<Row | null> {
    const s = quotedSchema(this.dataSource);
    const episode = `SELECT e.patient_subject_id, e.episode_id, e.referral_id, e.providing_organisation_id AS holder FROM ${s}."episode" e`;
    const one = async (sql: string, value: string): Promise<Row | null> => ((await this.dataSource.query(sql, [value])) as Row[])[0] ?? null;
    if (type === 'patient') {
      // A person outcomes knows: with an episode or a recorded measure.
      return one(
        `SELECT patient_subject_id, '' AS episode_id, NULL AS referral_id, NULL AS holder FROM ${s}."episode" WHERE patient_subject_id = $1
         UNION ALL SELECT patient_subject_id, '', NULL, NULL FROM ${s}."measure_score" WHERE patient_subject_id = $1 LIMIT 1`,
        id,
      );
    }
    if (type === 'episode') return one(`${episode} WHERE e.episode_id = $1`, id);
    if (resource === 'risk-alert') {
      return one(
        `SELECT a.patient_subject_id, a.episode_id, e.referral_id, a.organisation_id AS holder
           FROM ${s}."risk_alert" a LEFT JOIN ${s}."episode" e ON e.episode_id = a.episode_id WHERE a.alert_id = $1`,
        id,
      );
    }
    if (resource === 'questionnaire-invitation') {
      const { state } = await this.invitations.load(invitationStreamId(id));
      if (state.status === 'None') return null;
      const held = await one(`${episode} WHERE e.episode_id = $1`, state.invitation.episodeId);
      return { patient_subject_id: state.invitation.patientSubjectId, episode_id: state.invitation.episodeId, referral_id: held?.referral_id ?? null, holder: held?.holder ?? null };
    }
    // A recorded questionnaire response (its own stream, so a response just recorded is found): held by its episode's provider.
    const { state } = await this.responses.load(questionnaireResponseStreamId(id));
    if (state.status === 'None') return null;
    const held = await one(`${episode} WHERE e.episode_id = $1`, state.response.episodeId);
    return { patient_subject_id: state.response.patientSubjectId, episode_id: state.response.episodeId, referral_id: held?.referral_id ?? null, holder: held?.holder ?? null };
  }
}

export const outcomesAccessTargetsProvider: Provider = { provide: ACCESS_TARGET_RESOLVER, useExisting: OutcomesAccessTargets };
