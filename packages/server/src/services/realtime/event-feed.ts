import type { EventType } from '@hidden-key/sdk/schemas';
import type { Database } from '../../db/database.js';
import { withOrganization } from '../../db/tenant.js';
import type { EventBus } from './event-bus.js';
import { horizonPosition, readEvents, type StoredEvent, type StreamPosition } from './event-cursor.js';
import { Wakeup } from './wakeup.js';

/** One event as every stream sends it: serialised once, whatever the number of streams. */
export interface FeedEvent {
  position: StreamPosition;
  id: number;
  type: EventType;
  /** `created_at` in epoch milliseconds (the lag metric), parsed once. */
  createdAtMs: number;
  /** The whole SSE message (`event:`, `data:`, `id:`), UTF-8. */
  message: Uint8Array;
}

/** The events one read of the table released, with all their messages joined for streams that take them all. */
export interface FeedBatch {
  events: FeedEvent[];
  messages: Uint8Array;
}

/**
 * One stream's place on its organisation's feed. The feed queues what it reads; the stream takes
 * it when woken. Events the stream could not have queued (read before it joined, or dropped because
 * its client reads too slowly) lie at or before `gapUntil`: the stream reads those from the table.
 */
export interface FeedSubscription {
  /** Notified when batches arrive or the feed fails (and by the stream's own timers and aborts). */
  readonly wakeup: Wakeup;
  /** Non-null while the stream must read the table itself up to this position. */
  gapUntil: StreamPosition | null;
  /** Set when the feed's read failed: the stream ends and its client resumes with Last-Event-ID. */
  readonly failure: Error | null;
  /** The batches queued since the last call. */
  take(): FeedBatch[];
  /** Leaves the feed; the last stream of an organisation to leave stops its feed. */
  close(): void;
}

export interface EventFeeds {
  /**
   * Joins the organisation's feed, starting it (LISTEN, then the horizon) if this is the
   * organisation's first stream here. Resolves once the feed listens, so a start position read
   * afterwards misses nothing.
   */
  join(organizationId: string): Promise<FeedSubscription>;
  /** How many organisations have a feed running (for tests and metrics). */
  readonly running: number;
}

/** Events read per query; a full batch is followed at once by the next. */
export const FEED_BATCH_SIZE = 200;
/** Queued events beyond which a slow stream is switched to reading the table itself. */
export const MAX_QUEUED_EVENTS = 1_000;
/** Re-reads while committed events wait behind an older transaction: no NOTIFY will say when it ends. */
const HELD_BACK_FIRST_MS = 20;
const HELD_BACK_MAX_MS = 250;
/**
 * After a read that delivered, the next one waits this long per stream of the organisation (at
 * most PACE_MAX_MS). Sending costs a socket write per stream per batch, on the server and on each
 * client, so a crowded organisation gets fewer, larger batches: 100 streams (the default cap)
 * wait 50 ms, 400 wait 200 ms and write ~40 times fewer chunks under load, while one stream waits
 * 0.5 ms. The first event after a quiet spell goes out at once.
 */
const PACE_PER_STREAM_MS = 0.5;
const PACE_MAX_MS = 250;
/**
 * A quiet feed reads again after this long without a wake-up: a notification sent after its
 * commit (`notifyAfterCommit`) is lost if the sender dies in between, and the event would
 * otherwise wait for the organisation's next one.
 */
export const IDLE_REREAD_MS = 5_000;

const encoder = new TextEncoder();

/** The SSE message Hono's `writeSSE` would write for the event, built once for every stream. */
export function toFeedEvent({ position, event }: StoredEvent): FeedEvent {
  const text = `event: ${event.type}\ndata: ${JSON.stringify(event)}\nid: ${event.id}\n\n`;
  return {
    position,
    id: position.id,
    type: event.type,
    createdAtMs: Date.parse(event.created_at),
    message: encoder.encode(text),
  };
}

export function joinMessages(events: readonly FeedEvent[]): Uint8Array {
  if (events.length === 1) return events[0]!.message;
  return Buffer.concat(events.map((event) => event.message));
}

class Subscriber implements FeedSubscription {
  readonly wakeup = new Wakeup();
  gapUntil: StreamPosition | null;
  failure: Error | null = null;
  #queue: FeedBatch[] = [];
  #queued = 0;
  #leave: (subscriber: Subscriber) => void;
  #maxQueued: number;

  constructor(joinedAt: StreamPosition, maxQueued: number, leave: (subscriber: Subscriber) => void) {
    this.gapUntil = joinedAt;
    this.#maxQueued = maxQueued;
    this.#leave = leave;
  }

  deliver(batch: FeedBatch, feedPosition: StreamPosition) {
    if (this.#queued + batch.events.length > this.#maxQueued) {
      // Memory stays bounded for a client that stopped reading: it catches up from the table.
      this.#queue = [];
      this.#queued = 0;
      this.gapUntil = feedPosition;
    } else {
      this.#queue.push(batch);
      this.#queued += batch.events.length;
    }
    this.wakeup.notify();
  }

  fail(error: Error) {
    this.failure = error;
    this.wakeup.notify();
  }

  take() {
    const batches = this.#queue;
    this.#queue = [];
    this.#queued = 0;
    return batches;
  }

  close() {
    this.#leave(this);
  }
}

/**
 * The shared reader of one organisation's events on this instance: one read of the table per
 * wake-up, whatever the number of the organisation's streams, each event serialised once and
 * handed to every stream in memory. Streams keep their own position, type filter and
 * already-committed set, so each still sends exactly what a read of its own would have.
 */
class OrganizationFeed {
  readonly subscribers = new Set<Subscriber>();
  readonly wakeup = new Wakeup();
  position: StreamPosition = { txId: '0', id: 0 };
  #stopBus: () => void = () => {};
  #stopped = false;

  constructor(
    private readonly db: Database,
    private readonly organizationId: string,
    private readonly maxQueued: number,
    private readonly idleRereadMs: number,
    private readonly onStopped: () => void,
    private readonly onDelivered: (events: readonly FeedEvent[]) => void,
  ) {}

  async start(eventBus: EventBus) {
    // Listen first, then take the horizon: whatever commits in between is read by the first pass.
    this.#stopBus = await eventBus.subscribe(this.organizationId, () => this.wakeup.notify());
    try {
      this.position = await horizonPosition(this.db);
    } catch (error) {
      this.#stopBus();
      throw error;
    }
  }

  add(leave: (subscriber: Subscriber) => void): Subscriber {
    const subscriber = new Subscriber(this.position, this.maxQueued, leave);
    this.subscribers.add(subscriber);
    return subscriber;
  }

  get stopped() {
    return this.#stopped;
  }

  remove(subscriber: Subscriber) {
    this.subscribers.delete(subscriber);
    if (this.subscribers.size === 0) this.stop();
  }

  stop() {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#stopBus();
    this.onStopped();
    this.wakeup.notify();
  }

  async run() {
    let heldBackDelay = HELD_BACK_FIRST_MS;
    try {
      while (!this.#stopped) {
        // Each pass in a transaction of its own, limited to the organisation (row-level security).
        const batch = await withOrganization(this.db, this.organizationId, (tx) =>
          readEvents(tx, this.organizationId, this.position, { limit: FEED_BATCH_SIZE }),
        );
        if (this.#stopped) return;
        if (batch.events.length > 0) {
          const events = batch.events.map(toFeedEvent);
          const delivered: FeedBatch = { events, messages: joinMessages(events) };
          this.position = events.at(-1)!.position;
          for (const subscriber of this.subscribers) subscriber.deliver(delivered, this.position);
          this.onDelivered(events);
          const pace = Math.min(PACE_MAX_MS, this.subscribers.size * PACE_PER_STREAM_MS);
          if (pace >= 1) await new Promise((resolve) => setTimeout(resolve, pace));
          if (this.#stopped) return;
        }
        if (batch.events.length === FEED_BATCH_SIZE) continue;
        if (batch.heldBack) {
          await this.wakeup.wait(heldBackDelay);
          heldBackDelay = Math.min(heldBackDelay * 2, HELD_BACK_MAX_MS);
        } else {
          heldBackDelay = HELD_BACK_FIRST_MS;
          await this.wakeup.wait(this.idleRereadMs);
        }
      }
    } catch (error) {
      // The feed's streams end (their clients resume with Last-Event-ID); the next stream starts a new feed.
      const subscribers = [...this.subscribers];
      this.subscribers.clear();
      this.stop();
      for (const subscriber of subscribers) subscriber.fail(error as Error);
    }
  }
}

/** The feeds of this instance, one per organisation that has an open stream. */
export function createEventFeeds(
  db: Database,
  eventBus: EventBus,
  options: {
    maxQueuedEvents?: number;
    /** How long a quiet feed waits for a wake-up before reading anyway (default `IDLE_REREAD_MS`). */
    idleRereadMs?: number;
    /** Each batch as the feed hands it to the organisation's streams (the event bus lag metric). */
    onDelivered?: (events: readonly FeedEvent[]) => void;
  } = {},
): EventFeeds {
  const maxQueued = options.maxQueuedEvents ?? MAX_QUEUED_EVENTS;
  const idleRereadMs = options.idleRereadMs ?? IDLE_REREAD_MS;
  const onDelivered = options.onDelivered ?? (() => {});
  const feeds = new Map<string, Promise<OrganizationFeed>>();

  const startFeed = (organizationId: string) => {
    const forget = () => {
      if (feeds.get(organizationId) === starting) feeds.delete(organizationId);
    };
    const feed = new OrganizationFeed(db, organizationId, maxQueued, idleRereadMs, forget, onDelivered);
    const starting = feed.start(eventBus).then(() => {
      void feed.run();
      return feed;
    });
    feeds.set(organizationId, starting);
    // A feed that failed to start is forgotten, so the next stream tries again.
    starting.catch(forget);
    return starting;
  };

  return {
    async join(organizationId) {
      for (;;) {
        const feed = await (feeds.get(organizationId) ?? startFeed(organizationId));
        // Its last stream may have left (or its read failed) while this one waited: start anew.
        if (!feed.stopped) return feed.add((subscriber) => feed.remove(subscriber));
      }
    },
    get running() {
      return feeds.size;
    },
  };
}
