// The lead form's code for once a visitor has started filling it in: checking fields, the error
// summary, building the lead, one attempt per submission, the outbox that keeps what could not be
// sent and retries it, the diagnostics of a refusal, and the texts of all that. The embeds load it
// as a file of its own (lead-sending.js) once a visitor starts filling the form in, or at once
// when the device holds a submission still to send: most visits to a partner's page never need it.
export { LeadFormFlow } from './lead-form-flow.js';
