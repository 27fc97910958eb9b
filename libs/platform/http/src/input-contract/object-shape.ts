import { createRequire } from 'node:module';
import { getMetadataStorage } from 'class-validator';
import type { FieldError } from '../problems/problem-details';

type Constructor = new (...args: never[]) => unknown;

// class-transformer keeps its @Type() metadata in a storage it exports from this path without type declarations.
const { defaultMetadataStorage } = createRequire(__filename)('class-transformer/cjs/storage') as {
  defaultMetadataStorage: { findTypeMetadata(target: object, propertyName: string): { typeFunction(): unknown } | undefined };
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * "Objects must be objects": for every `@ValidateNested()` property of a DTO, the value (when given) has the shape
 * the property declares — an array where the property is an array, a plain object (never an array, a string or a
 * number) everywhere else — checked on the plain input before class-transformer turns `"patient": []` into an
 * empty list that every nested rule then passes. Walks nested DTOs (`@Type(() => X)`) to any depth.
 */
export function objectShapeErrors(metatype: Constructor, value: unknown, parent = ''): FieldError[] {
  if (!isPlainObject(value)) return [];
  const errors: FieldError[] = [];
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(metatype as Constructor, '', true, false);
  const nested = new Set(metadatas.filter((meta) => meta.type === 'nestedValidation').map((meta) => meta.propertyName));
  for (const property of nested) {
    const given = value[property];
    if (given === undefined || given === null) continue;
    const field = parent ? `${parent}.${property}` : property;
    const declared: unknown = Reflect.getMetadata('design:type', metatype.prototype as object, property);
    const nestedType = defaultMetadataStorage.findTypeMetadata(metatype, property)?.typeFunction() as Constructor | undefined;
    if (declared === Array) {
      if (!Array.isArray(given)) {
        errors.push({ field, messages: [`${property} must be an array`] });
        continue;
      }
      if (nestedType) given.forEach((item, index) => {
        if (!isPlainObject(item)) errors.push({ field: `${field}[${index}]`, messages: [`${property} items must be objects`] });
        else errors.push(...objectShapeErrors(nestedType, item, `${field}[${index}]`));
      });
      continue;
    }
    if (!isPlainObject(given)) {
      errors.push({ field, messages: [`${property} must be an object`] });
      continue;
    }
    if (nestedType) errors.push(...objectShapeErrors(nestedType, given, field));
  }
  return errors;
}
