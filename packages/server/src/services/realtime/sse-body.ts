/** Where a stream writes its SSE bytes. */
export interface EventSink {
  /** Queues the chunk; the promise (if any) resolves once the client has room for more. */
  write(chunk: Uint8Array | string): Promise<unknown> | undefined;
  /** True once the client has gone away. */
  readonly aborted: boolean;
}

/** Chunks queued before `write` waits for the client to read (the HTTP layer holds more in the socket). */
const QUEUED_CHUNKS = 4;

const encoder = new TextEncoder();

/**
 * An event stream's response body: one ReadableStream its sink enqueues into. Hono's `streamSSE`
 * passes every chunk through a TransformStream and a second ReadableStream, three promises per
 * write, which for an organisation with hundreds of streams is the bulk of the cost of each event;
 * here a write is one `enqueue` and waits only when the client is not keeping up.
 */
export function createSseBody(onAbort: () => void): {
  body: ReadableStream<Uint8Array>;
  sink: EventSink & { close(): void };
} {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let aborted = false;
  let closed = false;
  // One wait shared by every write made while the queue is full.
  let room: Promise<void> | null = null;
  let release = () => {};
  const freeRoom = () => {
    room = null;
    release();
  };
  const body = new ReadableStream<Uint8Array>(
    {
      start(streamController) {
        controller = streamController;
      },
      pull: freeRoom,
      cancel() {
        // The client went away (the HTTP layer cancels the body when the socket closes).
        aborted = true;
        freeRoom();
        onAbort();
      },
    },
    { highWaterMark: QUEUED_CHUNKS },
  );
  return {
    body,
    sink: {
      get aborted() {
        return aborted;
      },
      write(chunk) {
        if (aborted || closed) return undefined;
        controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
        if ((controller.desiredSize ?? 1) > 0) return undefined;
        room ??= new Promise<void>((resolve) => {
          release = resolve;
        });
        return room;
      },
      close() {
        if (aborted || closed) return;
        closed = true;
        controller.close();
      },
    },
  };
}
