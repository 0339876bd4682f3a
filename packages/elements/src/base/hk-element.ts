import { LitElement, type PropertyDeclarations } from 'lit';
import { type MessageOverrides, textsReady } from './localize.js';

/** The `detail` type of an event declared in `HTMLElementEventMap`. */
export type EventDetail<K extends keyof HTMLElementEventMap> =
  HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never;

/** Names of the `hk-*` events components declare in `HTMLElementEventMap`. */
export type HkEventName = Extract<keyof HTMLElementEventMap, `hk-${string}`>;

/**
 * The base of every Hidden Key element: a typed `emit()`, a `define()` that tolerates being
 * called twice (partner pages sometimes load a widget's script more than once), every text
 * replaceable through `strings`, and updates held until the texts of the element's language
 * have arrived.
 */
export class HkElement extends LitElement {
  /** Declared without decorators, so an embed built on `HkElement` alone ships no decorator runtime. */
  static override properties: PropertyDeclarations = {
    strings: { type: Object },
    // Reflected: the styles (`:host([theme='dark'])`) and the catalogue loader read the attributes.
    theme: { type: String, reflect: true },
    locale: { type: String, reflect: true },
  };

  /**
   * `dark` applies the dark preset and paints the element's own surface; `auto` follows the
   * visitor's `prefers-color-scheme`. Unset, the element is light (see tokens.ts).
   */
  theme?: 'light' | 'dark' | 'auto';

  /** The language of the element's texts (`es`), overriding the `lang` it inherits from the page. */
  locale?: string;

  /**
   * Replaces any of the element's texts, by message key (the keys of its English catalogue,
   * `<component>.messages.ts`, listed in the README): as a property, or as JSON in the `strings`
   * attribute, `strings='{"submit": "Get my offer"}'`. It wins in every language. A text that
   * takes values receives them as `{0}`, `{1}`…: `{"summary": "Fix {0} things"}`; as a property,
   * a function of them works too.
   */
  strings: MessageOverrides = {};

  // biome-ignore lint/suspicious/noConfusingVoidType: the signature is Lit's own.
  protected override scheduleUpdate(): void | Promise<unknown> {
    const texts = textsReady(this);
    return texts ? texts.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  /** Registers the element under `tag`, or warns and does nothing when the tag is already taken. */
  static define(tag: string): void {
    if (customElements.get(tag)) {
      console.warn(`<${tag}> is already defined; the second definition is ignored.`);
      return;
    }
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass being defined.
    customElements.define(tag, this);
  }

  /** Dispatches a bubbling, composed `hk-*` event whose detail type comes from `HTMLElementEventMap`. */
  emit<K extends HkEventName>(name: K, detail: EventDetail<K>, options: { cancelable?: boolean } = {}) {
    const event = new CustomEvent(name, {
      detail,
      bubbles: true,
      composed: true,
      cancelable: options.cancelable ?? false,
    });
    this.dispatchEvent(event);
    return event as HTMLElementEventMap[K];
  }
}
