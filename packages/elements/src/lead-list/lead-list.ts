import type { Page } from '@hidden-key/sdk';
import type { Lead, LeadPriority, LeadSort, LeadStatus } from '@hidden-key/sdk/schemas';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { LEAD_PRIORITIES, LEAD_STATUSES } from '../base/contract-lists.js';
import { failureText, loadProblemOf } from '../base/error-text.js';
import { HkElement } from '../base/hk-element.js';
import { formatPhone, sourceLabel } from '../base/lead-text.js';
import { LocalizeController } from '../base/localize.js';
import { SettleController } from '../base/settle-controller.js';
import { ConnectionController, type HkContext } from '../context.js';
import { LEAD_ORDER } from '../stores/index.js';
import { type LeadListMessages, messages } from './lead-list.messages.js';
import { styles } from './lead-list.styles.js';
import { admitsLive, insertionIndex, type LeadListFilter, toQuery } from './lead-query.js';
import { VirtualRows } from './virtual-rows.js';

export interface LeadSelectedDetail {
  lead: Lead;
}
export interface LeadStatusChangedDetail {
  lead: Lead;
  previous: LeadStatus;
}

declare global {
  interface HTMLElementEventMap {
    'hk-lead-selected': CustomEvent<LeadSelectedDetail>;
    'hk-lead-status-changed': CustomEvent<LeadStatusChangedDetail>;
  }
}

const SORTS: LeadSort[] = ['-priority', '-created_at', 'created_at', '-score', '-updated_at'];
/** Fetch the next page when the last rendered row is this close to the end of what is loaded. */
const PREFETCH_ROWS = 30;
const SEARCH_DEBOUNCE_MS = 300;

/**
 * @tag hk-lead-list
 * @summary The organisation's leads: filters, server full-text search, sorts, inline status
 * change and live updates, virtually scrolled so 100,000 rows stay smooth.
 *
 * The rows are one stop in the Tab order: Up and Down arrows (Home, End) move between leads'
 * names, Tab reaches the focused lead's status select and then leaves the list.
 *
 * @event {CustomEvent<LeadSelectedDetail>} hk-lead-selected - A lead's name was activated. `detail: { lead }`.
 * @event {CustomEvent<LeadStatusChangedDetail>} hk-lead-status-changed - The server accepted an inline status change. `detail: { lead, previous }`.
 *
 * @csspart toolbar - Filters, search and sort.
 * @csspart header - The column headings.
 * @csspart row - One lead.
 * @csspart name - A lead's name button.
 * @csspart status - A lead's status select.
 * @csspart score - A lead's score badge.
 * @csspart notice - The message shown when a change or a load fails.
 *
 * @cssproperty --hk-lead-list-height - Height of the scrolling list (default 70vh).
 * @cssproperty --hk-font - Font family.
 * @cssproperty --hk-font-size - Base font size.
 * @cssproperty --hk-color-text - Text colour.
 * @cssproperty --hk-color-focus - Focus ring.
 * @cssproperty --hk-space-m - Gap between items.
 * @cssproperty --hk-space-s - Gap inside controls.
 * @cssproperty --hk-space-xs - Smallest gap.
 * @cssproperty --hk-color-muted - Secondary text.
 * @cssproperty --hk-color-surface - Background of panels, inputs and menus.
 * @cssproperty --hk-color-border - Borders of inputs and panels.
 * @cssproperty --hk-radius - Corner radius.
 * @cssproperty --hk-color-primary - Buttons, links and accents.
 * @cssproperty --hk-color-danger - Errors and refusals.
 * @cssproperty --hk-color-success - Confirmations.
 * @cssproperty --hk-color-on-primary - Text on primary buttons.
 */
export class HkLeadList extends HkElement {
  static override styles = styles;

  /** Replaces any of its texts by message key (`lead-list.messages.ts`), in every language; see the README. */
  declare strings: Partial<LeadListMessages>;

  /** API host, when the list is used without an `<hk-provider>`. */
  @property({ attribute: 'base-url' }) baseUrl = '';
  /** Session token, when the list is used without an `<hk-provider>`. */
  @property() token = '';
  /** Initial sort; the user can change it. */
  @property() sort: LeadSort = '-priority';

  @state() private filter: LeadListFilter = {
    status: '',
    source: '',
    priority: '',
    q: '',
    sort: '-priority',
  };
  @state() private rows: Lead[] = [];
  @state() private loading = false;
  /** Whether the server's list has arrived: until it has, "No leads match." would be a lie. */
  @state() private loaded = false;
  @state() private notice = '';
  /** The notice is about a failed load, and offers to try again. */
  @state() private loadFailed = false;

  private readonly t = new LocalizeController<LeadListMessages>(this, messages);
  private readonly connection = new ConnectionController(this, (context) => this.connect(context));
  private unsubscribe?: () => void;
  private page: Page<Lead> | undefined;
  private generation = 0;
  private known = new Set<string>();
  private searchTimer = 0;
  /** The lead whose row is in the Tab order (the first one until another is focused). */
  @state() private activeId = '';
  /** Status changes picked with the keyboard, saved once the person settles on one (Enter, blur, a pause). */
  private readonly statusChoice = new SettleController<Lead, LeadStatus>(this, (lead, status) =>
    this.changeStatus(lead, status),
  );
  /** Whether the select being changed was last opened with the pointer (a pick, saved at once). */
  private pickedWithPointer = false;
  private readonly virtual = new VirtualRows(
    this,
    () => this.renderRoot.querySelector<HTMLElement>('.rows'),
    () => this.rows.length,
    (end) => {
      if (end >= this.rows.length - PREFETCH_ROWS) this.loadMore();
    },
  );

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('sort') && this.sort !== this.filter.sort)
      this.filter = { ...this.filter, sort: this.sort };
  }

  private get store() {
    return this.connection.value?.connection.stores.leads;
  }

  private connect(context: HkContext | undefined): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.rows = [];
    this.page = undefined;
    this.loaded = false;
    if (!context) return;
    const store = context.connection.stores.leads;
    // Paint what was kept locally at once, then replace it with the server's answer.
    this.rows = [...store.$leads.get().values()]
      .filter((lead) => admitsLive(this.filter, lead))
      .sort(LEAD_ORDER[this.filter.sort]);
    this.known = new Set(store.$leads.get().keys());
    this.unsubscribe = store.$leads.listen((leads) => this.follow(leads));
    if (context.signedIn) this.load();
  }

  /** Applies store changes to the rows shown: new versions, deletions, and leads created live. */
  private follow(leads: ReadonlyMap<string, Lead>) {
    const order = LEAD_ORDER[this.filter.sort];
    const rows = this.rows.flatMap((row) => leads.get(row.id) ?? []);
    const arrived: Lead[] = [];
    for (const [id, lead] of leads) {
      if (this.known.has(id)) continue;
      this.known.add(id);
      if (admitsLive(this.filter, lead)) arrived.push(lead);
    }
    // A few live arrivals slot in place; a bulk arrival (a restored cache, a seed) sorts once.
    if (arrived.length > 50) this.showRows([...rows, ...arrived].sort(order));
    else {
      for (const lead of arrived) rows.splice(insertionIndex(rows, lead, order), 0, lead);
      this.showRows(rows);
    }
  }

  /**
   * Replaces the rows without losing a keyboard user's place: leads slotted in above the focused
   * one (a next page sorted among them, a live arrival) can push it out of the rendered window,
   * which takes focus to the page, so it is scrolled back into view and focused again.
   */
  private async showRows(rows: Lead[]) {
    const focused = this.shadowRoot?.activeElement?.closest<HTMLElement>('[data-id]')?.dataset.id;
    this.rows = rows;
    if (!focused) return;
    await this.updateComplete;
    if (!this.shadowRoot?.activeElement && rows.some((row) => row.id === focused))
      await this.focusRow(focused);
  }

  /** Asks the server for the first page of the current filters; an older answer is dropped. */
  private async load() {
    const store = this.store;
    if (!store) return;
    const generation = ++this.generation;
    this.loading = true;
    try {
      const page = await store.fetch(toQuery(this.filter));
      if (generation !== this.generation) return;
      this.page = page;
      this.known = new Set(store.$leads.get().keys());
      this.rows = page.items.flatMap((lead) => store.$leads.get().get(lead.id) ?? []);
      this.loaded = true;
      if (this.loadFailed) this.notice = '';
      this.loadFailed = false;
    } catch (error) {
      if (generation === this.generation) this.showLoadProblem(error);
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  private async loadMore() {
    const store = this.store;
    const page = this.page;
    if (!store || !page?.hasNextPage() || this.loading) return;
    const generation = this.generation;
    this.loading = true;
    try {
      const next = await store.fetchNext(page);
      if (generation !== this.generation) return;
      this.page = next;
      const shown = new Set(this.rows.map((row) => row.id));
      this.showRows([...this.rows, ...next.items.filter((lead) => !shown.has(lead.id))]);
    } catch (error) {
      this.showLoadProblem(error);
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  private showLoadProblem(error: unknown) {
    const problem = loadProblemOf(error);
    this.notice =
      problem === 'refused'
        ? this.t.term('problem_refused', failureText(error, this.t))
        : this.t.term(`problem_${problem}`);
    this.loadFailed = true;
  }

  private setFilter(patch: Partial<LeadListFilter>, debounce = false) {
    this.filter = { ...this.filter, ...patch };
    clearTimeout(this.searchTimer);
    if (debounce) this.searchTimer = window.setTimeout(() => this.load(), SEARCH_DEBOUNCE_MS);
    else this.load();
  }

  private onStatusChange(lead: Lead, status: LeadStatus) {
    this.statusChoice.choose(lead.id, lead, status);
    if (this.pickedWithPointer) this.statusChoice.settle(lead.id);
  }

  private onStatusKeydown(lead: Lead, event: KeyboardEvent) {
    this.pickedWithPointer = false;
    if (event.key === 'Enter') this.statusChoice.settle(lead.id);
  }

  private async changeStatus(lead: Lead, status: LeadStatus) {
    const store = this.store;
    if (!store || status === lead.status) return;
    try {
      const updated = await store.update(lead.id, { status });
      this.emit('hk-lead-status-changed', { lead: updated, previous: lead.status });
    } catch (error) {
      this.notice = this.t.term('statusRefused', this.name(lead), failureText(error, this.t));
      this.requestUpdate();
    }
  }

  private name(lead: Lead): string {
    return lead.contact.name || lead.contact.email || lead.contact.phone || this.t.term('unnamed');
  }

  /** Up, Down, Home and End on a lead's name move to another lead's name, scrolling it into view. */
  private async onRowKeydown(lead: Lead, event: KeyboardEvent) {
    const index = this.rows.findIndex((row) => row.id === lead.id);
    const target =
      event.key === 'ArrowDown'
        ? index + 1
        : event.key === 'ArrowUp'
          ? index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? this.rows.length - 1
              : -1;
    const next = this.rows[target];
    if (target < 0 || !next) return;
    event.preventDefault();
    this.activeId = next.id;
    await this.focusRow(next.id);
  }

  /** Scrolls a lead's row into view and focuses its name once the row is rendered (a few frames). */
  private async focusRow(id: string) {
    this.virtual.scrollToRow(this.rows.findIndex((row) => row.id === id));
    for (let frame = 0; frame < 10; frame++) {
      await this.updateComplete;
      const name = this.renderRoot.querySelector<HTMLElement>(`[data-id="${id}"] [part="name"]`);
      if (name) return name.focus();
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  }

  private get tabbableId(): string {
    return this.rows.some((row) => row.id === this.activeId) ? this.activeId : (this.rows[0]?.id ?? '');
  }

  protected override render() {
    const f = this.filter;
    return html`
      <div class="toolbar" part="toolbar">
        <label>
          <span>${this.t.term('search')}</span>
          <input
            type="search"
            placeholder=${this.t.term('searchPlaceholder')}
            .value=${f.q}
            @input=${(event: Event) => this.setFilter({ q: (event.target as HTMLInputElement).value }, true)}
          />
        </label>
        <label>
          <span>${this.t.term('filterStatus')}</span>
          <select @change=${(event: Event) => this.setFilter({ status: (event.target as HTMLSelectElement).value as LeadStatus })}>
            <option value="" ?selected=${!f.status}>${this.t.term('any')}</option>
            ${LEAD_STATUSES.map((status) => html`<option value=${status} ?selected=${f.status === status}>${this.t.term(`status_${status}`)}</option>`)}
          </select>
        </label>
        <label>
          <span>${this.t.term('filterPriority')}</span>
          <select @change=${(event: Event) => this.setFilter({ priority: (event.target as HTMLSelectElement).value as LeadPriority })}>
            <option value="" ?selected=${!f.priority}>${this.t.term('any')}</option>
            ${LEAD_PRIORITIES.map((priority) => html`<option value=${priority} ?selected=${f.priority === priority}>${this.t.term(`priority_${priority}`)}</option>`)}
          </select>
        </label>
        <label>
          <span>${this.t.term('filterSource')}</span>
          <input
            type="text"
            .value=${f.source}
            @change=${(event: Event) => this.setFilter({ source: (event.target as HTMLInputElement).value })}
          />
        </label>
        <label>
          <span>${this.t.term('sortBy')}</span>
          <select @change=${(event: Event) => this.setFilter({ sort: (event.target as HTMLSelectElement).value as LeadSort })}>
            ${SORTS.map((sort) => html`<option value=${sort} ?selected=${f.sort === sort}>${this.t.term(`sort_${sort}`)}</option>`)}
          </select>
        </label>
      </div>
      ${
        this.notice
          ? html`<div class="notice" part="notice" role="alert">
              <span>${this.notice}</span>
              ${
                this.loadFailed
                  ? html`<button type="button" @click=${() => this.load()}>${this.t.term('retry')}</button>`
                  : html`<button type="button" @click=${() => {
                      this.notice = '';
                    }}>${this.t.term('dismiss')}</button>`
              }
            </div>`
          : nothing
      }
      <p class="summary" role="status">
        ${this.loading ? this.t.term('loading') : this.rows.length ? this.t.term('shown', this.rows.length, Boolean(this.page?.hasNextPage())) : this.loaded ? this.t.term('empty') : this.t.term('notLoaded')}
      </p>
      <div class="header row" part="header" aria-hidden="true">
        <span>${this.t.term('columnName')}</span>
        ${this.sortHeading('columnStatus')}
        ${this.sortHeading('columnPriority', '-priority')}
        ${this.sortHeading('columnSource')}
        ${this.sortHeading('columnScore', '-score')}
        ${this.sortHeading('columnCreated', f.sort === '-created_at' ? 'created_at' : '-created_at')}
      </div>
      <div
        class="rows"
        @pointerdown=${() => {
          this.pickedWithPointer = true;
        }}
      ><div role="list" aria-label=${this.t.term('list')}>${repeat(
        this.virtual.slice(this.rows),
        (lead) => lead.id,
        (lead) => this.renderRow(lead),
      )}</div></div>
    `;
  }

  /** A column heading; sortable ones switch the list's `sort` (a pointer shortcut for the Sort select). */
  private sortHeading(label: keyof LeadListMessages, sort?: LeadSort) {
    if (!sort) return html`<span>${this.t.term(label as 'columnName')}</span>`;
    return html`<button type="button" tabindex="-1" class="sort" @click=${() => this.setFilter({ sort })}>${this.t.term(label as 'columnName')}</button>`;
  }

  private renderRow(lead: Lead) {
    const name = this.name(lead);
    const tabindex = lead.id === this.tabbableId ? 0 : -1;
    const pending = this.statusChoice.valueOf(lead.id);
    const band =
      lead.score === null ? 'none' : lead.score >= 70 ? 'high' : lead.score >= 40 ? 'medium' : 'low';
    return html`
      <div
        class="row"
        role="listitem"
        part="row"
        data-id=${lead.id}
        @focusin=${() => {
          this.activeId = lead.id;
        }}
      >
        <span class="who">
          <button
            type="button"
            class="name"
            part="name"
            tabindex=${tabindex}
            @click=${() => this.emit('hk-lead-selected', { lead })}
            @keydown=${(event: KeyboardEvent) => this.onRowKeydown(lead, event)}
          >${name}</button>
          <span class="contact">${lead.contact.email ?? ''} ${lead.contact.phone ? formatPhone(lead.contact.phone) : ''}</span>
        </span>
        <select
          part="status"
          tabindex=${tabindex}
          aria-label=${this.t.term('statusOf', name)}
          .value=${pending ?? lead.status}
          @keydown=${(event: KeyboardEvent) => this.onStatusKeydown(lead, event)}
          @change=${(event: Event) => this.onStatusChange(lead, (event.target as HTMLSelectElement).value as LeadStatus)}
          @blur=${() => this.statusChoice.settle(lead.id)}
        >
          ${LEAD_STATUSES.map((status) => html`<option value=${status} ?selected=${(pending ?? lead.status) === status}>${this.t.term(`status_${status}`)}</option>`)}
        </select>
        <span class="priority priority-${lead.priority}">${this.t.term(`priority_${lead.priority}`)}</span>
        <span class="source">${sourceLabel(lead.source, this.t.language)}</span>
        <span class="score score-${band}" part="score">${
          lead.score === null
            ? this.t.term('noScore')
            : this.t.term('scoreLabel', this.t.number(lead.score, { maximumFractionDigits: 0 }))
        }</span>
        <span class="created">${new Date(lead.created_at).toLocaleDateString(this.t.lang)}</span>
      </div>
    `;
  }
}
