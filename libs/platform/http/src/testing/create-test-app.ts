import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { configureApp, type ServiceHttpOptions } from '../configure-app';

/**
 * The service as `bootstrapService` would run it (same filter, pipe, correlation ids, docs, health), initialised
 * but not listening: hand `app.getHttpServer()` to supertest. Close it with `app.close()`.
 */
export async function createTestApp(
  module: DynamicModule | Type<unknown>,
  options: ServiceHttpOptions = { name: 'test' },
): Promise<INestApplication> {
  // Errors only: a test that expects a 500 still shows what was logged.
  const app = await NestFactory.create(module, { logger: ['fatal', 'error'] });
  configureApp(app, options);
  await app.init();
  return app;
}
