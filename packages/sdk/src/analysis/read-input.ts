import type { InputIssue, NumberRule, ObjectRule } from './rules.js';

/** An analysis input that breaks its rules; `issues` lists every problem, as zod would. */
export class AnalysisInputError extends RangeError {
  override readonly name = 'AnalysisInputError';
  constructor(readonly issues: InputIssue[]) {
    super(issues.map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`).join('; '));
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function readNumber(rule: NumberRule, value: unknown, path: string[], issues: InputIssue[]) {
  if (value === undefined) return rule.fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    issues.push({
      path,
      message: `Expected a finite number, got ${typeof value === 'string' ? `the string ${JSON.stringify(value)}` : String(value)}`,
    });
  } else if (rule.integer && !Number.isInteger(value)) {
    issues.push({ path, message: `Expected a whole number, got ${value}` });
  } else if (value < rule.min || value > rule.max) {
    issues.push({ path, message: `Expected a number from ${rule.min} to ${rule.max}, got ${value}` });
  }
  return value;
}

function readObject(rule: ObjectRule, value: unknown, path: string[], issues: InputIssue[]) {
  if (value === undefined && rule.presence === 'optional') return undefined;
  const input = value === undefined && rule.presence === 'defaulted' ? {} : value;
  if (!isPlainObject(input)) {
    issues.push({ path, message: 'Expected an object' });
    return input;
  }
  const before = issues.length;
  for (const key of Object.keys(input)) {
    if (!Object.hasOwn(rule.fields, key))
      issues.push({ path: [...path, key], message: `Unknown field "${key}"` });
  }
  const output: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(rule.fields)) {
    const read = field.kind === 'number' ? readNumber : readObject;
    const fieldValue = read(field as never, input[key], [...path, key], issues);
    if (fieldValue !== undefined) output[key] = fieldValue;
  }
  if (issues.length > before) return output;
  for (const check of rule.checks) {
    const issue = check(output);
    if (issue) issues.push({ path: [...path, ...issue.path], message: issue.message });
  }
  return output;
}

/**
 * Checks `input` against `rule` and returns it with every omitted field at its fallback, exactly
 * as the zod schema built from the same rule would parse it. Throws `AnalysisInputError`.
 */
export function readInput<Output>(rule: ObjectRule, input: unknown): Output {
  const issues: InputIssue[] = [];
  const output = readObject(rule, input, [], issues);
  if (issues.length > 0) throw new AnalysisInputError(issues);
  return output as Output;
}
