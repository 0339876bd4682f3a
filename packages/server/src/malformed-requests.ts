import { randomUUID } from 'node:crypto';
import { type Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { ERROR_STATUS, type ErrorCode } from '@hidden-key/sdk/schemas';

/** What Node's HTTP parser refuses before any route sees it, as the envelope's code and message. */
function describe(error: NodeJS.ErrnoException): { code: ErrorCode; message: string } {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return { code: 'header_fields_too_large', message: 'The request headers are too large' };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { code: 'payload_too_large', message: 'The request body chunk extensions are too large' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { code: 'request_timeout', message: 'The request did not arrive in time' };
    default:
      return {
        code: 'bad_request',
        message: `The request is not valid HTTP (${error.code ?? 'parse error'})`,
      };
  }
}

/**
 * Answers requests Node's HTTP parser refuses (a malformed header, a bad Content-Length, headers
 * too large, a body that trickles past the request timeout) with the API's error envelope instead
 * of Node's bare `400 Bad Request`, then closes the connection as Node does. As Node's own handler,
 * it writes nothing once a response on that connection has begun, so the peer is never sent a
 * corrupted answer.
 */
export function answerMalformedRequests(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code !== 'ECONNRESET' && socket.writable && !inFlight?.headersSent) {
      const { code, message } = describe(error);
      const status = ERROR_STATUS[code];
      const body = JSON.stringify({
        success: false,
        error: message,
        code,
        details: {},
        request_id: `req_${randomUUID()}`,
        timestamp: new Date().toISOString(),
      });
      socket.write(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json\r\n` +
          `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy();
  });
}
