import { connect } from 'node:net';
import { ErrorEnvelope } from '@hidden-key/sdk/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../test/harness.js';
import { type RunningServer, startServer } from './server.js';

const test = useTestServer();
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ handle: test.handle, port: 0, hostname: '127.0.0.1', requestTimeoutMs: 500 });
});
afterAll(() => server?.close());

/** Writes `request` as raw bytes and resolves with everything the server sent before it closed. */
const sendRaw = (request: string) =>
  new Promise<string>((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => socket.write(request));
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
    });
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
  });

/** The status and the envelope of a raw answer; the body must parse as the API's error envelope. */
function parse(answer: string) {
  const [head, body] = answer.split('\r\n\r\n');
  return {
    status: Number(head!.split(' ')[1]),
    head: head!.toLowerCase(),
    envelope: ErrorEnvelope.parse(JSON.parse(body!)),
  };
}

describe('requests the HTTP parser refuses', () => {
  it.each([
    ['a header line without a colon', 'GET /v1/leads HTTP/1.1\r\nhost: x\r\nBad Header\r\n\r\n'],
    ['a space in the path', 'GET /v1/le ads HTTP/1.1\r\nhost: x\r\n\r\n'],
    [
      'a Content-Length that is not a number',
      'POST /v1/leads HTTP/1.1\r\nhost: x\r\ncontent-length: abc\r\n\r\n',
    ],
    [
      'a chunk size that is not hex',
      'POST /v1/leads HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\nZZ\r\n',
    ],
  ])('answer %s with a 400 in the error envelope', async (_, request) => {
    const answer = parse(await sendRaw(request));
    expect(answer.status).toBe(400);
    expect(answer.head).toContain('content-type: application/json');
    expect(answer.head).toContain('connection: close');
    expect(answer.envelope).toMatchObject({ success: false, code: 'bad_request' });
    expect(answer.envelope.error).toMatch(/not valid HTTP/);
  });

  it('answers headers larger than Node allows with 431 header_fields_too_large', async () => {
    const answer = parse(
      await sendRaw(`GET /healthz HTTP/1.1\r\nhost: x\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`),
    );
    expect(answer.status).toBe(431);
    expect(answer.envelope.code).toBe('header_fields_too_large');
  });

  it('answers a body that stops arriving with 408 request_timeout', async () => {
    const answer = parse(
      await sendRaw(
        'POST /v1/public/leads HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"a"',
      ),
    );
    expect(answer.status).toBe(408);
    expect(answer.envelope.code).toBe('request_timeout');
  });

  it('goes on serving after each refusal', async () => {
    const answer = await sendRaw('GET /healthz HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
  });
});
