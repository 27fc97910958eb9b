import type { INestApplication, INestMicroservice } from '@nestjs/common';
import { RethrowRpcErrorsFilter } from './rethrow-errors.filter';
import { type StepwellTransportOptions, StepwellTransport } from './stepwell-transport.strategy';

/**
 * Connects a service's `@EventPattern` handlers to a Stepwell transport. Call before
 * `app.startAllMicroservices()`; `app.close()` stops the consumer.
 *
 * The app's global HTTP filters, pipes and guards are not inherited (an HTTP problem-details filter cannot
 * answer a message); add message-side ones to the returned microservice.
 */
export function connectStepwellConsumer(
  app: INestApplication,
  options: StepwellTransportOptions,
): { strategy: StepwellTransport; microservice: INestMicroservice } {
  const strategy = new StepwellTransport(options);
  // Deferred so that the filter is in place before Nest builds the handlers (it reads filters then); the
  // three calls below are what connectMicroservice does itself when not deferred.
  const microservice = app.connectMicroservice({ strategy }, { inheritAppConfig: false, deferInitialization: true });
  microservice.useGlobalFilters(new RethrowRpcErrorsFilter());
  const internal = microservice as unknown as DeferredMicroservice;
  internal.registerListeners();
  internal.setIsInitialized(true);
  internal.setIsInitHookCalled(true);
  return { strategy, microservice };
}

/** Public methods of Nest's `NestMicroservice` class that its `INestMicroservice` interface does not list. */
interface DeferredMicroservice {
  registerListeners(): void;
  setIsInitialized(value: boolean): void;
  setIsInitHookCalled(value: boolean): void;
}
