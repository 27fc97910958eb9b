import {
  Controller,
  type DynamicModule,
  Get,
  Inject,
  type InjectionToken,
  type ModuleMetadata,
  Module,
  type OptionalFactoryDependency,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthIndicatorFunction, TerminusModule } from '@nestjs/terminus';
import { ProblemException } from '../problems/problem.exception';
import { PublicRoute } from '../public-route';

/** One readiness indicator, e.g. `() => database.pingCheck('database')`. */
export type ReadinessCheck = HealthIndicatorFunction;

export const READINESS_CHECKS = Symbol('stepwell.readinessChecks');

export interface HealthModuleOptions {
  /** Modules that provide what the checks need (the read-model database, later the relay). */
  imports?: ModuleMetadata['imports'];
  inject?: Array<InjectionToken | OptionalFactoryDependency>;
  /** The readiness checks; liveness has none (a live process answers). */
  readiness: (...dependencies: never[]) => ReadinessCheck[];
}

@ApiTags('operations')
// Probes (orchestrators, load balancers) carry no user token; the answers hold no personal data.
@PublicRoute()
@Controller()
class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
  ) {}

  /** Liveness: the process runs and answers. Never depends on anything else, so a restart is never caused by a dependency. */
  @Get('health')
  @HealthCheck()
  liveness() {
    return this.health.check([]);
  }

  /** Readiness: the service can do its work now (its database answers, ...). 503 as a problem document otherwise. */
  @Get('ready')
  @HealthCheck()
  async readiness() {
    try {
      return await this.health.check(this.checks);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as { details?: unknown };
      throw new ProblemException(503, 'not-ready', 'Service not ready', 'A dependency of the service is not available.', {
        checks: result.details ?? {},
      });
    }
  }
}

@Module({})
export class HealthModule {
  /** `GET /health` (liveness) and `GET /ready` (readiness, with the checks the service gives). */
  static forRoot(options: HealthModuleOptions): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false }), ...(options.imports ?? [])],
      controllers: [HealthController],
      providers: [
        {
          provide: READINESS_CHECKS,
          useFactory: options.readiness as (...dependencies: unknown[]) => ReadinessCheck[],
          inject: options.inject ?? [],
        },
      ],
    };
  }
}
