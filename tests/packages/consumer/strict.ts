// A strict TypeScript user of every entry point, type-checked with skipLibCheck off under
// moduleResolution bundler and nodenext: the shipped .d.ts files must resolve and be sound.
import { type HkLeadForm, HkPipelineBoard } from '@hidden-key/elements';
import '@hidden-key/elements/lead-form/lead-form.define.js';
import { createTreeScorer, SCORING_VERSION } from '@hidden-key/scoring';
import { HiddenKey, SDK_VERSION } from '@hidden-key/sdk';
import { analyzeFlip, irr } from '@hidden-key/sdk/analysis';
import { type Lead, LeadStatus } from '@hidden-key/sdk/schemas';
import { createApp, openDatabase, SERVER_VERSION } from '@hidden-key/server';

const versions: string[] = [SDK_VERSION, SCORING_VERSION, SERVER_VERSION];
const hk = new HiddenKey({ apiKey: 'sk_test', baseUrl: 'http://127.0.0.1:1' });
const nameOf = (lead: Lead): string | null => lead.contact.name;
const status: 'new' | 'contacted' | 'qualified' | 'converted' | 'lost' = LeadStatus.parse('new');
const form: HkLeadForm | undefined = document.querySelector('hk-lead-form') ?? undefined;
export const used = [
  versions,
  hk,
  nameOf,
  status,
  form,
  HkPipelineBoard,
  analyzeFlip,
  irr,
  createTreeScorer,
  createApp,
  openDatabase,
];
