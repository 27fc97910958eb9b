import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { objectShapeErrors } from './input-contract/object-shape';
import { RequestValidationError, flattenValidationErrors } from './problems/request-validation.error';

/** The global pipe, with the object-shape rule checked on the plain input first (see objectShapeErrors). */
class ContractValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.metatype && this.toValidate(metadata)) {
      const errors = objectShapeErrors(metadata.metatype as never, value);
      if (errors.length > 0) throw new RequestValidationError(errors);
    }
    return super.transform(value, metadata);
  }
}

/**
 * Global pipe: unknown properties are refused (not silently dropped), payloads become DTO instances, and a nested
 * DTO property must hold an object (an array where declared as one) — `"patient": []` is a 400, not a 500.
 */
export function createValidationPipe(): ValidationPipe {
  return new ContractValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
  });
}
