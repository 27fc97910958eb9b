import { ValidationPipe } from '@nestjs/common';
import { RequestValidationError, flattenValidationErrors } from './problems/request-validation.error';

/** Global pipe: unknown properties are refused (not silently dropped), payloads become DTO instances. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
  });
}
