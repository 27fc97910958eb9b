import { plainToInstance } from 'class-transformer';
import type { ValidationError } from 'class-validator';
import { validateSync } from 'class-validator';
import type { IntegrationContract } from './contract';

export type ValidationResult = { ok: true } | { ok: false; problems: string[] };

/**
 * Validates `data` against a contract's payload class. Unknown properties are problems: a payload carries
 * exactly the published fields, which also keeps personal data from slipping in beside them.
 */
export function validateContractData(contract: IntegrationContract, data: unknown): ValidationResult {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, problems: ['data: must be a JSON object'] };
  }
  const instance = plainToInstance(contract.payload, data, { enableImplicitConversion: false });
  const errors = validateSync(instance as object, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  if (errors.length === 0) return { ok: true };
  return { ok: false, problems: flatten(errors, 'data') };
}

function flatten(errors: readonly ValidationError[], path: string): string[] {
  const problems: string[] = [];
  for (const error of errors) {
    const at = `${path}.${error.property}`;
    for (const message of Object.values(error.constraints ?? {})) problems.push(`${at}: ${message}`);
    if (error.children?.length) problems.push(...flatten(error.children, at));
  }
  return problems;
}
