import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { deterministicUuid } from '@stepwell/decider';
import { requestMetadata } from '@stepwell/commands';
import type { Actor } from '@stepwell/event-store';
import { clinicianStreamId } from '../domain';
import { ProjectionRunner } from '@stepwell/read-models';
import { CLINICIAN_COMMANDS, type ClinicianCommands } from '../shared/scheduling-commands';
import type { ClinicianView } from './clinician.view';
import type { RegisterClinicianRequest } from './register-clinician.request';
import { CLOCK, type Clock } from '@stepwell/http';
import { OtherOrganisationError } from '../shared/other-organisation.error';

@Injectable()
export class RegisterClinicianHandler {
  constructor(
    @Inject(CLINICIAN_COMMANDS) private readonly clinicians: ClinicianCommands,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly readModels: ProjectionRunner,
  ) {}

  /** With an idempotency key the id is derived from (organisation, key): a retry addresses the same stream. */
  async handle(
    request: RegisterClinicianRequest,
    context: { correlationId: string; actor: Actor; idempotencyKey?: string },
  ): Promise<{ view: ClinicianView; replayed: boolean }> {
    if (request.organisation !== context.actor.organisationId) throw new OtherOrganisationError();
    const key = context.idempotencyKey;
    const clinicianId = key ? deterministicUuid(`scheduling/clinicians/${context.actor.organisationId}/${key}`) : randomUUID();
    const at = this.clock.now();
    const result = await this.clinicians.handle(
      clinicianStreamId(clinicianId),
      {
        type: 'RegisterClinician',
        clinicianId,
        name: request.name,
        organisationId: request.organisation,
        role: request.role,
        languages: request.languages,
        sites: request.sites,
        registeredAt: at,
      },
      { metadata: requestMetadata(context.correlationId, at, context.actor) },
    );
    if (result.state.status !== 'Registered') throw new Error('A registered clinician folded to nothing');
    await this.readModels.waitFor(result.position);
    const c = result.state.clinician;
    return {
      view: { id: c.clinicianId, name: c.name, organisation: c.organisationId, role: c.role, languages: c.languages, sites: c.sites },
      replayed: result.events.length === 0,
    };
  }
}
