import type * as contract from '../../schemas/index.js';
import { RequestValidationError, ResponseValidationError, type ValidationIssue } from './errors.js';

type ParseResult = { success: true } | { success: false; error: { issues: ValidationIssue[] } };

/** What the client needs from a schema: zod's `safeParse`, or anything shaped like it. */
export interface Schema {
  safeParse(value: unknown): ParseResult;
  /** Used for arguments when present, so a rule may load what it checks with (the phone rule). */
  safeParseAsync?(value: unknown): Promise<ParseResult>;
}

type SchemaNames<Module> = {
  [Name in keyof Module]: Module[Name] extends Schema ? Name : never;
}[keyof Module];

/** The name of a schema of `@hidden-key/sdk/schemas`, e.g. `LeadCreate`. */
export type SchemaName = SchemaNames<typeof contract>;

/**
 * The schemas a client validates with, by name. The full client passes the whole contract; the
 * core client passes none, so zod stays out of its bundle.
 */
export type SchemaSet = { readonly [Name in SchemaName]?: Schema } & { readonly [name: string]: unknown };

const lookup = (schemas: SchemaSet, name: string): Schema | undefined => {
  const schema = schemas[name] as Schema | undefined;
  return typeof schema?.safeParse === 'function' ? schema : undefined;
};

/** Checks a call's arguments before anything is sent; the original value is what travels. */
export async function validateRequest(schemas: SchemaSet, name: string, value: unknown): Promise<void> {
  const schema = lookup(schemas, name);
  if (!schema) return;
  const result = schema.safeParseAsync ? await schema.safeParseAsync(value) : schema.safeParse(value);
  if (!result.success) throw new RequestValidationError(name, result.error.issues);
}

/** Checks what the server answered; unknown extra fields pass through untouched. */
export function validateResponse(
  schemas: SchemaSet,
  name: string,
  value: unknown,
  requestId: string | undefined,
): void {
  const result = lookup(schemas, name)?.safeParse(value);
  if (result && !result.success) throw new ResponseValidationError(name, result.error.issues, requestId);
}
