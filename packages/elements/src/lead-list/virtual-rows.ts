import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Rows kept in the DOM beyond each edge of the view, so a quick scroll seldom shows a gap. */
const OVERSCAN_ROWS = 16;
/** The row height assumed until one is measured (a 3rem row at the default font size). */
const ESTIMATED_ROW_PX = 48;

/**
 * Virtual scrolling for a list whose rows share one height, as the lead list's do (one line each
 * when wide, one three-line card each when narrow; text that would wrap is cut with an ellipsis).
 * Only the rows in view, plus a margin, are rendered, in the scroller's one child (the list);
 * the list's block padding stands in for the rest, so its height is that of every row. (Padding
 * the scroller itself would not do: with `box-sizing: border-box` it would grow to fit.) The
 * height is measured from a rendered row, again whenever the scroller is resized, so a change of
 * layout or font is followed. (A general virtualizer, for rows of any height, cost the portal
 * embed about 8 KB min+gz.)
 */
export class VirtualRows implements ReactiveController {
  /** The first row to render and the one after the last, for the count given to `sync`. */
  first = 0;
  end = 0;
  private count = 0;
  private rowHeight = ESTIMATED_ROW_PX;
  /** Whether `rowHeight` was measured since the scroller last changed size. */
  private measured = false;
  private scroller: HTMLElement | null = null;
  private readonly resizeObserver = new ResizeObserver(() => {
    this.measured = false;
    this.measureAndSync();
  });
  private readonly onScroll = () => this.sync();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** The scroller in the host's render root. */
    private readonly findScroller: () => HTMLElement | null,
    /** How many rows there are now. */
    private readonly rowCount: () => number,
    /** Called when the rendered range or the row count changes, with the end of the range. */
    private readonly onRangeChanged: (end: number) => void,
  ) {
    host.addController(this);
  }

  /** The items to render now. */
  slice<T>(items: readonly T[]): T[] {
    return items.slice(this.first, this.end);
  }

  hostUpdated() {
    const scroller = this.findScroller();
    if (scroller !== this.scroller) {
      this.detach();
      this.scroller = scroller;
      scroller?.addEventListener('scroll', this.onScroll, { passive: true });
      if (scroller) this.resizeObserver.observe(scroller);
    }
    this.measureAndSync();
  }

  hostDisconnected() {
    this.detach();
  }

  /** Scrolls just enough to bring row `index` fully into view, then renders the rows there. */
  scrollToRow(index: number) {
    const scroller = this.scroller;
    if (!scroller) return;
    const top = index * this.rowHeight;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (top + this.rowHeight > scroller.scrollTop + scroller.clientHeight)
      scroller.scrollTop = top + this.rowHeight - scroller.clientHeight;
    this.sync();
  }

  private detach() {
    this.scroller?.removeEventListener('scroll', this.onScroll);
    this.resizeObserver.disconnect();
    this.scroller = null;
  }

  /**
   * Measures once per scroller size, not after every update: were a row ever a pixel taller than
   * the rest, measuring whichever row is first could move the range, and the range the row.
   */
  private measureAndSync() {
    // The fractional height keeps 100,000 rows exact.
    const row = this.scroller?.firstElementChild?.firstElementChild;
    const height = this.measured ? 0 : row?.getBoundingClientRect().height;
    if (height) {
      this.rowHeight = height;
      this.measured = true;
    }
    this.sync();
  }

  /** Works out which rows are in view, pads the list for the others, and re-renders on a change. */
  private sync() {
    const scroller = this.scroller;
    const list = scroller?.firstElementChild;
    if (!scroller || !(list instanceof HTMLElement)) return;
    const count = this.rowCount();
    const height = this.rowHeight;
    const view = scroller.clientHeight || height * OVERSCAN_ROWS;
    const first = Math.min(count, Math.max(0, Math.floor(scroller.scrollTop / height) - OVERSCAN_ROWS));
    const end = Math.min(count, Math.ceil((scroller.scrollTop + view) / height) + OVERSCAN_ROWS);
    list.style.paddingBlock = `${first * height}px ${(count - end) * height}px`;
    if (first === this.first && end === this.end && count === this.count) return;
    this.first = first;
    this.end = end;
    this.count = count;
    this.host.requestUpdate();
    this.onRangeChanged(end);
  }
}
