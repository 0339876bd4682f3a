import type { EventType, HkEvent } from '../../schemas/index.js';
import { HiddenKeyError } from '../core/errors.js';
import { APIResource } from '../core/resource.js';
import { readEventStream, type StreamOptions, type Subscription } from '../core/sse.js';

export interface SubscribeOptions extends StreamOptions {
  /** Only these event types (default: all). */
  types?: EventType[];
}

/** Realtime changes in the organisation: `GET /v1/events` as server-sent events. */
export class Events extends APIResource {
  /**
   * Calls `handler` with each event, in order, until closed; reconnects with backoff and resumes
   * after the last event seen, so none is missed or repeated.
   *
   * ```ts
   * const subscription = hk.events.subscribe((event) => console.log(event.type), { types: ['lead.created'] });
   * subscription.close();
   * ```
   */
  subscribe(handler: (event: HkEvent) => unknown, options: SubscribeOptions = {}): Subscription {
    const { types } = options;
    const query = types?.length ? { types: types.join(',') } : {};
    return readEventStream(
      (lastEventId, signal) => this.client.openStream('/v1/events', query, lastEventId, signal),
      (message) => {
        // Named non-change messages (a `ready` or `ping` some servers send) carry no event.
        if (message.event && !message.event.includes('.')) return;
        let event: HkEvent;
        try {
          event = JSON.parse(message.data);
        } catch {
          throw new HiddenKeyError(`Event ${message.id ?? ''} is not JSON`);
        }
        this.client.checkResponse('HkEvent', event);
        if (!types || types.includes(event.type)) return handler(event);
      },
      options,
    );
  }
}
