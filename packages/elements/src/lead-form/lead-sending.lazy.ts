// The lead form's sending code: one attempt per submission, the outbox that keeps what could not
// be sent and retries it, and the diagnostics of a refusal. The embeds load it as a file of its
// own (lead-sending.js) once a visitor starts filling the form in, or at once when the device
// holds a submission still to send: most visits to a partner's page never need it.
export { OutboxController } from './outbox-controller.js';
