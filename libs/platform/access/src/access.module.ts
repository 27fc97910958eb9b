import { Module, type DynamicModule, type FactoryProvider, type ModuleMetadata, type Provider } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ACCESS_OPTIONS, type AccessModuleOptions } from './access-options';
import { AccessAuditor } from './audit/access-auditor';
import { PatientAccessService } from './audit/patient-access.service';
import { PatientRecordInterceptor } from './audit/patient-record.interceptor';
import { AuthenticationGuard } from './authentication/authentication.guard';
import { validateAuthConfig } from './authentication/auth-config';
import { TokenVerifier } from './authentication/token-verifier';
import { RolesGuard } from './authorisation/roles.guard';
import { BreakGlassReview } from './break-glass/break-glass-review';
import { BreakGlassReviewController } from './break-glass/break-glass-review.controller';
import { PolicyAccessInterceptor } from './policy/policy-access.interceptor';
import { PolicyAccessService } from './policy/policy-access.service';
import { BreakGlassReadOnlyGuard } from './break-glass/break-glass-read-only.guard';
import { BreakGlassService } from './break-glass/break-glass.service';
import { AccessLogController } from './access-log/access-log.controller';
import { AccessLog } from './access-log/access-log';
import { SubjectAccessCollector } from './subject-access/subject-access';
import { SubjectAccessController } from './subject-access/subject-access.controller';
import { CareRelationshipService } from './relationships/care-relationship.service';
import { FieldVisibilityInterceptor } from './visibility/field-visibility.interceptor';

export interface AccessModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: FactoryProvider['inject'];
  useFactory: (...args: never[]) => AccessModuleOptions | Promise<AccessModuleOptions>;
  /** Mount `GET /audit/break-glass`. Decided here because controllers are fixed before the factory runs. Default true. */
  breakGlassReviewEndpoint?: boolean;
  /** Mount `GET /patients/{id}/access-log`. Default true. */
  accessLogEndpoint?: boolean;
}

function controllersFor(options: { breakGlassReviewEndpoint?: boolean; accessLogEndpoint?: boolean }) {
  return [
    ...(options.breakGlassReviewEndpoint === false ? [] : [BreakGlassReviewController]),
    ...(options.accessLogEndpoint === false ? [] : [AccessLogController]),
    // With the access log: every service answers a subject access request for what it holds (issue 15 item 4).
    ...(options.accessLogEndpoint === false ? [] : [SubjectAccessController]),
  ];
}

const services: Provider[] = [
  {
    provide: TokenVerifier,
    inject: [ACCESS_OPTIONS],
    useFactory: (options: AccessModuleOptions) => new TokenVerifier(validateAuthConfig(options.auth)),
  },
  CareRelationshipService,
  AccessAuditor,
  PatientAccessService,
  BreakGlassReview,
  PolicyAccessService,
  BreakGlassService,
  AccessLog,
  SubjectAccessCollector,
];

// Order matters: guards authenticate, then check roles; the visibility interceptor is outermost so it filters
// what the patient-record interceptor has already checked and audited.
const enhancers: Provider[] = [
  { provide: APP_GUARD, useClass: AuthenticationGuard },
  { provide: APP_GUARD, useClass: RolesGuard },
  { provide: APP_GUARD, useClass: BreakGlassReadOnlyGuard },
  { provide: APP_INTERCEPTOR, useClass: FieldVisibilityInterceptor },
  { provide: APP_INTERCEPTOR, useClass: PatientRecordInterceptor },
  { provide: APP_INTERCEPTOR, useClass: PolicyAccessInterceptor },
];

const exported = [
  ACCESS_OPTIONS,
  TokenVerifier,
  CareRelationshipService,
  AccessAuditor,
  PatientAccessService,
  BreakGlassReview,
  BreakGlassService,
  AccessLog,
  SubjectAccessCollector,
  PolicyAccessService,
];

/**
 * Import once in a service's root module: every route then needs a bearer token (except `@Public()`), `@Roles`
 * is enforced, `@Visibility` filters responses and `@PatientRecord` routes are relationship-checked and audited.
 */
@Module({})
export class AccessModule {
  static forRoot(options: AccessModuleOptions): DynamicModule {
    return {
      module: AccessModule,
      global: true,
      providers: [{ provide: ACCESS_OPTIONS, useValue: options }, ...services, ...enhancers],
      controllers: controllersFor(options),
      exports: exported,
    };
  }

  static forRootAsync(options: AccessModuleAsyncOptions): DynamicModule {
    return {
      module: AccessModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        { provide: ACCESS_OPTIONS, inject: options.inject ?? [], useFactory: options.useFactory },
        ...services,
        ...enhancers,
      ],
      controllers: controllersFor(options),
      exports: exported,
    };
  }
}
