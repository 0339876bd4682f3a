import type { Database } from '../../db/database.js';
import { EVENTS_CHANNEL } from '../events.js';
import { type ChannelListener, channelListener } from './channel-listener.js';

/** Called when an organisation may have new events; the stream then reads them from the table. */
export type Wake = () => void;

/**
 * Wakes the event streams of this process when another transaction, in this process or any other
 * on the same database, commits events. NOTIFY is only a wake-up: streams read the events table
 * (the source of truth), so a lost or duplicated notification costs latency, never an event.
 */
export interface EventBus {
  /**
   * Registers `wake` for the organisation's events; resolves once the bus is listening, so a
   * stream that reads the table afterwards cannot miss a commit in between. Returns the unsubscribe.
   */
  subscribe(organizationId: string, wake: Wake): Promise<() => void>;
  /** Stops listening and drops every subscriber. */
  close(): Promise<void>;
}

const organizationOf = (payload: string): string | null => {
  try {
    const parsed = JSON.parse(payload) as { organization_id?: unknown };
    return typeof parsed.organization_id === 'string' ? parsed.organization_id : null;
  } catch {
    return null;
  }
};

/**
 * An event bus over a channel listener. The listener runs only while someone subscribes, so an
 * app with no open stream holds no extra connection; start and stop are serialised on one chain.
 */
function busOver(listener: ChannelListener): EventBus {
  const subscribers = new Map<string, Set<Wake>>();
  let count = 0;
  let running = false;
  let closed = false;
  let transition: Promise<void> = Promise.resolve();

  const wakeAll = () => {
    for (const wakes of subscribers.values()) for (const wake of wakes) wake();
  };
  const onPayload = (payload: string) => {
    const organizationId = organizationOf(payload);
    // An unreadable payload could concern anyone: wake everyone rather than risk a stall.
    const targets = organizationId ? [subscribers.get(organizationId)] : [...subscribers.values()];
    for (const wakes of targets) for (const wake of wakes ?? []) wake();
  };
  const sync = () => {
    transition = transition.then(async () => {
      if (count > 0 && !running) {
        await listener.start(onPayload, wakeAll);
        running = true;
      } else if (count === 0 && running) {
        running = false;
        await listener.stop();
      }
    });
    return transition;
  };

  return {
    async subscribe(organizationId, wake) {
      if (closed) throw new Error('The event bus is closed');
      const wakes = subscribers.get(organizationId) ?? new Set<Wake>();
      subscribers.set(organizationId, wakes);
      const entry: Wake = () => wake();
      wakes.add(entry);
      count++;
      let active = true;
      const unsubscribe = () => {
        if (!active || closed) return;
        active = false;
        wakes.delete(entry);
        if (wakes.size === 0 && subscribers.get(organizationId) === wakes) subscribers.delete(organizationId);
        count--;
        void sync().catch(() => undefined);
      };
      try {
        await sync();
      } catch (error) {
        unsubscribe();
        throw error;
      }
      return unsubscribe;
    },
    async close() {
      closed = true;
      subscribers.clear();
      count = 0;
      await sync();
    },
  };
}

/** The bus for a database opened by `openDatabase`: PGlite's own LISTEN, or a dedicated pg client. */
export function createEventBus(db: Database): EventBus {
  return busOver(channelListener(db, EVENTS_CHANNEL));
}
