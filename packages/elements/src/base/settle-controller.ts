import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * How long a choice made with the arrow keys waits for the next key before it is saved (`ms`).
 * An object, so the keyboard tests can lengthen it: on a loaded machine two simulated keypresses
 * can land more than 800 ms apart, which a person arrowing through a list never does.
 */
export const settleTiming = { ms: 800 };

/**
 * Holds a choice made with the arrow keys (a lead's status select) until the person settles on
 * it: saved `settleTiming.ms` after the last change, or at once when the host calls `settle` (Enter,
 * leaving the control, a pick with the pointer), so arrowing from "qualified" to "lost" does not
 * save "converted" on the way. One pending choice per key (a lead id); the save receives what the
 * first change of the run started from (the lead as it was). Pending choices are saved when the
 * host leaves the page.
 */
export class SettleController<From, Value> implements ReactiveController {
  private readonly pending = new Map<string, { from: From; value: Value; timer: number }>();
  private readonly host: ReactiveControllerHost;
  private readonly save: (from: From, value: Value) => void;

  constructor(host: ReactiveControllerHost, save: (from: From, value: Value) => void) {
    this.host = host;
    this.save = save;
    host.addController(this);
  }

  hostDisconnected() {
    for (const key of [...this.pending.keys()]) this.settle(key);
  }

  /** The value waiting to be saved under `key`, if any. */
  valueOf(key: string): Value | undefined {
    return this.pending.get(key)?.value;
  }

  /** Records a change, saved once no other change follows within `settleTiming.ms`. */
  choose(key: string, from: From, value: Value) {
    const pending = this.pending.get(key);
    clearTimeout(pending?.timer);
    const timer = window.setTimeout(() => this.settle(key), settleTiming.ms);
    this.pending.set(key, { from: pending?.from ?? from, value, timer });
    this.host.requestUpdate();
  }

  /** Saves the pending choice under `key` now, if there is one. */
  settle(key: string) {
    const pending = this.pending.get(key);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pending.delete(key);
    this.host.requestUpdate();
    this.save(pending.from, pending.value);
  }
}
