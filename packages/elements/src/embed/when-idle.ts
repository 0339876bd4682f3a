/**
 * Loads another embed file (beside this one) once the page is idle, so what the first screen
 * shows paints without waiting for it. Elements of that file upgrade when it arrives, keeping
 * properties a page set on them before.
 */
export function loadWhenIdle(load: () => Promise<unknown>, what: string) {
  const run = () => load().catch((error) => console.warn(`Hidden Key: ${what} could not be loaded.`, error));
  if ('requestIdleCallback' in window) requestIdleCallback(run, { timeout: 2000 });
  else setTimeout(run, 200);
}
