import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { objectShapeErrors } from './input-contract/object-shape';
import type { FieldError } from './problems/problem-details';
import { RequestValidationError, flattenValidationErrors } from './problems/request-validation.error';

/** The global pipe, with the object-shape rule checked on the plain input first (see objectShapeErrors). */
class ContractValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.metatype && this.toValidate(metadata)) {
      const shapeErrors = objectShapeErrors(metadata.metatype as never, value);
      if (shapeErrors.length > 0) throw new RequestValidationError(await this.withTheOtherFields(shapeErrors, value, metadata));
    }
    return super.transform(value, metadata);
  }

  /**
   * A wrongly-shaped field must not hide the others (RFC 9457 `errors` names every invalid field): the usual rules
   * still run on the whole input, and their findings about fields the shape rule did not already name are added.
   * Whatever those rules make of a wrongly-shaped value (it may even throw), the shape error is the one reported.
   */
  private async withTheOtherFields(shapeErrors: FieldError[], value: unknown, metadata: ArgumentMetadata): Promise<FieldError[]> {
    const named = shapeErrors.map((error) => error.field);
    const coveredByShape = (field: string) => named.some((shaped) => field === shaped || field.startsWith(`${shaped}.`) || field.startsWith(`${shaped}[`));
    try {
      await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof RequestValidationError) {
        return [...shapeErrors, ...error.errors.filter((other) => !coveredByShape(other.field))];
      }
    }
    return shapeErrors;
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
