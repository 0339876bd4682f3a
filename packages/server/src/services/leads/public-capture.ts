import type { PublicLeadCreate } from '@hidden-key/sdk/schemas';
import type * as z from 'zod';
import type { LeadCreateInput } from './create-lead.js';

/** The source of every lead captured through a publishable key. */
export const CAPTURE_SOURCE = 'web_form';

/**
 * A form submission as a lead: only the capture fields are carried over; status, priority and
 * source are the server's, and the consent's time comes from the server, not the browser.
 */
export function captureToLeadInput(capture: z.output<typeof PublicLeadCreate>): LeadCreateInput {
  return {
    source: CAPTURE_SOURCE,
    status: 'new',
    priority: 'medium',
    contact: capture.contact,
    property: capture.property,
    motivation: capture.motivation,
    attribution: capture.attribution,
    consent: capture.consent ? { text: capture.consent.text, version: capture.consent.version } : null,
    custom_fields: capture.custom_fields,
  };
}
