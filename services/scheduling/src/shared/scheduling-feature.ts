import { CLOCK, systemClock } from '@stepwell/http';
import type { Provider, Type } from '@nestjs/common';
import { projectionRunnerProvider } from '@stepwell/read-models';
import { RecordOwnership } from '../access/record-ownership';
import { SchedulingAccessTargets, schedulingAccessTargetsProvider } from '../access/scheduling-access-targets';
import { AppointmentLookup } from './appointment-lookup';
import { AppointmentsController } from '../appointments/appointments.controller';
import { BookAppointmentHandler } from './book-appointment.handler';
import { ChangeAppointmentHandler } from '../appointments/change-appointment.handler';
import { PatientAppointmentsController } from '../appointments/patient-appointments.controller';
import { SlotWriter } from './slot-writer';
import { CliniciansController } from '../clinicians/clinicians.controller';
import { ListCliniciansQuery } from '../clinicians/list-clinicians.query';
import { RegisterClinicianHandler } from '../clinicians/register-clinician.handler';
import { AddSessionController } from '../diary-sessions/add-session.controller';
import { AddSessionHandler } from '../diary-sessions/add-session.handler';
import { FreeSlotsController } from '../slots/free-slots.controller';
import { FreeSlotsQuery } from '../slots/free-slots.query';
import { WaitingListController } from '../waiting-list/waiting-list.controller';
import { WaitingListQuery } from '../waiting-list/waiting-list.query';
import { EpisodesConsumer } from '../integration/episodes.consumer';
import { FollowUpController } from '../follow-up/follow-up.controller';
import { FollowUpService } from '../follow-up/follow-up.service';
import { NotificationsTableAdapter } from '../reminders/notifications-table.adapter';
import { DEFAULT_REMINDER_OFFSETS, NOTIFICATION_PORT, REMINDER_OFFSETS } from '../reminders/notification.port';
import { RemindersReactor } from '../reminders/reminders.reactor';
import { WaitsController } from '../waits/waits.controller';
import { GroupSessionsController } from '../group-sessions/group-sessions.controller';
import { GroupSessionsService } from '../group-sessions/group-sessions.service';
import { RefillOfferer } from '../refill-offers/refill-offerer';
import { RefillReactor } from '../refill-offers/refill.reactor';
import { RefillOffersController } from '../refill-offers/refill-offers.controller';
import { RefillOffersService } from '../refill-offers/refill-offers.service';
import { SchedulingProjection } from '../read-models/scheduling.projection';
import { schedulingCommandProviders } from './scheduling-commands';
import { JourneyController } from '../journey/journey.controller';

/** The scheduling API: its controllers and providers, spread into AppModule's `controllers` and `providers`. */
export const SCHEDULING_CONTROLLERS: Type<unknown>[] = [CliniciansController, AddSessionController, FreeSlotsController, AppointmentsController, PatientAppointmentsController, WaitingListController, FollowUpController, WaitsController, GroupSessionsController, RefillOffersController, JourneyController, EpisodesConsumer];

export const SCHEDULING_PROVIDERS: Provider[] = [
  { provide: CLOCK, useValue: systemClock },
  ...schedulingCommandProviders,
  SchedulingProjection,
  RegisterClinicianHandler,
  ListCliniciansQuery,
  AddSessionHandler,
  FreeSlotsQuery,
  AppointmentLookup,
  RecordOwnership,
  SchedulingAccessTargets,
  schedulingAccessTargetsProvider,
  SlotWriter,
  BookAppointmentHandler,
  ChangeAppointmentHandler,
  WaitingListQuery,
  FollowUpService,
  GroupSessionsService,
  RefillOfferer,
  RefillOffersService,
  // Reminders: the default port records them in the notifications table; a real sender replaces the adapter.
  { provide: NOTIFICATION_PORT, useClass: NotificationsTableAdapter },
  { provide: REMINDER_OFFSETS, useValue: DEFAULT_REMINDER_OFFSETS },
  RemindersReactor,
  RefillReactor,
  // The read models, and the reactors that act on events once the read models hold them.
  projectionRunnerProvider({ projections: [SchedulingProjection], reactors: [RemindersReactor, RefillReactor] }),
];
