/**
 * A level-triggered wake-up: `notify()` while nobody waits is remembered, so a notification that
 * arrives while a stream is busy reading is not lost; many notifications collapse into one.
 */
export class Wakeup {
  #pending = false;
  #wake: (() => void) | null = null;

  notify() {
    const wake = this.#wake;
    if (wake) {
      this.#wake = null;
      wake();
    } else {
      this.#pending = true;
    }
  }

  /** Resolves true when notified (or already pending), false after `timeoutMs` without; no timeout waits for a notification. */
  wait(timeoutMs?: number): Promise<boolean> {
    if (this.#pending) {
      this.#pending = false;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              this.#wake = null;
              resolve(false);
            }, timeoutMs);
      this.#wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
  }
}
