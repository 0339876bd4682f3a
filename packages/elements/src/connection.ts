import { HiddenKeyCore, type Subscription } from '@hidden-key/sdk';
import { atom } from 'nanostores';
import { createStores, type Stores } from './stores/index.js';

export type LiveStatus = 'off' | 'connecting' | 'open';

/**
 * One API host as the elements use it: a client whose bearer token can change (a Supabase session
 * refreshes every hour) without losing the stores built on it, and the event stream that keeps
 * those stores live.
 */
export class Connection {
  readonly baseUrl: string;
  /**
   * The client without the contract's schemas: answers come from the API itself, and validating
   * them in the browser would bundle classic zod into every portal page.
   */
  readonly client: HiddenKeyCore;
  readonly stores: Stores;
  /** Whether the event stream is connected; tests and status badges watch it. */
  readonly $live = atom<LiveStatus>('off');
  #token: string | null = null;
  #subscription: Subscription | undefined;

  constructor(baseUrl: string, token: string | null = null) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.#token = token;
    this.client = new HiddenKeyCore({
      apiKey: token ?? 'signed-out',
      baseUrl: this.baseUrl,
      // The token is read per request, so a refreshed one is used from the next call on.
      fetch: (input, init) => {
        const request = new Request(input, init);
        if (this.#token) request.headers.set('authorization', `Bearer ${this.#token}`);
        return fetch(request);
      },
    });
    this.stores = createStores(this.client, { baseUrl: this.baseUrl });
  }

  get token(): string | null {
    return this.#token;
  }

  setToken(token: string | null): void {
    this.#token = token;
  }

  /** Starts streaming events into the stores (once; the SDK reconnects and resumes by itself). */
  startLive(): void {
    if (this.#subscription) return;
    this.$live.set('connecting');
    this.#subscription = this.client.events.subscribe((event) => this.stores.apply(event), {
      onOpen: () => this.$live.set('open'),
      onError: () => this.$live.set('connecting'),
    });
  }

  stopLive(): void {
    this.#subscription?.close();
    this.#subscription = undefined;
    this.$live.set('off');
  }
}

const standalone = new Map<string, Connection>();

/**
 * The connection an element used without `<hk-provider>` builds from its own `base-url` and
 * `token`; elements on the page with the same pair share it, and its stores.
 */
export function standaloneConnection(baseUrl: string, token: string): Connection {
  const key = `${baseUrl}\n${token}`;
  let connection = standalone.get(key);
  if (!connection) {
    connection = new Connection(baseUrl, token);
    connection.startLive();
    standalone.set(key, connection);
  }
  return connection;
}
