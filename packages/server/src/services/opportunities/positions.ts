import { and, asc, desc, eq, gt, lt, max, ne } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
import { opportunities } from '../../db/schema.js';
import { validationError } from '../../errors.js';

/** Spacing between cards after a renumber, and for a card appended to a stage. */
export const POSITION_STEP = 1024;
/** Below this gap the midpoint loses precision: the stage is renumbered first. */
const MIN_GAP = 1e-6;

export interface Placement {
  organizationId: string;
  stage: string;
  /** The card being placed, left out of its neighbours. */
  movingId?: string;
  /** The card that ends up directly above (smaller position). */
  afterId?: string | null;
  /** The card that ends up directly below (larger position). */
  beforeId?: string | null;
}

const inStage = (placement: Placement) =>
  and(
    eq(opportunities.organizationId, placement.organizationId),
    eq(opportunities.stage, placement.stage),
    placement.movingId ? ne(opportunities.id, placement.movingId) : undefined,
  );

/** Position after the last card of the stage. */
export async function endOfStage(db: Executor, placement: Placement): Promise<number> {
  const [row] = await db
    .select({ last: max(opportunities.position) })
    .from(opportunities)
    .where(inStage(placement));
  return row?.last == null ? POSITION_STEP : Math.floor(row.last) + POSITION_STEP;
}

async function positionOf(db: Executor, placement: Placement, id: string, field: string): Promise<number> {
  const [row] = await db
    .select({ position: opportunities.position })
    .from(opportunities)
    .where(and(inStage(placement), eq(opportunities.id, id)))
    .limit(1);
  if (!row) throw validationError({ [field]: ['No such opportunity in the target stage'] });
  return row.position;
}

/** Rewrites the stage's positions to even steps, keeping their order. */
async function renumberStage(db: Executor, placement: Placement) {
  const rows = await db
    .select({ id: opportunities.id })
    .from(opportunities)
    .where(inStage(placement))
    .orderBy(asc(opportunities.position), asc(opportunities.id));
  for (const [index, row] of rows.entries()) {
    await db
      .update(opportunities)
      .set({ position: (index + 1) * POSITION_STEP })
      .where(eq(opportunities.id, row.id));
  }
}

async function neighbourBounds(db: Executor, placement: Placement): Promise<[number | null, number | null]> {
  const after = placement.afterId ? await positionOf(db, placement, placement.afterId, 'after_id') : null;
  const before = placement.beforeId ? await positionOf(db, placement, placement.beforeId, 'before_id') : null;
  if (after !== null && before !== null) {
    if (after >= before)
      throw validationError({ before_id: ['before_id must come after after_id in the stage'] });
    return [after, before];
  }
  if (after !== null) {
    const [next] = await db
      .select({ position: opportunities.position })
      .from(opportunities)
      .where(and(inStage(placement), gt(opportunities.position, after)))
      .orderBy(asc(opportunities.position))
      .limit(1);
    return [after, next?.position ?? null];
  }
  if (before !== null) {
    const [previous] = await db
      .select({ position: opportunities.position })
      .from(opportunities)
      .where(and(inStage(placement), lt(opportunities.position, before)))
      .orderBy(desc(opportunities.position))
      .limit(1);
    return [previous?.position ?? null, before];
  }
  return [null, null];
}

/**
 * The fractional position for a card landing between `afterId` and `beforeId` (either may be
 * absent): the midpoint of its neighbours, one step past the edge, or the end of the stage when
 * no neighbour is given. When the gap is too small for a distinct midpoint, the stage is
 * renumbered once and the position computed again. Run it inside the move's transaction.
 */
export async function placeInStage(db: Executor, placement: Placement): Promise<number> {
  if (!placement.afterId && !placement.beforeId) return endOfStage(db, placement);
  for (let attempt = 0; ; attempt++) {
    const [after, before] = await neighbourBounds(db, placement);
    if (after === null && before === null) return endOfStage(db, placement);
    if (after === null) return before! - POSITION_STEP;
    if (before === null) return after + POSITION_STEP;
    const middle = (after + before) / 2;
    if (before - after > MIN_GAP && middle > after && middle < before) return middle;
    if (attempt > 0) throw validationError({ before_id: ['Cannot place the card between these neighbours'] });
    await renumberStage(db, placement);
  }
}
