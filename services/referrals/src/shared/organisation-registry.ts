import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ORGANISATION_TYPES, type OrganisationType } from '@stepwell/access';
import { deterministicUuid } from '@stepwell/decider';
import { requestMetadata } from '@stepwell/commands';
import { EVENT_STORE, EventIdConflictError, WrongExpectedRevisionError, type Actor, type EventStore } from '@stepwell/event-store';
import { RequestValidationError, CLOCK, type Clock } from '@stepwell/http';
import { DataSource } from 'typeorm';
import { ProjectionRunner } from '@stepwell/read-models';
import { OrganisationRow } from './organisation-row.entity';
import { SEED_ORGANISATIONS } from './seed-organisations';
import { ORGANISATION_RECORDED, organisationStreamId, type Organisation, type OrganisationRecorded } from './organisation-events';

/** The registry's answer: the commissioning area only where one is recorded. */
const organisationOf = (row: OrganisationRow): Organisation => ({
  code: row.code,
  name: row.name,
  organisationType: row.organisationType as OrganisationType,
  ...(row.commissioningArea === null ? {} : { commissioningArea: row.commissioningArea }),
});

/**
 * The organisations the platform knows (code, name, type): a referral may only be sent to one of them. Event-sourced
 * (`OrganisationRecorded`, published as `referrals.organisation-recorded` v1), projected into `organisation_registry`,
 * seeded (outside production) with the organisations of the README and the token examples, and projected at start-up
 * before the service listens, so `/ready` never answers before the registry is there.
 */
@Injectable()
export class OrganisationRegistry implements OnApplicationBootstrap {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly dataSource: DataSource,
    private readonly readModels: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (process.env['NODE_ENV'] !== 'production') {
      const actor = { userId: 'organisation-seed', organisationId: 'STEPWELL', role: 'registry-admin' };
      for (const organisation of SEED_ORGANISATIONS) {
        const existing = await this.store.readStream(organisationStreamId(organisation.code), { maxCount: 1 });
        if (existing.length === 0) await this.record(organisation, actor, 'organisation-seed', false);
      }
    }
    // Readable once the service answers: everything in the log so far (the seed included) is in the registry. No fixed
    // deadline: a rebuild or catch-up on a large store takes as long as it takes while it moves (logged), and a stuck one fails.
    await this.readModels.catchUp({ position: await this.store.headPosition() });
  }

  async find(code: string): Promise<Organisation | null> {
    const row = await this.dataSource.getRepository(OrganisationRow).findOneBy({ code });
    return row ? organisationOf(row) : null;
  }

  async list(): Promise<Organisation[]> {
    const rows = await this.dataSource.getRepository(OrganisationRow).find({ order: { code: 'ASC' } });
    return rows.map(organisationOf);
  }

  /** 400 naming `field` when `code` is not a registered organisation (checked before anything is written). */
  async assertKnown(code: string, field: string): Promise<Organisation> {
    const organisation = await this.find(code);
    if (!organisation) throw new RequestValidationError([{ field, messages: [`${field} must be an organisation the platform knows`] }]);
    return organisation;
  }

  /** Registers or changes an organisation; the same details again record nothing. Returns whether it changed. */
  async record(organisation: Organisation, actor: Actor, correlationId: string, catchUp = true): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.recordOnce(organisation, actor, correlationId, catchUp);
      } catch (error) {
        // Another instance (two start at once, each seeding the registry) recorded this stream first: read it again
        // — the same organisation then needs nothing more; a different one is recorded on top.
        const raced = error instanceof WrongExpectedRevisionError || error instanceof EventIdConflictError;
        if (!raced || attempt >= 3) throw error;
      }
    }
  }

  private async recordOnce(organisation: Organisation, actor: Actor, correlationId: string, catchUp: boolean): Promise<boolean> {
    if (!(ORGANISATION_TYPES as readonly string[]).includes(organisation.organisationType)) {
      throw new RequestValidationError([{ field: 'organisationType', messages: ['organisationType must be a known organisation type'] }]);
    }
    const streamId = organisationStreamId(organisation.code);
    const history = await this.store.readStream(streamId);
    const last = history[history.length - 1]?.data as OrganisationRecorded | undefined;
    const area = organisation.commissioningArea ?? null;
    if (last && last.name === organisation.name && last.organisationType === organisation.organisationType && (last.commissioningArea ?? null) === area) return false;
    const recordedAt = this.clock.now();
    const data: OrganisationRecorded = {
      code: organisation.code,
      name: organisation.name,
      organisationType: organisation.organisationType,
      ...(area === null ? {} : { commissioningArea: area }),
      change: last ? 'changed' : 'registered',
      recordedAt,
    };
    const appended = await this.store.appendToStream(
      streamId,
      [
        {
          id: deterministicUuid(`referrals/organisation/${organisation.code}/${history.length}`),
          type: ORGANISATION_RECORDED,
          data,
          metadata: { ...requestMetadata(correlationId, recordedAt, actor), schemaVersion: 1 },
        },
      ],
      { expectedRevision: history.length === 0 ? 'no_stream' : history.length - 1 },
    );
    if (catchUp) await this.readModels.waitFor(appended.lastGlobalPosition);
    return true;
  }
}
