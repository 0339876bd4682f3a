import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { APIError, HiddenKeyError } from './errors.js';

/** Opens the stream, resuming after `lastEventId` when given; throws the client's errors. */
export type StreamOpener = (lastEventId: string | undefined, signal: AbortSignal) => Promise<Response>;

export interface StreamOptions {
  /** Resume after this event id (the last one a previous subscription saw). */
  lastEventId?: string;
  /** Closes the subscription when aborted, like `close()`. */
  signal?: AbortSignal;
  /** Called when a connection opens, including each reconnection. */
  onOpen?: () => void;
  /**
   * Told about every failure: dropped connections and handler errors (both followed by a reconnect
   * that delivers the failed event again) and fatal errors.
   */
  onError?: (error: unknown) => void;
  /** First reconnection delay in ms, doubled per failed attempt (default 1 000, or the server's `retry:`). */
  reconnectDelay?: number;
  /** Ceiling of the reconnection delay in ms (default 30 000). */
  maxReconnectDelay?: number;
}

/** A live subscription: close it to stop reading and stop reconnecting. */
export interface Subscription {
  close(): void;
  /** Settles when the subscription has stopped, by `close()` or by a fatal error. */
  readonly done: Promise<void>;
  /** The id of the last event delivered, to resume from later. */
  readonly lastEventId: string | undefined;
}

/** Answers that another attempt cannot fix: a bad request, a bad key, a missing route. */
const isFatal = (error: unknown) =>
  error instanceof APIError &&
  error.status >= 400 &&
  error.status < 500 &&
  error.status !== 408 &&
  error.status !== 429;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

/**
 * Reads a server-sent-event stream, delivering each message to `onMessage` in order (awaiting it
 * when it returns a promise), and reconnects with exponential backoff and `Last-Event-ID` so no
 * event is lost between connections, nor when `onMessage` throws.
 */
export function readEventStream(
  open: StreamOpener,
  onMessage: (message: EventSourceMessage) => unknown,
  options: StreamOptions = {},
): Subscription {
  const controller = new AbortController();
  const stop = () => controller.abort();
  options.signal?.addEventListener('abort', stop);
  if (options.signal?.aborted) stop();
  let lastEventId = options.lastEventId;
  let baseDelay = options.reconnectDelay ?? 1_000;
  const maxDelay = options.maxReconnectDelay ?? 30_000;

  const readOnce = async () => {
    const response = await open(lastEventId, controller.signal);
    if (!response.body) throw new HiddenKeyError('The event stream has no body');
    options.onOpen?.();
    const pending: EventSourceMessage[] = [];
    const parser = createParser({
      onEvent: (message) => pending.push(message),
      onRetry: (ms) => {
        baseDelay = ms;
      },
    });
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    // Aborting the request does not always end a pending read (an in-process fetch, some proxies):
    // cancelling the reader does, so `close()` settles `done` without waiting for the next message.
    const cancel = () => void reader.cancel().catch(() => undefined);
    controller.signal.addEventListener('abort', cancel, { once: true });
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done || controller.signal.aborted) return;
        parser.feed(decoder.decode(value, { stream: true }));
        for (const message of pending.splice(0)) {
          if (controller.signal.aborted) return;
          // A handler that throws has not handled the event: `lastEventId` stays before it, and the
          // error ends this connection, so the reconnection (after `onError` and the backoff)
          // delivers it again, then everything after it, in order. Skipping it would lose it for
          // good in a mirror that saves `lastEventId`.
          await onMessage(message);
          if (message.id) lastEventId = message.id;
        }
      }
    } finally {
      controller.signal.removeEventListener('abort', cancel);
      await reader.cancel().catch(() => undefined);
    }
  };

  const run = async () => {
    let failures = 0;
    while (!controller.signal.aborted) {
      try {
        await readOnce();
        failures = 0;
      } catch (error) {
        if (controller.signal.aborted) break;
        options.onError?.(error);
        if (isFatal(error)) break;
        failures++;
      }
      if (controller.signal.aborted) break;
      await sleep(Math.min(maxDelay, baseDelay * 2 ** Math.max(0, failures - 1)), controller.signal);
    }
    options.signal?.removeEventListener('abort', stop);
  };

  const done = run();
  return {
    close: stop,
    done,
    get lastEventId() {
      return lastEventId;
    },
  };
}
