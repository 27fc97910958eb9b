import { randomUUID } from 'node:crypto';
import type { INestApplication, Provider } from '@nestjs/common';
import { applyCareRelationshipEvent } from '@stepwell/access';
import { createTestIssuer, type TestIssuer, type TestUser, users } from '@stepwell/access/testing';
import type { AppointmentAttendedV1, AppointmentBookedV1, EpisodeDischargedV1, EpisodeOpenedV1, EpisodeStepChangedV1 } from '@stepwell/contracts';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@stepwell/event-store';
import { CLOCK, type Clock } from '@stepwell/http';
import { createTestApp } from '@stepwell/http/testing';
import type { IntegrationEvent } from '@stepwell/messaging';
import { createTestDatabase, type TestDatabase } from '@stepwell/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { loadOutcomesConfig } from '../config';
import { OUTCOMES_HTTP } from '../shared/http-options';
import { EpisodeEventsConsumer } from '../integration/episode-events.consumer';
import { ProjectionRunner } from '@stepwell/read-models';

type Agent = ReturnType<typeof request.agent>;

/** A therapist of a talking-therapies service (RXT01): the clinician who records measures. */
export const THERAPIST: TestUser = users.therapist;

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  constructor(private current = new Date('2026-11-21T09:00:00.000Z')) {}
  now(): string {
    return this.current.toISOString();
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
  advanceMinutes(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}

export interface OutcomesTestApp {
  app: INestApplication;
  database: TestDatabase;
  store: EventStore;
  dataSource: DataSource;
  issuer: TestIssuer;
  clock: TestClock;
  http(): Agent;
  as(who: TestUser): Promise<Agent>;
  anonymous(): ReturnType<typeof request>;
  allEvents(): Promise<RecordedEvent[]>;
  /** Waits until the read models hold every event written so far, including those the projection caused. */
  settled(): Promise<void>;
  /** Records that `organisationId` takes part in the patient's care (as the referrals events would). */
  relate(patientSubjectId: string, organisationId: string): Promise<void>;
  /** A new patient the therapist's organisation is related to, with an episode it provides already opened. */
  openTherapistEpisode(): Promise<{ patient: string; episodeId: string }>;
  /** Delivers integration events to the service's consumer, as the transport would. */
  deliver: {
    episodeOpened(patient: string, data: Partial<EpisodeOpenedV1> & { episodeId: string }): Promise<IntegrationEvent<EpisodeOpenedV1>>;
    attended(patient: string, data: Partial<AppointmentAttendedV1> & { episodeId: string }): Promise<IntegrationEvent<AppointmentAttendedV1>>;
    booked(patient: string, data: Partial<AppointmentBookedV1> & { episodeId: string; clinicianId: string }): Promise<IntegrationEvent<AppointmentBookedV1>>;
    discharged(patient: string, data: Partial<EpisodeDischargedV1> & { episodeId: string }): Promise<IntegrationEvent<EpisodeDischargedV1>>;
    stepChanged(
      patient: string,
      data: Pick<EpisodeStepChangedV1, 'episodeId' | 'toStep' | 'toOrganisationId' | 'changedAt'> & Partial<EpisodeStepChangedV1>,
    ): Promise<IntegrationEvent<EpisodeStepChangedV1>>;
  };
  close(): Promise<void>;
}

function envelope<T>(type: string, patient: string, data: T): IntegrationEvent<T> {
  return {
    messageId: randomUUID(),
    type,
    version: 1,
    source: type.split('.')[0] ?? 'test',
    patientSubjectId: patient,
    occurredAt: new Date().toISOString(),
    correlationId: randomUUID(),
    causationId: null,
    data,
  };
}

/** The outcomes service on a fresh database, with its real PostgreSQL event store, a test issuer and a hand clock. */
export async function startOutcomesTestApp(label: string, overrides: Provider[] = []): Promise<OutcomesTestApp> {
  const database = await createTestDatabase(label);
  const issuer = createTestIssuer();
  // The escalation timer is off: tests run the check themselves with the hand clock.
  const config = loadOutcomesConfig(undefined, { DATABASE_URL: database.url, RISK_ALERT_CHECK_EVERY_SECONDS: '0', ...issuer.env });
  const clock = new TestClock();
  const app = await createTestApp(AppModule.forRoot(config, [{ provide: CLOCK, useValue: clock }, ...overrides]), OUTCOMES_HTTP);
  const store = app.get<EventStore>(EVENT_STORE);
  const dataSource = app.get(DataSource);
  const consumer = app.get(EpisodeEventsConsumer);
  const as = async (who: TestUser): Promise<Agent> => request.agent(app.getHttpServer()).set('Authorization', await issuer.bearer(who));
  const defaultAgent = await as(THERAPIST);
  // Projecting a score may append more (an outcome evaluation): wait until the log stops growing.
  const settled = () => app.get(ProjectionRunner).settled();
  // Every delivery is the same: wrap the data as the transport would, hand it to the consumer, return what was sent.
  const send = async <T>(type: string, patient: string, handle: (event: IntegrationEvent<T>) => Promise<unknown>, data: T): Promise<IntegrationEvent<T>> => {
    const event = envelope<T>(type, patient, data);
    await handle(event);
    return event;
  };
  const relate = async (patientSubjectId: string, organisationId: string): Promise<void> => {
    await applyCareRelationshipEvent(dataSource.manager, {
      eventId: randomUUID(),
      eventType: 'test.relationship',
      patientSubjectId,
      occurredAt: '2026-01-01T00:00:00.000Z',
      participants: [{ organisationId, reason: 'step-provider' }],
    });
  };
  const deliver: OutcomesTestApp['deliver'] = {
    episodeOpened: (patient, data) =>
      send<EpisodeOpenedV1>('referrals.episode-opened', patient, (event) => consumer.onEpisodeOpened(event), {
        referralId: randomUUID(),
        step: 'step-2',
        providingOrganisationId: THERAPIST.org,
        urgency: 'routine',
        referredAt: '2026-01-01T09:00:00.000Z',
        openedAt: '2026-01-02T09:00:00.000Z',
        ...data,
      }),
    attended: (patient, data) =>
      send<AppointmentAttendedV1>('scheduling.appointment-attended', patient, (event) => consumer.onAttended(event), {
        appointmentId: randomUUID(),
        organisationId: THERAPIST.org,
        purpose: 'treatment',
        startsAt: '2026-01-10T09:00:00.000Z',
        durationMinutes: 50,
        isTreatment: true,
        attendedAt: '2026-01-10T09:50:00.000Z',
        ...data,
      }),
    booked: (patient, data) =>
      send<AppointmentBookedV1>('scheduling.appointment-booked', patient, (event) => consumer.onAppointmentBooked(event), {
        appointmentId: randomUUID(),
        slotId: randomUUID(),
        organisationId: THERAPIST.org,
        purpose: 'treatment',
        mode: 'face-to-face',
        startsAt: '2026-01-10T09:00:00.000Z',
        endsAt: '2026-01-10T09:50:00.000Z',
        bookedAt: '2026-01-05T09:00:00.000Z',
        ...data,
      }),
    discharged: (patient, data) =>
      send<EpisodeDischargedV1>('referrals.episode-discharged', patient, (event) => consumer.onDischarged(event), {
        reason: 'completed',
        providingOrganisationId: THERAPIST.org,
        dischargedAt: '2026-03-01T09:00:00.000Z',
        ...data,
      }),
    stepChanged: (patient, data) =>
      send<EpisodeStepChangedV1>('referrals.episode-step-changed', patient, (event) => consumer.onStepChanged(event), {
        fromStep: 'step-2',
        fromOrganisationId: THERAPIST.org,
        direction: 'up',
        ...data,
      }),
  };
  return {
    app,
    database,
    store,
    dataSource,
    issuer,
    clock,
    http: () => defaultAgent,
    as,
    anonymous: () => request(app.getHttpServer()),
    allEvents: () => store.readAll(),
    settled,
    relate,
    async openTherapistEpisode() {
      const patient = `p-${randomUUID()}`;
      const episodeId = randomUUID();
      await relate(patient, THERAPIST.org);
      await deliver.episodeOpened(patient, { episodeId });
      return { patient, episodeId };
    },
    deliver,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
