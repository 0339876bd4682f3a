import { provide } from '@lit/context';
import { css, html, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { HkElement } from '../base/hk-element.js';
import { Connection } from '../connection.js';
import { type HkContext, hkContext } from '../context.js';
import { followSupabaseSession, type SignedInUser, type SupabaseAuthClient } from './supabase-session.js';

/**
 * @tag hk-provider
 * @summary Connects every Hidden Key element inside it to one API host and one signed-in user,
 * sharing one client, one set of live stores and one event stream.
 *
 * @slot - The elements to connect: `<hk-pipeline-board>`, `<hk-lead-list>`, anything else.
 *
 * Give it a `token` (a session token from `POST /v1/sessions`), or a supabase-js client as its
 * `supabase` property: it then takes the access token from the Supabase session and follows
 * sign-in, token refresh and sign-out.
 */
export class HkProvider extends HkElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** Where the API lives, e.g. `https://api.example.com` (no `/v1`). */
  @property({ attribute: 'base-url' }) baseUrl = '';

  /** A session token for the API; ignored while a `supabase` client is set. */
  @property() token = '';

  /** A supabase-js client whose signed-in user's access token authenticates the elements. */
  @property({ attribute: false }) supabase?: SupabaseAuthClient;

  @provide({ context: hkContext })
  @state()
  protected context?: HkContext;

  @state() private supabaseUser: SignedInUser | null = null;

  private connection?: Connection;
  private stopFollowing?: () => void;
  private signedInAs?: string;

  /** The provider's connection, for pages that want the client or the stores themselves. */
  get hk(): Connection | undefined {
    return this.connection;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.context?.signedIn) this.connection?.startLive();
    this.follow();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopFollowing?.();
    this.stopFollowing = undefined;
    this.connection?.stopLive();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('supabase')) this.follow();
    if (changed.has('baseUrl')) {
      this.connection?.stopLive();
      this.connection = this.baseUrl ? new Connection(this.baseUrl) : undefined;
      this.signedInAs = undefined;
    }
    this.applyUser(
      this.supabase ? this.supabaseUser : this.token ? { token: this.token, userId: undefined } : null,
    );
  }

  private follow(): void {
    this.stopFollowing?.();
    this.stopFollowing = undefined;
    if (!this.supabase || !this.isConnected) return;
    this.stopFollowing = followSupabaseSession(this.supabase, (user) => {
      this.supabaseUser = user;
    });
  }

  /** A new token for the same user only swaps the bearer; another user, or none, starts afresh. */
  private applyUser(user: SignedInUser | null): void {
    const connection = this.connection;
    if (!connection) {
      this.context = undefined;
      return;
    }
    connection.setToken(user?.token ?? null);
    // A plain token has no user id: a new one (rotation) counts as the same user.
    const identity = user ? (user.userId ?? 'token') : undefined;
    if (identity === this.signedInAs && this.context?.connection === connection) return;
    if (this.signedInAs !== undefined) {
      connection.stopLive();
      connection.stores.clear();
    }
    this.signedInAs = identity;
    if (user && this.isConnected) connection.startLive();
    this.context = { connection, signedIn: Boolean(user) };
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
