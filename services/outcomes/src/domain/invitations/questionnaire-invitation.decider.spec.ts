import { givenFor } from '@stepwell/decider/testing';
import { questionnaireInvitationDecider, type InvitationIssued } from './questionnaire-invitation.decider';

const given = givenFor(questionnaireInvitationDecider);
const issued: InvitationIssued = {
  type: 'InvitationIssued',
  data: {
    invitationId: 'i-1',
    patientSubjectId: 'p-1',
    episodeId: 'e-1',
    appointmentId: null,
    questionnaires: [{ code: 'PHQ-9', version: '1' }],
    organisationId: 'RXT01',
    issuedAt: '2026-11-21T09:00:00.000Z',
    expiresAt: '2026-11-24T09:00:00.000Z',
  },
};
const use = (usedAt: string) => ({ type: 'UseInvitation' as const, data: { invitationId: 'i-1', responseIds: ['r-1'], usedAt } });

describe('questionnaire invitation decider', () => {
  it('issues an invitation once', () => {
    given([]).when({ type: 'IssueInvitation', data: issued.data }).then([issued]);
    given([issued]).when({ type: 'IssueInvitation', data: issued.data }).then([]);
  });

  it('is used once, before it expires', () => {
    given([issued]).when(use('2026-11-24T08:59:59.999Z')).then([{ type: 'InvitationUsed', data: use('2026-11-24T08:59:59.999Z').data }]);
  });

  it.each([
    ['an unknown invitation', [], '2026-11-22T09:00:00.000Z', 'INVITATION_NOT_FOUND'],
    ['a used invitation', [issued, { type: 'InvitationUsed' as const, data: use('2026-11-22T09:00:00.000Z').data }], '2026-11-22T10:00:00.000Z', 'INVITATION_USED'],
    ['an expired invitation', [issued], '2026-11-24T09:00:00.000Z', 'INVITATION_EXPIRED'],
  ])('refuses %s', (_what, history, at, code) => {
    given(history).when(use(at)).thenThrows(code);
  });
});
