import { randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';

/**
 * A loopback stand-in of Twilio for the real `twilio` package: its REST API's
 * `POST /2010-04-01/Accounts/{sid}/Messages.json` (Basic auth, form body, Twilio's JSON error
 * shape with its error codes), and Twilio's side of inbound messages, which it POSTs to a URL
 * signed with `X-Twilio-Signature` exactly as Twilio computes it. Nothing in-process is mocked.
 */
export interface TwilioMessage {
  sid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
}

export type TwilioFailure = { status: number; code: number; message: string };

export interface TwilioStandIn {
  /** Give this to the adapter as `TWILIO_API_URL`. */
  readonly apiUrl: string;
  readonly accountSid: string;
  readonly authToken: string;
  readonly messages: TwilioMessage[];
  /** Numbers Twilio knows texted STOP: sends to them fail with error 21610. */
  readonly unsubscribed: Set<string>;
  /** The next sends fail with these answers, in order (e.g. a 500). */
  failNext(...failures: TwilioFailure[]): void;
  /**
   * POSTs an inbound SMS to `url` as Twilio would, signed with this account's token (or
   * `signWith`) over `url` (or `signedUrl`: the public URL Twilio was configured with).
   */
  sendInbound(
    url: string,
    params: Record<string, string>,
    options?: { signWith?: string; signedUrl?: string },
  ): Promise<Response>;
  close(): Promise<void>;
}

const sid = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;

function sendJson(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

export async function startTwilioStandIn(): Promise<TwilioStandIn> {
  const accountSid = sid('AC');
  const authToken = randomBytes(16).toString('hex');
  const messages: TwilioMessage[] = [];
  const unsubscribed = new Set<string>();
  const failures: TwilioFailure[] = [];
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;

  const error = (response: ServerResponse, failure: TwilioFailure) =>
    sendJson(response, failure.status, {
      code: failure.code,
      message: failure.message,
      more_info: `https://www.twilio.com/docs/errors/${failure.code}`,
      status: failure.status,
    });

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = `/2010-04-01/Accounts/${accountSid}/Messages.json`;
      if (request.method !== 'POST' || request.url !== path) {
        error(response, { status: 404, code: 20404, message: 'The requested resource was not found' });
        return;
      }
      if (request.headers.authorization !== expectedAuth) {
        error(response, { status: 401, code: 20003, message: 'Authenticate' });
        return;
      }
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const to = form.get('To') ?? '';
      const failure = failures.shift();
      if (failure) return error(response, failure);
      if (!/^\+[1-9]\d{6,14}$/.test(to))
        return error(response, {
          status: 400,
          code: 21211,
          message: `The 'To' number ${to} is not a valid phone number.`,
        });
      if (unsubscribed.has(to))
        return error(response, {
          status: 400,
          code: 21610,
          message: 'Attempt to send to unsubscribed recipient',
        });
      if (!form.get('From') && !form.get('MessagingServiceSid'))
        return error(response, { status: 400, code: 21603, message: "A 'From' phone number is required." });
      const message: TwilioMessage = {
        sid: sid('SM'),
        to,
        from: form.get('From'),
        messagingServiceSid: form.get('MessagingServiceSid'),
        body: form.get('Body') ?? '',
      };
      messages.push(message);
      const now = new Date().toUTCString();
      sendJson(response, 201, {
        sid: message.sid,
        account_sid: accountSid,
        to: message.to,
        from: message.from,
        messaging_service_sid: message.messagingServiceSid,
        body: message.body,
        status: 'queued',
        direction: 'outbound-api',
        num_segments: '1',
        api_version: '2010-04-01',
        date_created: now,
        date_updated: now,
        date_sent: null,
        error_code: null,
        error_message: null,
        price: null,
        uri: `${path.replace('.json', '')}/${message.sid}.json`,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiUrl: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    messages,
    unsubscribed,
    failNext: (...next) => {
      failures.push(...next);
    },
    sendInbound: (url, params, options = {}) =>
      fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilio.getExpectedTwilioSignature(
            options.signWith ?? authToken,
            options.signedUrl ?? url,
            params,
          ),
          'user-agent': 'TwilioProxy/1.1',
        },
        body: new URLSearchParams(params).toString(),
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
