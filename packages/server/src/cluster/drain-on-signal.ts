/**
 * In an HTTP worker: drains once on the first SIGTERM or SIGINT, and ignores the ones after it. A
 * worker often gets two (Ctrl-C or a container stop signals the whole process group, and the
 * primary forwards its own), and a second must not end the drain the first started.
 */
export function drainOnSignal(close: () => Promise<void>) {
  let draining = false;
  const stop = () => {
    if (draining) return;
    draining = true;
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
