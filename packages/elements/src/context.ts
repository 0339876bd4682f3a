import { ContextConsumer, ContextRoot, createContext } from '@lit/context';
import type { ReactiveController, ReactiveElement } from 'lit';
import { type Connection, standaloneConnection } from './connection.js';

/** What `<hk-provider>` gives its descendants; a new value whenever the signed-in state changes. */
export interface HkContext {
  connection: Connection;
  /** Whether requests carry a token; elements fetch only when they do. */
  signedIn: boolean;
}

// `Symbol.for`: the AI panels come from an embed file of their own (hk-insights.js) with its own
// copy of this module; one registered key lets their consumers find the portal's provider.
export const hkContext = createContext<HkContext>(Symbol.for('hk-connection'));

const contextRootAttached = Symbol.for('hk-context-root');

/**
 * Holds context requests no provider answered yet and replays them when one appears: with a
 * single embed script, `<hk-pipeline-board>` may be upgraded before the `<hk-provider>` around it.
 */
function attachContextRoot() {
  const root = document as Document & { [contextRootAttached]?: true };
  if (root[contextRootAttached]) return;
  root[contextRootAttached] = true;
  new ContextRoot().attach(document.documentElement);
}

/** An element that can also work alone, from its own `base-url` and `token` attributes. */
export interface ConnectedHost extends ReactiveElement {
  baseUrl?: string;
  token?: string;
}

/**
 * Gives an element the connection of its nearest `<hk-provider>`, or one built from its own
 * attributes when it has none, and calls `onChange` whenever that changes.
 */
export class ConnectionController implements ReactiveController {
  #fromProvider: HkContext | undefined;
  #current: HkContext | undefined;
  readonly #host: ConnectedHost;
  readonly #onChange: (context: HkContext | undefined) => void;

  constructor(host: ConnectedHost, onChange: (context: HkContext | undefined) => void) {
    this.#host = host;
    this.#onChange = onChange;
    attachContextRoot();
    host.addController(this);
    new ContextConsumer(host, {
      context: hkContext,
      subscribe: true,
      callback: (value) => {
        this.#fromProvider = value;
        this.#resolve();
      },
    });
  }

  get value(): HkContext | undefined {
    return this.#current;
  }

  hostUpdate(): void {
    this.#resolve();
  }

  #resolve(): void {
    const { baseUrl, token } = this.#host;
    const next =
      this.#fromProvider ??
      (baseUrl && token ? { connection: standaloneConnection(baseUrl, token), signedIn: true } : undefined);
    if (next?.connection === this.#current?.connection && next?.signedIn === this.#current?.signedIn) return;
    this.#current = next;
    this.#onChange(next);
  }
}
