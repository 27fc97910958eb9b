import { assertNever, type Decider } from '@stepwell/decider';
import { OutcomesDomainError } from '../outcomes-domain.error';

/**
 * A single-use link for a patient to complete questionnaires before a session, without logging in. Only a hash of
 * the link's token is known to the service, and the invitation's id is derived from that hash, so the link finds
 * its stream (`invitation-<id>`) and nothing else. It holds no name: the form shows nothing about the patient.
 */
export const invitationStreamId = (invitationId: string): string => `invitation-${invitationId}`;

export interface InvitedQuestionnaire {
  code: string;
  version: string;
}

export interface IssueInvitation {
  type: 'IssueInvitation';
  data: {
    invitationId: string;
    patientSubjectId: string;
    episodeId: string;
    appointmentId: string | null;
    questionnaires: readonly InvitedQuestionnaire[];
    /** The inviting organisation: the one the responses are recorded for. */
    organisationId: string;
    issuedAt: string;
    expiresAt: string;
  };
}

export interface UseInvitation {
  type: 'UseInvitation';
  data: { invitationId: string; responseIds: readonly string[]; usedAt: string };
}

export type InvitationCommand = IssueInvitation | UseInvitation;

export interface InvitationIssued {
  type: 'InvitationIssued';
  data: IssueInvitation['data'];
}

export interface InvitationUsed {
  type: 'InvitationUsed';
  data: UseInvitation['data'];
}

export type InvitationEvent = InvitationIssued | InvitationUsed;

export type InvitationState =
  | { status: 'None' }
  | { status: 'Issued'; invitation: InvitationIssued['data'] }
  | { status: 'Used'; invitation: InvitationIssued['data']; usedAt: string };

/** The invitation if it can still be used at `at`; otherwise the refusal (not found → 404, used or expired → 410). */
export function usableInvitation(state: InvitationState, at: string): InvitationIssued['data'] {
  if (state.status === 'None') throw new OutcomesDomainError('INVITATION_NOT_FOUND', 'This link is not known.');
  if (state.status === 'Used') throw new OutcomesDomainError('INVITATION_USED', 'This link has already been used.');
  if (Date.parse(at) >= Date.parse(state.invitation.expiresAt)) {
    throw new OutcomesDomainError('INVITATION_EXPIRED', 'This link has expired.');
  }
  return state.invitation;
}

function decide(command: InvitationCommand, state: InvitationState): InvitationEvent[] {
  switch (command.type) {
    case 'IssueInvitation':
      // The id comes from a fresh random token: a second issue on the same stream is a replay of the first.
      if (state.status !== 'None') return [];
      if (command.data.questionnaires.length === 0) {
        throw new OutcomesDomainError('INVALID_RESPONSE', 'an invitation names at least one questionnaire', { reason: 'wrong-item-count' });
      }
      return [{ type: 'InvitationIssued', data: command.data }];
    case 'UseInvitation':
      usableInvitation(state, command.data.usedAt);
      return [{ type: 'InvitationUsed', data: command.data }];
    default:
      return assertNever(command, 'command');
  }
}

function evolve(state: InvitationState, event: InvitationEvent): InvitationState {
  switch (event.type) {
    case 'InvitationIssued':
      return { status: 'Issued', invitation: event.data };
    case 'InvitationUsed':
      return state.status === 'Issued' ? { status: 'Used', invitation: state.invitation, usedAt: event.data.usedAt } : state;
    default:
      return assertNever(event, 'event');
  }
}

export const questionnaireInvitationDecider: Decider<InvitationCommand, InvitationEvent, InvitationState> = {
  initialState: { status: 'None' },
  decide,
  evolve,
};
