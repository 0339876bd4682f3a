/**
 * The fractional position of a card placed between two neighbours (either may be missing), the
 * same rule the server's move endpoint follows, so an optimistic move lands where the answer will.
 */
export function positionBetween(above: number | undefined, below: number | undefined): number {
  if (above !== undefined && below !== undefined) return (above + below) / 2;
  if (above !== undefined) return above + 1;
  if (below !== undefined) return below - 1;
  return 0;
}
