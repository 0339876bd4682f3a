import { HiddenKeyError } from './errors.js';

/** Fetches the page that starts at `cursor` (the first page when it is undefined). */
export type PageFetcher<Item> = (cursor: string | undefined) => Promise<Page<Item>>;

/** One page of a list, with the way to the next. */
export class Page<Item> implements AsyncIterable<Item> {
  constructor(
    readonly items: Item[],
    /** Pass to `cursor` to get the next page; `null` on the last page. */
    readonly nextCursor: string | null,
    private readonly fetchPage: PageFetcher<Item>,
  ) {}

  hasNextPage(): boolean {
    return this.nextCursor !== null;
  }

  getNextPage(): Promise<Page<Item>> {
    if (this.nextCursor === null) return Promise.reject(new HiddenKeyError('This is the last page'));
    return this.fetchPage(this.nextCursor);
  }

  /** This page and every page after it. */
  async *pages(): AsyncGenerator<Page<Item>> {
    let page: Page<Item> = this;
    yield page;
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      yield page;
    }
  }

  /** Every item from this page on, fetching the next pages as the loop reaches them. */
  async *[Symbol.asyncIterator](): AsyncGenerator<Item> {
    for await (const page of this.pages()) yield* page.items;
  }
}

/**
 * What a `list()` call returns: a promise of the first page (`await`, `.then`, `.catch`,
 * `.finally`), or iterate it for every item. Nothing is fetched until one of them is used.
 *
 * ```ts
 * for await (const lead of hk.leads.list({ status: 'new' })) console.log(lead.id);
 * const first = await hk.leads.list({ limit: 50 });
 * const some = await hk.leads.list().toArray({ limit: 500 });
 * ```
 */
export class PageList<Item> implements Promise<Page<Item>>, AsyncIterable<Item> {
  #firstPage: Promise<Page<Item>> | undefined;

  readonly [Symbol.toStringTag] = 'PageList';

  constructor(private readonly fetchPage: PageFetcher<Item>) {}

  /** The first page, fetched once however often it is awaited. */
  firstPage(): Promise<Page<Item>> {
    this.#firstPage ??= this.fetchPage(undefined);
    return this.#firstPage;
  }

  // biome-ignore lint/suspicious/noThenProperty: a list is awaitable by design, like a promise of its first page
  then<Result = Page<Item>, Failure = never>(
    onFulfilled?: ((page: Page<Item>) => Result | PromiseLike<Result>) | null,
    onRejected?: ((reason: unknown) => Failure | PromiseLike<Failure>) | null,
  ): Promise<Result | Failure> {
    return this.firstPage().then(onFulfilled, onRejected);
  }

  catch<Failure = never>(
    onRejected?: ((reason: unknown) => Failure | PromiseLike<Failure>) | null,
  ): Promise<Page<Item> | Failure> {
    return this.firstPage().catch(onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<Page<Item>> {
    return this.firstPage().finally(onFinally);
  }

  /** Every page, in order. */
  async *pages(): AsyncGenerator<Page<Item>> {
    yield* (await this.firstPage()).pages();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Item> {
    yield* await this.firstPage();
  }

  /** Collects items across pages, stopping (and fetching no further page) at `limit`. */
  async toArray({ limit = Number.POSITIVE_INFINITY }: { limit?: number } = {}): Promise<Item[]> {
    const items: Item[] = [];
    if (limit <= 0) return items;
    for await (const item of this) {
      items.push(item);
      if (items.length >= limit) break;
    }
    return items;
  }
}
