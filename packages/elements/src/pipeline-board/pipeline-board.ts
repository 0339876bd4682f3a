import type { DealType, Lead, Opportunity, OpportunityStage as Stage } from '@hidden-key/sdk/schemas';
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import { CLOSED_STAGES, DEAL_TYPES, OPPORTUNITY_STAGES, reopenFlag } from '../base/contract-lists.js';
import { failureText, loadProblemOf } from '../base/error-text.js';
import { HkElement } from '../base/hk-element.js';
import { LocalizeController } from '../base/localize.js';
import { ConnectionController, type HkContext } from '../context.js';
import type { DealsByStage } from '../stores/index.js';
import { type DropSpot, wireBoardDrag } from './board-drag.js';
import {
  type BoardFilter,
  buildColumns,
  type ColumnView,
  daysSince,
  dealScore,
  dealTitle,
  dealValue,
  neighboursAt,
} from './board-model.js';
import { CARD_PITCH, dropIndex, scrollToShow, visibleRange } from './column-window.js';
import { type BoardMessages, messages } from './pipeline-board.messages.js';
import { styles } from './pipeline-board.styles.js';

export interface DealMovedDetail {
  deal: Opportunity;
  from: Stage;
  to: Stage;
}
export interface DealMoveFailedDetail {
  deal: Opportunity;
  to: Stage;
  error: unknown;
}
export interface DealSelectedDetail {
  deal: Opportunity;
}
export interface DealCreatedDetail {
  deal: Opportunity;
}

declare global {
  interface HTMLElementEventMap {
    'hk-deal-moved': CustomEvent<DealMovedDetail>;
    'hk-deal-move-failed': CustomEvent<DealMoveFailedDetail>;
    'hk-deal-selected': CustomEvent<DealSelectedDetail>;
    'hk-deal-created': CustomEvent<DealCreatedDetail>;
  }
}

const EMPTY_BY_STAGE = Object.fromEntries(
  OPPORTUNITY_STAGES.map((stage) => [stage, []]),
) as unknown as DealsByStage;
const DEFAULT_VIEWPORT = 640;
/** How close to an edge (px) a held card starts scrolling that way. */
const EDGE = 48;

/**
 * @tag hk-pipeline-board
 * @summary The deal pipeline: a column per stage with count, total and weighted value, and cards
 * that move by drag and drop, by keyboard, or through each card's "Move to…" menu.
 *
 * @event {CustomEvent<DealMovedDetail>} hk-deal-moved - A move the server accepted. `detail: { deal, from, to }`.
 * @event {CustomEvent<DealMoveFailedDetail>} hk-deal-move-failed - A move the server refused; the card is back. `detail: { deal, to, error }`.
 * @event {CustomEvent<DealSelectedDetail>} hk-deal-selected - A card was clicked or opened with Enter. `detail: { deal }`.
 * @event {CustomEvent<DealCreatedDetail>} hk-deal-created - A deal added from a column's "Add deal" form was saved. `detail: { deal }`.
 *
 * @csspart toolbar - The filter bar.
 * @csspart column - A stage's column.
 * @csspart column-header - A column's title and sums.
 * @csspart card - A deal's card.
 * @csspart card-title - The address (or title) on a card.
 * @csspart stale - The stale marker.
 * @csspart score - The score badge.
 * @csspart move-button - A card's "Move to…" button.
 * @csspart menu - The "Move to…" menu.
 * @csspart menu-item - One stage in that menu.
 * @csspart notice - The message shown when the server refuses a move.
 * @csspart add-button - A column's "Add deal" button.
 * @csspart add-form - The form it opens.
 *
 * @cssproperty --hk-board-column-width - Width of a column (default 17rem).
 * @cssproperty --hk-board-column-height - Height of a column's scrolling list (default 70vh).
 * @cssproperty --hk-color-stale - Colour of the stale marker.
 * @cssproperty --hk-font - Font family.
 * @cssproperty --hk-font-size - Base font size.
 * @cssproperty --hk-color-text - Text colour.
 * @cssproperty --hk-color-focus - Focus ring.
 * @cssproperty --hk-space-m - Gap between items.
 * @cssproperty --hk-space-xs - Smallest gap.
 * @cssproperty --hk-color-muted - Secondary text.
 * @cssproperty --hk-color-surface - Background of panels, inputs and menus.
 * @cssproperty --hk-color-border - Borders of inputs and panels.
 * @cssproperty --hk-radius - Corner radius.
 * @cssproperty --hk-space-s - Gap inside controls.
 * @cssproperty --hk-color-danger - Errors and refusals.
 * @cssproperty --hk-color-primary - Buttons, links and accents.
 * @cssproperty --hk-color-on-primary - Text on primary buttons.
 */
export class HkPipelineBoard extends HkElement {
  static override styles = styles;

  /** Replaces any of its texts by message key (`pipeline-board.messages.ts`), in every language; see the README. */
  declare strings: Partial<BoardMessages>;

  /** API host, when the board is used without an `<hk-provider>`. */
  @property({ attribute: 'base-url' }) baseUrl = '';
  /** Session token, when the board is used without an `<hk-provider>`. */
  @property() token = '';
  /** Days without a change after which a card is marked stale. */
  @property({ type: Number, attribute: 'stale-days' }) staleDays = 14;
  /** The stages to show, comma-separated (default: all eight). */
  @property({
    converter: (value) =>
      value ? (value.split(',').map((stage) => stage.trim()) as Stage[]) : [...OPPORTUNITY_STAGES],
  })
  stages: Stage[] = [...OPPORTUNITY_STAGES];

  @state() private byStage: DealsByStage = EMPTY_BY_STAGE;
  @state() private leads: ReadonlyMap<string, Lead> = new Map();
  @state() private filter: BoardFilter = { dealType: '', text: '' };
  @state() private scrollTops: Partial<Record<Stage, number>> = {};
  @state() private viewportHeight = DEFAULT_VIEWPORT;
  @state() private draggingId: string | undefined;
  @state() private dropSpot: DropSpot | null = null;
  @state() private menu: { dealId: string; top: number; left: number } | undefined;
  @state() private notice = '';
  /** Until the server's pipeline arrives a column is "loading", not "0 deals"; a failed load says why. */
  @state() private loadState: 'loading' | 'loaded' | 'failed' = 'loading';
  @state() private announcement = '';
  /** The column whose "Add deal" form is open. */
  @state() private adding: Stage | undefined;
  @state() private addError = '';
  /** The card that holds the column's tab stop (roving tabindex). */
  @state() private focusedId: string | undefined;

  private readonly t = new LocalizeController<BoardMessages>(this, messages);
  private readonly connection = new ConnectionController(this, (context) => this.connect(context));
  private unsubscribe: (() => void)[] = [];
  /** The newest store snapshot while a drag defers it. */
  private deferred: DealsByStage | undefined;
  private pressedId: string | undefined;
  private unwireDrag?: () => void;
  private resizeObserver?: ResizeObserver;
  private scrollFrame = 0;
  private now = Date.now();

  override connectedCallback(): void {
    super.connectedCallback();
    this.unwireDrag = wireBoardDrag(this, {
      pressedDealId: () => this.pressedId,
      locate: (input) => this.locate(input),
      onStart: (id) => {
        this.draggingId = id;
      },
      onOver: (spot, input) => {
        if (spot?.stage !== this.dropSpot?.stage || spot?.index !== this.dropSpot?.index)
          this.dropSpot = spot;
        this.autoScroll(input);
      },
      onDrop: (id, spot) => this.finishDrag(id, spot),
    });
    this.resizeObserver = new ResizeObserver(() => this.measure());
    this.resizeObserver.observe(this);
    window.addEventListener('pointerdown', this.closeMenuOutside, true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unwireDrag?.();
    this.resizeObserver?.disconnect();
    window.removeEventListener('pointerdown', this.closeMenuOutside, true);
    for (const stop of this.unsubscribe.splice(0)) stop();
  }

  /** Subscribes to the stores of a (new) connection and loads its deals. */
  private connect(context: HkContext | undefined): void {
    for (const stop of this.unsubscribe.splice(0)) stop();
    this.byStage = EMPTY_BY_STAGE;
    if (!context) return;
    const { opportunities, leads } = context.connection.stores;
    this.unsubscribe.push(
      opportunities.$opportunitiesByStage.subscribe((byStage) => {
        this.now = Date.now();
        // A drag keeps the board it started on; what changed meanwhile shows on drop.
        if (this.draggingId) this.deferred = byStage;
        else this.byStage = byStage;
      }),
      leads.$leads.subscribe((map) => {
        this.leads = map;
      }),
    );
    if (context.signedIn) this.load();
  }

  private async load() {
    const store = this.connection.value?.connection.stores.opportunities;
    if (!store) return;
    this.loadState = 'loading';
    try {
      await store.fetch();
      this.loadState = 'loaded';
      if (this.notice === this.loadNotice) this.notice = '';
    } catch (error) {
      const problem = loadProblemOf(error);
      this.loadNotice =
        problem === 'refused'
          ? this.t.term('problem_refused', failureText(error, this.t))
          : this.t.term(`problem_${problem}`);
      this.loadState = 'failed';
      this.showNotice(this.loadNotice);
    }
  }

  private loadNotice = '';

  private get columns(): ColumnView[] {
    return buildColumns(this.byStage, this.stages, this.filter);
  }

  private stageName(stage: Stage): string {
    return this.t.term(`stage_${stage}`);
  }

  private dealName(deal: Opportunity): string {
    return dealTitle(deal) || this.t.term('untitled');
  }

  // Moving ----------------------------------------------------------------------------------------

  /**
   * Moves a deal to `index` of `stage`'s column as shown (counted without the deal itself), optimistically;
   * a refusal puts it back, says why, and announces it.
   */
  private async moveDeal(deal: Opportunity, stage: Stage, index: number, options: { focus?: boolean } = {}) {
    const column =
      this.columns.find((view) => view.stage === stage)?.deals.filter((other) => other.id !== deal.id) ?? [];
    const neighbours = neighboursAt(column, index);
    const current = this.byStage[deal.stage];
    const at = current.findIndex((other) => other.id === deal.id);
    if (
      stage === deal.stage &&
      (current[at - 1]?.id ?? null) === neighbours.after_id &&
      (current[at + 1]?.id ?? null) === neighbours.before_id
    )
      return;
    const store = this.connection.value?.connection.stores.opportunities;
    if (!store) return;
    const from = deal.stage;
    const moving = store.move(deal.id, { stage, ...neighbours, ...reopenFlag(from, stage) });
    this.notice = '';
    this.announcement = this.t.term(
      'moved',
      this.dealName(deal),
      this.stageName(stage),
      index + 1,
      column.length + 1,
    );
    if (options.focus) this.focusDeal(deal.id);
    try {
      const moved = await moving;
      this.emit('hk-deal-moved', { deal: moved, from, to: stage });
    } catch (error) {
      const reason = failureText(error, this.t);
      const back = store.$opportunities.get().get(deal.id)?.stage ?? from;
      this.showNotice(
        this.t.term('moveRefused', this.dealName(deal), this.stageName(stage), this.stageName(back), reason),
      );
      this.emit('hk-deal-move-failed', { deal, to: stage, error });
      if (options.focus) this.focusDeal(deal.id);
    }
  }

  private openAddForm(stage: Stage) {
    this.adding = stage;
    this.addError = '';
    this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLInputElement>('[part="add-form"] input')?.focus(),
    );
  }

  private closeAddForm() {
    const stage = this.adding;
    this.adding = undefined;
    if (stage)
      this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>(`[data-stage="${stage}"] [part="add-button"]`)?.focus(),
      );
  }

  /** Creates the deal at the end of the column; the card appears through the store like any other. */
  private async addDeal(event: SubmitEvent, stage: Stage) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const title = String(data.get('title') ?? '').trim();
    if (!title) {
      this.addError = this.t.term('addNeedsTitle');
      return;
    }
    const store = this.connection.value?.connection.stores.opportunities;
    if (!store) return;
    try {
      const deal = await store.create({
        stage,
        title,
        deal_type: String(data.get('deal_type')) as DealType,
        property: { address: title },
      });
      this.announcement = this.t.term('added', this.dealName(deal), this.stageName(stage));
      this.emit('hk-deal-created', { deal });
      this.closeAddForm();
    } catch (error) {
      this.addError = this.t.term('addRefused', failureText(error, this.t));
    }
  }

  private showNotice(text: string) {
    this.notice = text;
    this.announcement = text;
  }

  private finishDrag(dealId: string, spot: DropSpot | null) {
    this.draggingId = undefined;
    this.dropSpot = null;
    this.pressedId = undefined;
    if (this.deferred) {
      this.byStage = this.deferred;
      this.deferred = undefined;
    }
    const deal = this.findDeal(dealId);
    if (!deal || !spot) return;
    const stage = spot.stage as Stage;
    const shown = this.columns.find((view) => view.stage === stage)?.deals ?? [];
    const from = shown.findIndex((other) => other.id === dealId);
    this.moveDeal(deal, stage, from >= 0 && from < spot.index ? spot.index - 1 : spot.index);
  }

  private findDeal(id: string): Opportunity | undefined {
    for (const column of Object.values(this.byStage)) {
      const deal = column.find((other) => other.id === id);
      if (deal) return deal;
    }
    return undefined;
  }

  private locate({ clientX, clientY }: { clientX: number; clientY: number }): DropSpot | null {
    for (const list of this.renderRoot.querySelectorAll<HTMLElement>('[role="list"]')) {
      const scroller = list.parentElement as HTMLElement;
      const frame = scroller.getBoundingClientRect();
      if (clientX < frame.left || clientX > frame.right || clientY < frame.top || clientY > frame.bottom)
        continue;
      const stage = list.dataset.stage as Stage;
      const count = this.columns.find((view) => view.stage === stage)?.deals.length ?? 0;
      return { stage, index: dropIndex(clientY - list.getBoundingClientRect().top, count) };
    }
    return null;
  }

  /**
   * Scrolls while a card is held near an edge: a column near its top or bottom, the board near its
   * left or right, so a drag reaches stages that are off screen.
   */
  private autoScroll({ clientX, clientY }: { clientX: number; clientY: number }) {
    const board = this.renderRoot.querySelector<HTMLElement>('.board');
    if (board) {
      const frame = board.getBoundingClientRect();
      if (clientX < frame.left + EDGE) board.scrollLeft -= CARD_PITCH / 3;
      else if (clientX > frame.right - EDGE) board.scrollLeft += CARD_PITCH / 3;
    }
    for (const scroller of this.renderRoot.querySelectorAll<HTMLElement>('.scroller')) {
      const frame = scroller.getBoundingClientRect();
      if (clientX < frame.left || clientX > frame.right) continue;
      if (clientY < frame.top + EDGE) scroller.scrollTop -= CARD_PITCH / 3;
      else if (clientY > frame.bottom - EDGE) scroller.scrollTop += CARD_PITCH / 3;
    }
  }

  // Keyboard --------------------------------------------------------------------------------------

  private onCardKeydown(event: KeyboardEvent, deal: Opportunity) {
    if (event.target !== event.currentTarget) return;
    const columns = this.columns;
    const stageIndex = columns.findIndex((view) => view.stage === deal.stage);
    const column = columns[stageIndex]?.deals ?? [];
    const index = column.findIndex((other) => other.id === deal.id);
    const step: Record<string, [number, number] | undefined> = {
      ArrowUp: [0, -1],
      ArrowDown: [0, 1],
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
    };
    const [dx, dy] = step[event.key] ?? [0, 0];
    if (event.key === 'Enter') {
      event.preventDefault();
      this.emit('hk-deal-selected', { deal });
      return;
    }
    if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      const target = event.key === 'Home' ? column[0] : column.at(-1);
      if (target) this.focusDeal(target.id);
      return;
    }
    if (dx === 0 && dy === 0) return;
    event.preventDefault();
    if (event.altKey) {
      if (dy !== 0) {
        const target = index + dy;
        if (target >= 0 && target < column.length) this.moveDeal(deal, deal.stage, target, { focus: true });
      } else {
        const target = columns[stageIndex + dx];
        if (target) this.moveDeal(deal, target.stage, Math.min(index, target.deals.length), { focus: true });
      }
      return;
    }
    if (dy !== 0) {
      const target = column[index + dy];
      if (target) this.focusDeal(target.id);
    } else {
      const target = columns[stageIndex + dx]?.deals;
      const next = target?.[Math.min(index, target.length - 1)];
      if (next) this.focusDeal(next.id);
    }
  }

  /** Focuses a deal's card, scrolling its column to it first when it is outside the window. */
  private async focusDeal(id: string) {
    await this.updateComplete;
    const stage = this.columns.find((view) => view.deals.some((deal) => deal.id === id))?.stage;
    if (!stage) return;
    const index =
      this.columns.find((view) => view.stage === stage)?.deals.findIndex((deal) => deal.id === id) ?? -1;
    const scroller = this.renderRoot.querySelector<HTMLElement>(`.scroller[data-stage="${stage}"]`);
    if (scroller) {
      const top = scrollToShow(index, scroller.scrollTop, scroller.clientHeight || this.viewportHeight);
      if (top !== undefined) {
        scroller.scrollTop = top;
        this.scrollTops = { ...this.scrollTops, [stage]: top };
        await this.updateComplete;
      }
    }
    this.focusedId = id;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[role="listitem"][data-id="${id}"]`)?.focus();
  }

  // Menu ------------------------------------------------------------------------------------------

  private openMenu(event: Event, deal: Opportunity) {
    event.stopPropagation();
    if (this.menu?.dealId === deal.id) {
      this.menu = undefined;
      return;
    }
    const button = event.currentTarget as HTMLElement;
    const box = button.getBoundingClientRect();
    this.menu = { dealId: deal.id, top: box.bottom + 4, left: box.left };
    this.updateComplete.then(() => this.menuItems()[0]?.focus());
  }

  private menuItems(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('[role="menuitem"]')];
  }

  private closeMenu(returnFocus: boolean) {
    const id = this.menu?.dealId;
    this.menu = undefined;
    if (returnFocus && id)
      this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>(`[data-id="${id}"] [part="move-button"]`)?.focus(),
      );
  }

  private readonly closeMenuOutside = (event: Event) => {
    if (!this.menu) return;
    const menu = this.renderRoot.querySelector('[role="menu"]');
    if (menu && !event.composedPath().includes(menu)) this.closeMenu(false);
  };

  private onMenuKeydown(event: KeyboardEvent) {
    const items = this.menuItems();
    const at = items.indexOf(event.target as HTMLElement);
    const go = (index: number) => items[(index + items.length) % items.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        go(at + 1);
        break;
      case 'ArrowUp':
        go(at - 1);
        break;
      case 'Home':
        go(0);
        break;
      case 'End':
        go(items.length - 1);
        break;
      case 'Escape':
        this.closeMenu(true);
        break;
      case 'Tab':
        this.closeMenu(false);
        return;
      case 'Enter':
      case ' ':
        (event.target as HTMLElement).click();
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  private chooseStage(stage: Stage) {
    const deal = this.menu && this.findDeal(this.menu.dealId);
    this.menu = undefined;
    if (deal) this.moveDeal(deal, stage, 0, { focus: true });
  }

  // Layout ----------------------------------------------------------------------------------------

  private measure() {
    const scroller = this.renderRoot.querySelector<HTMLElement>('.scroller');
    if (scroller?.clientHeight) this.viewportHeight = scroller.clientHeight;
  }

  private onScroll(event: Event) {
    const scroller = event.currentTarget as HTMLElement;
    const stage = scroller.dataset.stage as Stage;
    cancelAnimationFrame(this.scrollFrame);
    this.scrollFrame = requestAnimationFrame(() => {
      this.scrollTops = { ...this.scrollTops, [stage]: scroller.scrollTop };
    });
  }

  protected override firstUpdated(): void {
    this.measure();
  }

  // Rendering -------------------------------------------------------------------------------------

  protected override render() {
    const columns = this.columns;
    return html`
      <div class="toolbar" part="toolbar">
        <label>
          <span>${this.t.term('filterDealType')}</span>
          <select
            .value=${this.filter.dealType}
            @change=${(event: Event) => {
              this.filter = {
                ...this.filter,
                dealType: (event.target as HTMLSelectElement).value as DealType,
              };
            }}
          >
            <option value="">${this.t.term('allDealTypes')}</option>
            ${DEAL_TYPES.map(
              (type) =>
                html`<option value=${type} ?selected=${this.filter.dealType === type}>${this.t.term(`deal_type_${type}`)}</option>`,
            )}
          </select>
        </label>
        <label>
          <span>${this.t.term('filterText')}</span>
          <input
            type="search"
            placeholder=${this.t.term('filterTextPlaceholder')}
            .value=${this.filter.text}
            @input=${(event: Event) => {
              this.filter = { ...this.filter, text: (event.target as HTMLInputElement).value };
            }}
          />
        </label>
      </div>
      ${
        this.notice
          ? html`<div class="notice" part="notice">
              <span>${this.notice}</span>
              ${
                this.loadState === 'failed' && this.notice === this.loadNotice
                  ? html`<button type="button" @click=${() => this.load()}>${this.t.term('retry')}</button>`
                  : html`<button type="button" @click=${() => {
                      this.notice = '';
                    }}>${this.t.term('dismiss')}</button>`
              }
            </div>`
          : nothing
      }
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      <div class="visually-hidden" id="keyboard-help">${this.t.term('keyboardHelp')}</div>
      <div class="board" aria-label=${this.t.term('board')} role="group"
        @pointerdown=${(event: PointerEvent) => {
          const card = event.composedPath().find((node) => node instanceof HTMLElement && node.dataset.id);
          this.pressedId = (card as HTMLElement | undefined)?.dataset.id;
        }}
      >
        ${columns.map((column, index) => this.renderColumn(column, index === 0))}
      </div>
      ${this.renderMenu()}
    `;
  }

  private renderColumn(column: ColumnView, firstColumn: boolean) {
    const { stage, deals } = column;
    const [start, end] = visibleRange(this.scrollTops[stage] ?? 0, this.viewportHeight, deals.length);
    const shown = deals.slice(start, end).map((deal, offset) => ({ deal, index: start + offset }));
    if (this.draggingId) {
      const index = deals.findIndex((deal) => deal.id === this.draggingId);
      if (index >= 0 && (index < start || index >= end))
        shown.push({ deal: deals[index] as Opportunity, index });
    }
    const tabStop = shown.some(({ deal }) => deal.id === this.focusedId) ? this.focusedId : shown[0]?.deal.id;
    const headingId = `heading-${stage}`;
    return html`
      <section class="column" part="column" data-stage=${stage} aria-labelledby=${headingId}>
        <header part="column-header">
          <div class="column-title">
            <h3 id=${headingId}>${this.stageName(stage)}</h3>
            <button
              type="button"
              part="add-button"
              aria-label=${this.t.term('addTo', this.stageName(stage))}
              aria-expanded=${this.adding === stage ? 'true' : 'false'}
              @click=${() => (this.adding === stage ? this.closeAddForm() : this.openAddForm(stage))}
            >+</button>
          </div>
          ${
            this.loadState !== 'loaded' && deals.length === 0
              ? html`<p class="count">${this.t.term(this.loadState === 'loading' ? 'loading' : 'notLoaded')}</p>`
              : html`<p class="count">${this.t.term('deals', deals.length, this.t.number(deals.length))}</p>
                  <dl class="sums">
                    <div><dt>${this.t.term('total')}</dt><dd>${this.t.currency(column.totalValue)}</dd></div>
                    <div><dt>${this.t.term('weighted')}</dt><dd>${this.t.currency(column.weightedValue)}</dd></div>
                  </dl>`
          }
        </header>
        ${this.adding === stage ? this.renderAddForm(stage) : nothing}
        <div class="scroller" data-stage=${stage} @scroll=${this.onScroll}>
          <div
            role="list"
            aria-label=${this.stageName(stage)}
            data-stage=${stage}
            class="list"
            style=${styleMap({ height: `${deals.length * CARD_PITCH}px` })}
          >
            ${repeat(
              shown,
              ({ deal }) => deal.id,
              ({ deal, index }) =>
                this.renderCard(deal, index, deals.length, deal.id === tabStop || (firstColumn && !tabStop)),
            )}
            ${
              this.dropSpot?.stage === stage
                ? html`<div class="drop-line" style=${styleMap({ top: `${this.dropSpot.index * CARD_PITCH - 5}px` })}></div>`
                : nothing
            }
          </div>
        </div>
      </section>
    `;
  }

  private renderAddForm(stage: Stage) {
    return html`<form
      part="add-form"
      class="add-form"
      aria-label=${this.t.term('addTo', this.stageName(stage))}
      @submit=${(event: SubmitEvent) => this.addDeal(event, stage)}
      @keydown=${(event: KeyboardEvent) => {
        if (event.key === 'Escape') this.closeAddForm();
      }}
    >
      <label>
        <span>${this.t.term('addTitle')}</span>
        <input name="title" maxlength="200" autocomplete="off" aria-invalid=${this.addError ? 'true' : 'false'} />
      </label>
      <label>
        <span>${this.t.term('filterDealType')}</span>
        <select name="deal_type">
          ${DEAL_TYPES.map((type) => html`<option value=${type}>${this.t.term(`deal_type_${type}`)}</option>`)}
        </select>
      </label>
      ${this.addError ? html`<p class="add-error" role="alert">${this.addError}</p>` : nothing}
      <div class="add-actions">
        <button type="submit">${this.t.term('addSave')}</button>
        <button type="button" @click=${() => this.closeAddForm()}>${this.t.term('addCancel')}</button>
      </div>
    </form>`;
  }

  private renderCard(deal: Opportunity, index: number, count: number, tabStop: boolean) {
    const days = daysSince(deal.stage_changed_at, this.now);
    const idle = daysSince(deal.updated_at, this.now);
    const stale = idle >= this.staleDays && !CLOSED_STAGES.has(deal.stage);
    const score = dealScore(deal, this.leads);
    const name = this.dealName(deal);
    const menuOpen = this.menu?.dealId === deal.id;
    return html`
      <div
        role="listitem"
        part="card"
        class="card ${deal.id === this.draggingId ? 'dragging' : ''}"
        data-id=${deal.id}
        draggable="true"
        tabindex=${tabStop ? 0 : -1}
        aria-posinset=${index + 1}
        aria-setsize=${count}
        aria-describedby="keyboard-help"
        style=${styleMap({ top: `${index * CARD_PITCH}px` })}
        @click=${(event: Event) => {
          if ((event.target as HTMLElement).closest('button')) return;
          this.focusedId = deal.id;
          this.emit('hk-deal-selected', { deal });
        }}
        @focus=${() => {
          this.focusedId = deal.id;
        }}
        @keydown=${(event: KeyboardEvent) => this.onCardKeydown(event, deal)}
      >
        <p class="title" part="card-title">${name}</p>
        <p class="meta">
          <span>${this.t.term(`deal_type_${deal.deal_type}`)}</span>
          ${
            score === null
              ? nothing
              : html`<span class="score" part="score" title=${`${this.t.term('score')} ${this.t.number(score, { maximumFractionDigits: 0 })}`}
                  ><span class="visually-hidden">${this.t.term('score')} </span>${this.t.number(score, { maximumFractionDigits: 0 })}</span
                >`
          }
        </p>
        <p class="meta"><span>${this.t.term('value')}: ${this.t.currency(dealValue(deal))}</span></p>
        <p class="meta">
          <span>${this.t.term('profit')}: ${deal.estimated_profit === null ? '—' : this.t.currency(deal.estimated_profit)}</span>
        </p>
        <p class="meta">
          <span>${this.t.term('daysInStage', days)}</span>
          ${stale ? html`<span class="stale" part="stale" title=${this.t.term('staleTitle', idle)}>${this.t.term('stale')}</span>` : nothing}
        </p>
        <button
          type="button"
          part="move-button"
          tabindex=${tabStop ? 0 : -1}
          aria-haspopup="menu"
          aria-expanded=${menuOpen ? 'true' : 'false'}
          aria-controls=${menuOpen ? 'move-menu' : nothing}
          @click=${(event: Event) => this.openMenu(event, deal)}
          @keydown=${(event: KeyboardEvent) => {
            if (event.key === 'ArrowDown') {
              event.preventDefault();
              this.openMenu(event, deal);
            }
          }}
        >${this.t.term('moveTo')}<span class="visually-hidden">${this.t.term('dealInParentheses', name)}</span></button>
      </div>
    `;
  }

  private renderMenu() {
    if (!this.menu) return nothing;
    const deal = this.findDeal(this.menu.dealId);
    if (!deal) return nothing;
    return html`
      <div
        id="move-menu"
        role="menu"
        part="menu"
        aria-label=${this.t.term('moveDealTo', this.dealName(deal))}
        style=${styleMap({ top: `${this.menu.top}px`, left: `${this.menu.left}px` })}
        @keydown=${this.onMenuKeydown}
      >
        ${this.stages
          .filter((stage) => stage !== deal.stage)
          .map(
            (stage) =>
              html`<div role="menuitem" part="menu-item" tabindex="-1" @click=${() => this.chooseStage(stage)}>${this.stageName(stage)}</div>`,
          )}
      </div>
    `;
  }
}
