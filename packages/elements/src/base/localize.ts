import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { formatCurrency, formatNumber, formatPercent } from './format.js';

export const languages = ['en', 'es'] as const;
export type Language = (typeof languages)[number];

/** A message is plain text, or a function of its arguments for interpolation and plurals. */
export type Message = string | ((...args: never[]) => string);
export type Messages = Record<string, Message>;

/** One component's texts in every supported language; Spanish must have the same keys as English. */
export type Catalogue<M extends Messages> = Record<Language, M>;

type MessageArgs<V> = V extends (...args: infer A) => string ? A : [];

/** Every connected controller, so one observer can re-render them all when a `lang` changes. */
const connected = new Set<{ host: ReactiveControllerHost }>();
let langObserver: MutationObserver | undefined;

function observeLangChanges() {
  langObserver ??= new MutationObserver(() => {
    for (const controller of connected) controller.host.requestUpdate();
  });
  langObserver.observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['lang', 'locale'],
    subtree: true,
  });
}

/** The `lang` of the element or its nearest ancestor, crossing shadow roots; `en` when none is set. */
export function nearestLang(element: Element): string {
  let node: Element | null = element;
  while (node) {
    const lang = node.closest('[lang]')?.getAttribute('lang');
    if (lang) return lang;
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return 'en';
}

/** Maps a BCP 47 tag such as `es-MX` to a supported language, English when unsupported. */
export function toLanguage(lang: string): Language {
  const primary = lang.toLowerCase().split('-')[0];
  return languages.find((language) => language === primary) ?? 'en';
}

/**
 * Gives a component its texts and number formats in the language of its `locale` attribute, else
 * its `lang` attribute or its nearest ancestor's, and re-renders it when either changes.
 */
export class LocalizeController<M extends Messages> implements ReactiveController {
  readonly host: ReactiveControllerHost & HTMLElement;
  private readonly catalogue: Catalogue<M>;

  constructor(host: ReactiveControllerHost & HTMLElement, catalogue: Catalogue<M>) {
    this.host = host;
    this.catalogue = catalogue;
    host.addController(this);
  }

  hostConnected() {
    connected.add(this);
    observeLangChanges();
  }

  hostDisconnected() {
    connected.delete(this);
  }

  /** The full tag in use (e.g. `es-MX`), which number formatting follows. */
  /**
   * The lang found for the current update: a board renders thousands of texts per update, and
   * walking up the DOM for each one cost more than the rest of the render. Any `lang` change
   * re-renders the host, which starts a new update and a new lookup.
   */
  #lang: string | undefined;

  hostUpdate() {
    this.#lang = undefined;
  }

  /** The element's own `locale` attribute (for pages whose `lang` says something else), else the nearest `lang`. */
  get lang(): string {
    this.#lang ??= this.host.getAttribute('locale') || nearestLang(this.host);
    return this.#lang;
  }

  get language(): Language {
    return toLanguage(this.lang);
  }

  term<K extends keyof M>(key: K, ...args: MessageArgs<M[K]>): string {
    const message = this.catalogue[this.language][key];
    return typeof message === 'function'
      ? (message as (...a: unknown[]) => string)(...args)
      : (message as string);
  }

  number(value: number, options?: Intl.NumberFormatOptions): string {
    return formatNumber(value, this.lang, options);
  }

  currency(value: number, currency?: string, maximumFractionDigits?: number): string {
    return formatCurrency(value, this.lang, currency, maximumFractionDigits);
  }

  percent(value: number, maximumFractionDigits?: number, minimumFractionDigits?: number): string {
    return formatPercent(value, this.lang, maximumFractionDigits, minimumFractionDigits);
  }
}
