import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { useRealServer } from '../client/support/real-server.js';

/*
 * The OpenAPI document as other tools see it: openapi-typescript generates types from the served
 * `/openapi.json`, and a small client written against those types must compile. Named components
 * are what make generated clients readable (`components['schemas']['RentalAnalysis']`, not a
 * 300-line inlined object per operation), so every answer, body and parameter is checked for one.
 */

interface Operation {
  operationId?: string;
  summary?: string;
  parameters?: { name: string; in: string; description?: string }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: Record<string, unknown> }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; responses: Record<string, unknown> };
}

/** Bodies that other systems send in their own format (Twilio's form, Stripe's event): not ours to name. */
const FOREIGN_BODIES = new Set(['POST /v1/inbound/twilio/sms', 'POST /v1/inbound/stripe']);

/** A small program written against the generated types; `@ts-expect-error` lines must fail to compile. */
const CLIENT = `
import type { components, operations, paths } from './api';

type Schemas = components['schemas'];
type Data<Op extends keyof operations, Status extends keyof operations[Op]['responses']> =
  operations[Op]['responses'][Status] extends { content: { 'application/json': { data: infer D } } } ? D : never;

export function describeLead(lead: Schemas['Lead']): string {
  return [lead.contact.name ?? 'unnamed', lead.status, lead.score ?? 'unscored'].join(' · ');
}

export const query: operations['listLeads']['parameters']['query'] = { limit: 50, status: 'new', min_score: 60 };
// @ts-expect-error limit is a number
export const wrongLimit: operations['listLeads']['parameters']['query'] = { limit: 'fifty' };
// @ts-expect-error no such status
export const wrongStatus: operations['listLeads']['parameters']['query'] = { status: 'hot' };
// @ts-expect-error min_score is a number, never null (a query string has no null)
export const nullScore: operations['listLeads']['parameters']['query'] = { min_score: null };

export const created = (answer: Data<'createLead', 201>): boolean => answer.merged;
export const page = (answer: Data<'listOpportunities', 200>): Schemas['Opportunity'][] => answer.items;
export const noi = (answer: Data<'analyzeRental', 200>): number => answer.noi;
export const cashLeft = (answer: Schemas['BrrrrAnalysis']): number => answer.cash_left_in_deal;
export const deleted = (answer: Data<'deleteInvestor', 200>): true => answer.deleted;
export const code = (failure: Schemas['ErrorEnvelope']): Schemas['ErrorCode'] => failure.code;
export const job = (answer: Data<'retrainModel', 202>): Schemas['JobState'] => answer.state;

// A deal's saved analysis is typed by its kind: a rental's input has its rent, no cast needed.
export const savedRent = (deal: Schemas['Opportunity']): number | null =>
  deal.analysis?.kind === 'rental' ? deal.analysis.input.monthly_rent : null;
export const saved: Data<'updateOpportunity', 200>['analysis'] = null;
type OpportunityPatch = NonNullable<operations['updateOpportunity']['requestBody']>['content']['application/json'];
// @ts-expect-error a saved analysis has one of the contract's kinds
export const wrongKind: OpportunityPatch = { analysis: { kind: 'lease', input: {} } };

export const move: paths['/v1/opportunities/{id}/move']['post']['requestBody'] = {
  content: { 'application/json': { stage: 'negotiation', reopen: true } },
};
`;

/** Type-checks `files` (in memory) with the strict options of this repository; answers the messages. */
function typeCheck(files: Record<string, string>): string[] {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  const isVirtual = (name: string) => name.startsWith('/virtual/');
  const virtual = (name: string) => (isVirtual(name) ? files[name.slice('/virtual/'.length)] : undefined);
  host.directoryExists = (name) => name === '/virtual' || ts.sys.directoryExists(name);
  host.fileExists = (name) => virtual(name) !== undefined || ts.sys.fileExists(name);
  host.readFile = (name) => virtual(name) ?? readFile(name);
  host.getSourceFile = (name, language) => {
    const text = virtual(name);
    return text === undefined ? getSourceFile(name, language) : ts.createSourceFile(name, text, language);
  };
  const program = ts.createProgram(['/virtual/client.ts'], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

describe('the OpenAPI document, through openapi-typescript', () => {
  const server = useRealServer('in-process');
  let doc: Document;
  let generated: string;

  beforeAll(async () => {
    doc = (await (await server.app.request('/openapi.json')).json()) as Document;
    generated = astToString(await openapiTS(doc as never));
  });

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        name: `${method.toUpperCase()} ${path}`,
        operation,
      })),
    );

  it('names the schema of every answer and body, and describes every parameter', () => {
    const unnamed: string[] = [];
    for (const { name, operation } of operations()) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (response.$ref) continue;
        const json = response.content?.['application/json']?.schema as
          | { $ref?: string; properties?: { data?: { $ref?: string } } }
          | undefined;
        if (!json) continue;
        const named = status.startsWith('2') ? json.properties?.data?.$ref : json.$ref;
        if (!named) unnamed.push(`${name} ${status}`);
      }
      for (const [type, body] of Object.entries(operation.requestBody?.content ?? {})) {
        if (!body.schema.$ref && !FOREIGN_BODIES.has(name)) unnamed.push(`${name} body ${type}`);
      }
      for (const parameter of operation.parameters ?? []) {
        if (!parameter.description) unnamed.push(`${name} ${parameter.in} ${parameter.name}: no description`);
      }
    }
    expect(unnamed).toEqual([]);
  });

  it('has every reference resolve to a component', () => {
    const text = JSON.stringify(doc);
    const refs = new Set([...text.matchAll(/"\$ref":"#\/components\/(\w+)\/(\w+)"/g)].map((m) => m.slice(1)));
    const missing = [...refs].filter(
      ([kind, name]) => !(doc.components as Record<string, Record<string, unknown>>)[kind!]?.[name!],
    );
    expect(missing).toEqual([]);
  });

  it('generates named types, and a client written against them compiles', () => {
    for (const name of ['Lead', 'LeadPage', 'RentalAnalysis', 'Job', 'ScoringModel', 'WebhookEndpoint']) {
      expect(generated).toMatch(new RegExp(`^ {8}${name}: \\{`, 'm'));
    }
    // Inlined types made this 9,465 lines; named components and shared error answers halve it.
    expect(generated.split('\n').length).toBeLessThan(6000);
    expect(typeCheck({ 'api.ts': generated, 'client.ts': CLIENT })).toEqual([]);
  });

  it('fails to compile a client that misuses the types (the check can fail)', () => {
    const wrong = `${CLIENT}\nexport const bad = (lead: components['schemas']['Lead']): number => lead.status;\n`;
    expect(typeCheck({ 'api.ts': generated, 'client.ts': wrong }).join('\n')).toMatch(
      /not assignable to type 'number'/,
    );
  });
});
