import { Body, Controller, Get, Logger, Param, Post, Query, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { EventStore } from '@stepwell/event-store';
import { createValidationPipe, DEFAULT_ERROR_MAPPINGS, ProblemDetailsFilter } from '@stepwell/http';
import { IsIn, IsOptional, IsString } from 'class-validator';
import type { DataSource } from 'typeorm';
import { AccessModule } from '../access.module';
import type { AuthConfig } from '../authentication/auth-config';
import { Public } from '../authentication/public.decorator';
import { PatientRecord } from '../audit/patient-record.decorator';
import { Roles } from '../authorisation/roles.decorator';
import { CurrentPrincipal } from '../principal/current-principal.decorator';
import type { Principal } from '../principal/principal';
import { Visibility, type FieldPolicy } from '../visibility/visibility.decorator';

/** Counts handler runs, so tests can prove a refused request did nothing. */
export const handlerCalls = { count: 0 };

/** A summary of a patient's care, as a service would return it. Therapy notes and scores are clinical detail. */
export interface PatientSummary {
  id: string;
  patientSubjectId: string;
  status: string;
  currentStep: string;
  therapyNotes: string;
  phq9Score: number;
}

export const SUMMARY_POLICY: FieldPolicy = {
  'gp-practice': '*',
  'talking-therapies': '*',
  'psychotherapy-consultation': '*',
  'secondary-care': '*',
  'crisis-team': '*',
  // A link worker needs to know the person is in care and at which step, not what was said in therapy.
  'voluntary-sector': ['id', 'patientSubjectId', 'status', 'currentStep'],
};

function summaryOf(patientSubjectId: string): PatientSummary {
  return {
    id: `summary-${patientSubjectId}`,
    patientSubjectId,
    status: 'in-treatment',
    currentStep: 'step-2',
    therapyNotes: 'Discussed sleep and work stress; agreed behavioural activation.',
    phq9Score: 14,
  };
}

/** A query the route validates: a bad one is the caller's mistake (400), found only after the access check. */
export class SummaryViewQuery {
  @IsOptional()
  @IsIn(['brief', 'full'])
  view?: string;
}

export class SummaryNoteBody {
  @IsString()
  note!: string;
}

/** Counts handler runs that would have written, so tests can prove a refused write wrote nothing. */
export const writes = { count: 0 };

@Controller()
class TestRecordsController {
  @Get('health')
  @Public()
  health(): { status: string } {
    handlerCalls.count += 1;
    return { status: 'ok' };
  }

  @Get('me')
  me(@CurrentPrincipal() principal: Principal): Principal {
    handlerCalls.count += 1;
    return principal;
  }

  @Get('admin/settings')
  @Roles('admin')
  settings(): { retentionYears: number } {
    handlerCalls.count += 1;
    return { retentionYears: 8 };
  }

  @Get('patients/:patientSubjectId/summary')
  @Roles('clinician', 'link-worker')
  @PatientRecord({ resource: 'patient-summary', patientParam: 'patientSubjectId' })
  @Visibility(SUMMARY_POLICY)
  summary(@Param('patientSubjectId') patientSubjectId: string): PatientSummary {
    handlerCalls.count += 1;
    return summaryOf(patientSubjectId);
  }

  /** The same summary behind a validated query (`?view=brief|full`). */
  @Get('patients/:patientSubjectId/validated-summary')
  @Roles('clinician', 'link-worker')
  @PatientRecord({ resource: 'patient-summary', patientParam: 'patientSubjectId' })
  @Visibility(SUMMARY_POLICY)
  validatedSummary(@Param('patientSubjectId') patientSubjectId: string, @Query() _query: SummaryViewQuery): PatientSummary {
    handlerCalls.count += 1;
    return summaryOf(patientSubjectId);
  }

  /** A write whose answer carries the record (a command response). */
  @Post('patients/:patientSubjectId/notes')
  @Roles('clinician')
  @PatientRecord({ resource: 'patient-summary', patientParam: 'patientSubjectId' })
  @Visibility(SUMMARY_POLICY)
  addNote(@Param('patientSubjectId') patientSubjectId: string, @Body() body: SummaryNoteBody): PatientSummary {
    handlerCalls.count += 1;
    writes.count += 1;
    return { ...summaryOf(patientSubjectId), therapyNotes: body.note };
  }

  /** A search: the patients are known only from the results. */
  @Get('summaries')
  @Roles('clinician', 'link-worker')
  @PatientRecord({ resource: 'patient-summary', itemsField: 'items' })
  @Visibility(SUMMARY_POLICY, { itemsField: 'items' })
  search(@Query('patients') patients = ''): { items: PatientSummary[]; next: null } {
    handlerCalls.count += 1;
    const ids = patients.split(',').filter((id) => id !== '');
    return { items: ids.map(summaryOf), next: null };
  }
}

export interface AccessTestAppOptions {
  auth: AuthConfig;
  eventStore: EventStore;
  dataSource: DataSource;
  clock?: () => Date;
  breakGlassWindowMinutes?: number;
}

/** A tiny Nest app wired the way a service wires the access library. */
export async function createAccessTestApp(options: AccessTestAppOptions): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [AccessModule.forRoot(options)],
    controllers: [TestRecordsController],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  // The services' one problem filter and mapping table, so these tests see what a service answers.
  app.useGlobalFilters(new ProblemDetailsFilter(DEFAULT_ERROR_MAPPINGS, new Logger('ProblemDetails')));
  app.useGlobalPipes(createValidationPipe());
  await app.init();
  return app;
}
