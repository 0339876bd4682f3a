/**
 * The English texts a form shows only once a visitor has started filling it in: problems, the
 * error summary, sending and its outcomes. They come with the sending code (lead-form-flow.ts,
 * in lead-sending.lazy.ts), which adds them to the English catalogue (lead-form.messages.ts) when
 * it arrives, so the embed does not carry them. Other languages hold all their texts in one file.
 */
export const flowMessages = {
  required: 'This field is required.',
  too_long: (max: string) => `Use ${max} characters or fewer.`,
  too_short: (min: string) => `Use at least ${min} characters.`,
  too_small: (min: string) => `Enter ${min} or more.`,
  too_large: (max: string) => `Enter ${max} or less.`,
  email: 'Enter an email address like name@example.com.',
  number: 'Enter a number.',
  integer: 'Enter a whole number.',
  consent: 'Check this box to continue.',
  needContact: 'Enter a name, an email or a phone number.',
  refused: 'This was not accepted. Please check it and try again.',
  summary: (count: number) => (count === 1 ? 'Please fix 1 problem:' : `Please fix ${count} problems:`),
  sending: 'Sending…',
  success: 'Thank you! We received your details and will be in touch soon.',
  rejected: 'We could not accept this form. Please check your details and try again.',
  refusedSetup:
    'This form cannot send your details at the moment, and nothing was saved. Please contact us another way.',
  label_consent: 'Consent',
  problemOf: (label: string, problem: string) => `${label}: ${problem}`,
};
