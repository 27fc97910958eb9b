import { ProblemException } from '../problems/problem.exception';

/** A body the edge refuses before it is parsed or transformed. */
export class InputContractError extends ProblemException {
  readonly code = 'INPUT_CONTRACT' as const;

  constructor(detail: string, field?: string) {
    super(400, 'invalid-input', 'The request is not acceptable input', detail, field === undefined ? {} : { errors: [{ field, messages: [detail] }] });
  }
}

/**
 * The deepest nesting of objects and arrays in JSON text, counted on the raw bytes before `JSON.parse`, so that a
 * ten-thousand-deep body is refused before any recursive code (the parser's reviver, class-transformer) sees it.
 * Stops counting as soon as `limit` is passed.
 */
export function jsonDepthExceeds(text: Buffer | string, limit: number): boolean {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface TextLimits {
  maxArrayItems: number;
  maxStringLength: number;
}

/**
 * Why a text value is refused: a NUL or other C0 control character than tab, CR and LF (PostgreSQL refuses NUL in
 * text; none belongs in clinical free text), an unpaired UTF-16 surrogate (not text at all), or too long.
 */
export function textProblem(value: string, maxLength: number): string | undefined {
  if (value.length > maxLength) return `must be at most ${maxLength} characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value)) return 'must not contain NUL or other control characters';
  if (LONE_SURROGATE.test(value)) return 'must not contain unpaired surrogates (not valid Unicode text)';
  return undefined;
}

const pathOf = (parent: string, key: string | number): string =>
  typeof key === 'number' ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key;

/**
 * Walks a parsed JSON body (or a query object) and throws InputContractError naming the first field that breaks the
 * contract every endpoint shares: no prototype keys (`__proto__`, `constructor`, `prototype`), text that is text,
 * bounded strings and arrays. Iterative, so that it cannot itself overflow the stack.
 */
export function assertAcceptableValue(root: unknown, limits: TextLimits, rootName = '(body)'): void {
  const stack: Array<{ value: unknown; path: string }> = [{ value: root, path: '' }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value, path } = next;
    const field = path || rootName;
    if (typeof value === 'string') {
      const problem = textProblem(value, limits.maxStringLength);
      if (problem) throw new InputContractError(`${field} ${problem}.`, field);
    } else if (Array.isArray(value)) {
      if (value.length > limits.maxArrayItems) {
        throw new InputContractError(`${field} must have at most ${limits.maxArrayItems} items.`, field);
      }
      value.forEach((item, index) => stack.push({ value: item, path: pathOf(path, index) }));
    } else if (typeof value === 'object' && value !== null) {
      for (const key of Object.keys(value)) {
        const keyPath = pathOf(path, key);
        if (FORBIDDEN_KEYS.has(key)) throw new InputContractError(`${keyPath}: the property name "${key}" is not allowed.`, keyPath);
        const keyProblem = textProblem(key, 200);
        if (keyProblem) throw new InputContractError(`A property name in ${field} ${keyProblem}.`, field);
        stack.push({ value: (value as Record<string, unknown>)[key], path: keyPath });
      }
    }
  }
}
