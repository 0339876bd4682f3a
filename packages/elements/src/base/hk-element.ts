import { LitElement } from 'lit';

/** The `detail` type of an event declared in `HTMLElementEventMap`. */
export type EventDetail<K extends keyof HTMLElementEventMap> =
  HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never;

/** Names of the `hk-*` events components declare in `HTMLElementEventMap`. */
export type HkEventName = Extract<keyof HTMLElementEventMap, `hk-${string}`>;

/**
 * The base of every Hidden Key element: a typed `emit()` and a `define()` that tolerates being
 * called twice, because partner pages sometimes load a widget's script more than once.
 */
export class HkElement extends LitElement {
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
