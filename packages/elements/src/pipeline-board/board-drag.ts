import { combine } from '@atlaskit/pragmatic-drag-and-drop/combine';
import {
  draggable,
  dropTargetForElements,
  monitorForElements,
} from '@atlaskit/pragmatic-drag-and-drop/element/adapter';

/** Where a dragged card would land: a stage and an index in that stage's column as shown. */
export interface DropSpot {
  stage: string;
  index: number;
}

export interface BoardDragHooks {
  /** The card the pointer went down on, which a drag starting now carries. */
  pressedDealId(): string | undefined;
  /** The spot under the pointer, or `null` outside every column. */
  locate(input: { clientX: number; clientY: number }): DropSpot | null;
  onStart(dealId: string): void;
  onOver(spot: DropSpot | null, input: { clientX: number; clientY: number }): void;
  onDrop(dealId: string, spot: DropSpot | null): void;
}

/**
 * Wires pragmatic-drag-and-drop to a board. The library finds draggables and drop targets from
 * `event.target`, which the browser retargets to the shadow host for events that cross a shadow
 * root (atlassian/pragmatic-drag-and-drop#15), so the host is registered as both, and the board
 * resolves the card being dragged and the spot under the pointer inside its own shadow root.
 */
export function wireBoardDrag(host: HTMLElement, hooks: BoardDragHooks): () => void {
  const key = Symbol('hk-board');
  const cleanup = combine(
    draggable({
      element: host,
      canDrag: () => hooks.pressedDealId() !== undefined,
      getInitialData: () => ({ board: key, dealId: hooks.pressedDealId() }),
    }),
    dropTargetForElements({
      element: host,
      canDrop: ({ source }) => source.data.board === key,
      getIsSticky: () => true,
    }),
    monitorForElements({
      canMonitor: ({ source }) => source.data.board === key,
      onDragStart: ({ source }) => hooks.onStart(source.data.dealId as string),
      onDrag: ({ location }) => hooks.onOver(hooks.locate(location.current.input), location.current.input),
      onDrop: ({ source, location }) =>
        hooks.onDrop(
          source.data.dealId as string,
          location.current.dropTargets.length ? hooks.locate(location.current.input) : null,
        ),
    }),
  );
  // `draggable()` marks the host draggable; only the cards inside it are.
  host.removeAttribute('draggable');
  return cleanup;
}
