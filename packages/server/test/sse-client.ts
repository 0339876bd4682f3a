import { createParser, type EventSourceMessage } from 'eventsource-parser';

export interface SseStream {
  readonly status: number;
  /** Messages received so far, in order. */
  readonly messages: EventSourceMessage[];
  /** Comment lines received so far (heartbeats). */
  readonly comments: string[];
  /** Resolves once at least `count` messages arrived (rejects after `timeoutMs`). */
  waitForMessages(count: number, timeoutMs?: number): Promise<EventSourceMessage[]>;
  waitForComments(count: number, timeoutMs?: number): Promise<string[]>;
  /** Resolves when the server ends the stream (not when `close()` does). */
  readonly ended: Promise<void>;
  close(): void;
}

/**
 * Opens `GET url` as an event stream over a real socket and collects what arrives. A test reads a
 * stream the way a browser's EventSource does, without its reconnect logic in the way.
 */
export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  const messages: EventSourceMessage[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const waiter of waiters) waiter();
  };
  const parser = createParser({
    onEvent: (message) => {
      messages.push(message);
      notify();
    },
    onComment: (comment) => {
      comments.push(comment);
      notify();
    },
  });
  let ended: Promise<void> = Promise.resolve();
  if (response.body) {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    ended = new Promise((resolve) => {
      void (async () => {
        try {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) return resolve();
            parser.feed(value);
          }
        } catch {
          // aborted by close()
        }
      })();
    });
  }

  const waitFor = <T>(list: T[], count: number, timeoutMs: number) =>
    new Promise<T[]>((resolve, reject) => {
      const check = () => {
        if (list.length < count) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(list.slice(0, count));
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`Expected ${count} items on the stream, got ${list.length}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  return {
    status: response.status,
    messages,
    comments,
    waitForMessages: (count, timeoutMs = 10_000) => waitFor(messages, count, timeoutMs),
    waitForComments: (count, timeoutMs = 10_000) => waitFor(comments, count, timeoutMs),
    ended,
    close: () => controller.abort(),
  };
}
