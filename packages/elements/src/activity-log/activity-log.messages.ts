import { failureLabels } from '../base/domain-labels.js';
import type { Catalogue } from '../base/localize.js';

const en = {
  ...failureLabels,
  heading: 'Activity',
  empty: 'Nothing logged yet.',
  loading: 'Loading…',
  loadFailed: (reason: string) => `Could not load the activity: ${reason}.`,
  logKind: 'What happened',
  kind_call: 'Call',
  kind_note: 'Note',
  summary: 'Summary',
  summaryPlaceholder: 'Left a voicemail; will call back Friday.',
  log: 'Log it',
  logging: 'Saving…',
  logged: 'Logged.',
  logFailed: (reason: string) => `Could not log it: ${reason}.`,
  needText: 'Write what happened first.',
  type_call: 'Call',
  type_email: 'Email',
  type_sms: 'Text message',
  type_meeting: 'Meeting',
  type_note: 'Note',
  type_task: 'Task',
};

export type ActivityLogMessages = typeof en;

/** English is built in; other languages load when an element first needs them. */
export const messages: Catalogue<ActivityLogMessages> = {
  en,
  es: () => import('./activity-log.messages.es.js'),
};
