/**
 * Columns are windowed by hand with cards of one fixed height: the card being dragged must stay in
 * the DOM however far its column scrolls, and drop positions are computed from the pointer in
 * O(1), for cards that are not rendered as well as those that are.
 */
export const CARD_HEIGHT = 152;
export const CARD_GAP = 8;
export const CARD_PITCH = CARD_HEIGHT + CARD_GAP;
const OVERSCAN = 4;

/** The indexes `[start, end)` of the cards to render for a column scrolled to `scrollTop`. */
export function visibleRange(scrollTop: number, viewportHeight: number, count: number): [number, number] {
  const start = Math.max(0, Math.floor(scrollTop / CARD_PITCH) - OVERSCAN);
  const end = Math.min(count, Math.ceil((scrollTop + viewportHeight) / CARD_PITCH) + OVERSCAN);
  return [start, Math.max(start, end)];
}

/** The index a card dropped `offsetY` pixels below the top of a column's list would take. */
export function dropIndex(offsetY: number, count: number): number {
  return Math.min(count, Math.max(0, Math.round(offsetY / CARD_PITCH)));
}

/** The `scrollTop` that shows card `index`, or `undefined` when it is already in view. */
export function scrollToShow(index: number, scrollTop: number, viewportHeight: number): number | undefined {
  const top = index * CARD_PITCH;
  if (top < scrollTop) return top;
  if (top + CARD_HEIGHT > scrollTop + viewportHeight) return top + CARD_HEIGHT - viewportHeight;
  return undefined;
}
