import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { formatCurrency, formatNumber, formatPercent } from './format.js';

export const languages = ['en', 'es'] as const;
export type Language = (typeof languages)[number];

/** A message is plain text, or a function of its arguments for interpolation and plurals. */
export type Message = string | ((...args: never[]) => string);
export type Messages = Record<string, Message>;

/** A language other than English: its texts in a module of their own, fetched when first needed. */
export type LoadMessages<M extends Messages> = () => Promise<{ default: M }>;

/**
 * One component's texts: English built in, every other language loaded on demand, so a page in
 * English never downloads Spanish (the embeds put each language in a chunk of its own). The
 * Spanish module is typed as the English catalogue, so the compiler checks their keys match.
 */
export type Catalogue<M extends Messages> = { en: M } & {
  [L in Exclude<Language, 'en'>]: LoadMessages<M>;
};

/** Texts that can replace a component's own, by message key; see `HkElement.strings`. */
export type MessageOverrides = Partial<Record<string, Message>>;

/** The texts of each language module once loaded, by its loader: each is fetched once per page. */
const loadedTexts = new WeakMap<LoadMessages<Messages>, Messages>();
const loadingTexts = new WeakMap<LoadMessages<Messages>, Promise<void>>();

/** The localize controllers of each element, so the element can wait for their texts. */
const controllersOf = new WeakMap<HTMLElement, Set<LocalizeController<Messages>>>();

/**
 * Resolves when every text the element is about to show has arrived, or `undefined` when they
 * are all here already (the common case, which then costs no extra tick). `HkElement` holds its
 * update until then, so a Spanish page never flashes English.
 */
export function textsReady(host: HTMLElement): Promise<unknown> | undefined {
  const controllers = controllersOf.get(host);
  if (!controllers) return undefined;
  const pending = [...controllers].map((controller) => controller.loadTexts()).filter(Boolean);
  return pending.length ? Promise.all(pending) : undefined;
}

/** Fills `{0}`, `{1}`… of a text given in `strings` with the message's arguments. */
function fill(text: string, args: unknown[]): string {
  return args.length
    ? text.replace(/\{(\d+)\}/g, (slot, index) => String(args[Number(index)] ?? slot))
    : text;
}

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
    const controllers = controllersOf.get(this.host) ?? new Set();
    controllersOf.set(this.host, controllers);
    controllers.add(this as unknown as LocalizeController<Messages>);
    observeLangChanges();
  }

  hostDisconnected() {
    connected.delete(this);
    controllersOf.get(this.host)?.delete(this as unknown as LocalizeController<Messages>);
  }

  /**
   * Starts fetching the texts of the element's language unless they are here; resolves once they
   * are. A language that cannot be fetched (offline, a missing file) falls back to English.
   */
  loadTexts(): Promise<void> | undefined {
    const language = toLanguage(this.host.getAttribute('locale') || nearestLang(this.host));
    if (language === 'en') return undefined;
    const load = this.catalogue[language] as LoadMessages<Messages>;
    if (loadedTexts.has(load)) return undefined;
    let loading = loadingTexts.get(load);
    if (!loading) {
      loading = load().then(
        (module) => void loadedTexts.set(load, module.default),
        (error) => {
          console.warn(
            `Hidden Key: the "${language}" texts could not be loaded, so English is shown.`,
            error,
          );
          loadedTexts.set(load, this.catalogue.en);
        },
      );
      loadingTexts.set(load, loading);
    }
    return loading;
  }

  /** The texts of the current language, English until that language has arrived. */
  private get messages(): M {
    const language = this.language;
    if (language === 'en') return this.catalogue.en;
    return (loadedTexts.get(this.catalogue[language] as LoadMessages<Messages>) as M) ?? this.catalogue.en;
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

  /** The text under `key`: the host's own `strings` override when it has one, else the catalogue's. */
  term<K extends keyof M>(key: K, ...args: MessageArgs<M[K]>): string {
    const override = (this.host as { strings?: MessageOverrides }).strings?.[key as string];
    const message = override ?? this.messages[key];
    return typeof message === 'function'
      ? (message as (...a: unknown[]) => string)(...args)
      : fill(message as string, args);
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
