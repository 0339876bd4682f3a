import type { AiAnalyzeDealResult } from '@hidden-key/sdk/schemas';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { failureText } from '../base/error-text.js';
import { HkElement } from '../base/hk-element.js';
import { LocalizeController } from '../base/localize.js';
import { ConnectionController } from '../context.js';
import { type DealNarrativeMessages, messages } from './deal-narrative.messages.js';
import { styles } from './deal-narrative.styles.js';

/**
 * @tag hk-deal-narrative
 * @summary Dave's narrative of one deal (`POST /v1/ai/analyze-deal`): prose whose every number the
 * server checked against the deterministic analysis, and whether a model or the templates wrote
 * it. Asked for on request, not on load, so opening a deal spends no tokens. `<hk-deal-detail>`
 * shows it in its `ai-drafts` slot when this element is defined; it works alone too.
 *
 * @csspart narrative - The narrative's paragraphs.
 *
 * @cssproperty --hk-color-muted - The note on who wrote it.
 * @cssproperty --hk-color-danger - Errors.
 * @cssproperty --hk-font - Font family.
 * @cssproperty --hk-font-size - Base font size.
 * @cssproperty --hk-color-text - Text colour.
 * @cssproperty --hk-color-focus - Focus ring.
 * @cssproperty --hk-space-xs - Smallest gap.
 * @cssproperty --hk-space-s - Gap inside controls.
 * @cssproperty --hk-color-surface - Background of the button.
 * @cssproperty --hk-color-border - Border of the button.
 * @cssproperty --hk-radius - Corner radius.
 */
export class HkDealNarrative extends HkElement {
  static override styles = styles;

  /** Replaces any of its texts by message key (`deal-narrative.messages.ts`), in every language; see the README. */
  declare strings: Partial<DealNarrativeMessages>;

  /** API host, when used without an `<hk-provider>`. */
  @property({ attribute: 'base-url' }) baseUrl = '';
  /** Session token, when used without an `<hk-provider>`. */
  @property() token = '';
  /** The deal to explain. */
  @property({ attribute: 'opportunity-id' }) opportunityId = '';

  @state() private result: AiAnalyzeDealResult | undefined;
  @state() private busy = false;
  @state() private problem = '';

  private readonly t = new LocalizeController<DealNarrativeMessages>(this, messages);
  private readonly connection = new ConnectionController(this, () => {
    this.result = undefined;
  });
  private generation = 0;

  protected override updated(changed: PropertyValues<this>) {
    // Another deal: the narrative shown was about the previous one.
    if (changed.has('opportunityId') && changed.get('opportunityId') !== undefined) {
      this.generation++;
      this.result = undefined;
      this.problem = '';
      this.busy = false;
    }
  }

  private async explain() {
    const client = this.connection.value?.connection.client;
    if (!client || !this.opportunityId || this.busy) return;
    const generation = ++this.generation;
    this.busy = true;
    this.problem = '';
    try {
      const result = await client.ai.analyzeDeal({ opportunity_id: this.opportunityId });
      if (generation === this.generation) this.result = result;
    } catch (error) {
      if (generation === this.generation) this.problem = this.t.term('failed', failureText(error, this.t));
    } finally {
      if (generation === this.generation) this.busy = false;
    }
  }

  protected override render() {
    const t = this.t;
    const result = this.result;
    return html`<section aria-labelledby="narrative-heading">
      <h3 id="narrative-heading">${t.term('heading')}</h3>
      ${
        result
          ? html`<div part="narrative">${result.narrative
              .split(/\n{2,}/)
              .filter(Boolean)
              .map((paragraph) => html`<p>${paragraph}</p>`)}</div>
              <p class="note">${t.term(`source_${result.source}`)}</p>`
          : html`<p class="note">${t.term('intro')}</p>`
      }
      <button type="button" ?disabled=${this.busy} @click=${this.explain}>${t.term(this.busy ? 'explaining' : result ? 'explainAgain' : 'explain')}</button>
      <p role="status" class="bad">${this.problem || nothing}</p>
    </section>`;
  }
}
