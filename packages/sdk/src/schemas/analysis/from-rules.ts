import * as z from 'zod';
import type { FieldRules, NumberRule, ObjectRule } from '../../analysis/rules.js';

/*
 * The zod schema of an analysis rule (see `analysis/rules.ts`): the same ranges, fallbacks and
 * cross-field checks the analysis functions apply by hand, typed field by field.
 */

type ZodOfNumber<Rule> =
  Rule extends NumberRule<number> ? z.ZodDefault<z.ZodNumber> : z.ZodOptional<z.ZodNumber>;

export type ZodOfObject<Fields extends FieldRules> = z.ZodObject<
  { -readonly [Key in keyof Fields]: ZodOf<Fields[Key]> },
  z.core.$strict
>;

type ZodOf<Rule> =
  Rule extends ObjectRule<infer Fields, infer Presence>
    ? Presence extends 'optional'
      ? z.ZodOptional<ZodOfObject<Fields>>
      : Presence extends 'defaulted'
        ? z.ZodPrefault<ZodOfObject<Fields>>
        : ZodOfObject<Fields>
    : ZodOfNumber<Rule>;

function numberSchema(rule: NumberRule) {
  let schema = z.number().min(rule.min).max(rule.max);
  if (rule.integer) schema = schema.int();
  if (rule.description) schema = schema.meta({ description: rule.description });
  return rule.fallback === undefined ? schema.optional() : schema.default(rule.fallback);
}

function objectSchema(rule: ObjectRule): z.ZodType<Record<string, unknown>> {
  const shape: Record<string, z.ZodType> = Object.fromEntries(
    Object.entries(rule.fields).map(([key, field]) => [
      key,
      field.kind === 'number' ? numberSchema(field) : fieldObjectSchema(field),
    ]),
  );
  const object = z.strictObject(shape);
  const schema =
    rule.checks.length === 0
      ? object
      : object.superRefine((value, context) => {
          for (const check of rule.checks) {
            const issue = check(value);
            if (issue) context.addIssue({ code: 'custom', ...issue });
          }
        });
  return rule.description ? schema.meta({ description: rule.description }) : schema;
}

function fieldObjectSchema(rule: ObjectRule): z.ZodType {
  const schema = objectSchema(rule);
  if (rule.presence === 'optional') return schema.optional();
  return rule.presence === 'defaulted' ? schema.prefault({}) : schema;
}

/** The strict zod object for an analysis input rule. */
export const schemaFromRule = <Fields extends FieldRules>(rule: ObjectRule<Fields>): ZodOfObject<Fields> =>
  objectSchema(rule) as unknown as ZodOfObject<Fields>;
