/** A call's answer with the response it came in. */
export interface WithResponse<Data> {
  data: Data;
  response: Response;
}

/**
 * What every single-resource method returns: a real promise of the parsed data, plus the raw
 * response for those who need its status or headers, as in openai-node.
 *
 * ```ts
 * const { data: lead, response } = await hk.leads.retrieve(id).withResponse();
 * response.headers.get('x-request-id');
 * const raw = await hk.leads.retrieve(id).asResponse(); // unread: stream or parse it yourself
 * ```
 *
 * The request is sent at once (not when awaited), so a write happens even if nobody awaits it.
 */
export class APIPromise<Data> extends Promise<Data> {
  #parsed: Promise<WithResponse<Data>> | undefined;

  // Promise subclasses must construct with an executor; `then` and friends build plain promises.
  static override get [Symbol.species]() {
    return Promise;
  }

  private constructor(
    private readonly responsePromise: Promise<Response>,
    private readonly parse: (response: Response) => Promise<Data>,
  ) {
    let resolveData!: (data: Data) => void;
    let rejectData!: (reason: unknown) => void;
    super((resolve, reject) => {
      resolveData = resolve;
      rejectData = reject;
    });
    // Parsing starts only when the data is wanted, so `asResponse()` gets the body unread.
    this.#start = () => this.#parse().then(({ data }) => resolveData(data), rejectData);
  }

  #start: () => void;
  #started = false;

  static from<Data>(
    response: Promise<Response>,
    parse: (response: Response) => Promise<Data>,
  ): APIPromise<Data> {
    // A call nobody awaits must not crash the process with an unhandled rejection.
    response.catch(() => undefined);
    return new APIPromise(response, parse);
  }

  #parse(): Promise<WithResponse<Data>> {
    this.#parsed ??= this.responsePromise.then(async (response) => ({
      data: await this.parse(response),
      response,
    }));
    return this.#parsed;
  }

  #ensureStarted() {
    if (this.#started) return;
    this.#started = true;
    this.#start();
  }

  // biome-ignore lint/suspicious/noThenProperty: a Promise subclass overrides then, to start parsing on first use
  override then<Result = Data, Failure = never>(
    onFulfilled?: ((data: Data) => Result | PromiseLike<Result>) | null,
    onRejected?: ((reason: unknown) => Failure | PromiseLike<Failure>) | null,
  ): Promise<Result | Failure> {
    this.#ensureStarted();
    return super.then(onFulfilled, onRejected);
  }

  /** The raw response, its body unread; error statuses still reject with the client's errors. */
  asResponse(): Promise<Response> {
    return this.responsePromise;
  }

  /** The parsed data and the response it came in. */
  withResponse(): Promise<WithResponse<Data>> {
    return this.#parse();
  }
}
