// A Hidden Key webhook receiver: `HK_WEBHOOK_SECRET=whsec_... node server.mjs`, then register
// http://<this host>:4000/hooks with POST /v1/webhook-endpoints.
import { createServer } from 'node:http';
import { verifyWebhook, WebhookVerificationError } from '@hidden-key/sdk';

const secret = process.env.HK_WEBHOOK_SECRET;
if (!secret) {
  console.error('Set HK_WEBHOOK_SECRET to the endpoint’s whsec_ secret.');
  process.exit(1);
}
const port = Number(process.env.PORT ?? 4000);

// Hidden Key retries until it sees a 2xx, always with the same webhook-id: remember the ids you
// have handled (a database table with a unique key in real life) so each event is handled once.
const handled = new Set();

function handle(event) {
  switch (event.type) {
    case 'lead.created':
      console.log(`new lead ${event.data.id}: ${event.data.contact?.name ?? 'no name'}`);
      break;
    case 'webhook_endpoint.disabled':
      console.log(`endpoint ${event.data.id} was disabled after failed deliveries`);
      break;
    default:
      console.log(`${event.type} ${event.data.id ?? ''}`);
  }
}

createServer((request, response) => {
  if (request.method !== 'POST' || request.url !== '/hooks') return response.writeHead(404).end();
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    // Verify the raw bytes as received: re-serialised JSON would not match the signature.
    const body = Buffer.concat(chunks).toString('utf8');
    let event;
    try {
      event = verifyWebhook(body, request.headers, secret);
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      return response.writeHead(400).end(error.message);
    }
    const id = request.headers['webhook-id'];
    if (!handled.has(id)) {
      handled.add(id);
      handle(event);
    }
    // Answer fast (within 15 s); do slow work after answering.
    response.writeHead(204).end();
  });
}).listen(port, () => console.log(`Receiving Hidden Key webhooks on http://localhost:${port}/hooks`));
