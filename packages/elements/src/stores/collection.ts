import { atom, computed, type ReadableAtom } from 'nanostores';

/** What every stored resource has: an id, and the time of its last change to order competing versions. */
export interface Row {
  id: string;
  updated_at: string;
}

/**
 * Rows of one resource as the server last told us, with pending local changes laid on top.
 * Optimistic writes go into the overlay and never touch the confirmed rows, so rolling one back is
 * dropping its overlay entry: whatever the server said meanwhile (events from other users) stays.
 */
export interface Collection<T extends Row> {
  /** Rows as the UI shows them: confirmed rows with pending changes applied (`null` hides a row). */
  readonly $rows: ReadableAtom<ReadonlyMap<string, T>>;
  /** Confirmed rows only. */
  readonly $confirmed: ReadableAtom<ReadonlyMap<string, T>>;
  /** Stores server versions; an older version than the one held (by `updated_at`) is ignored. */
  confirm(rows: readonly T[]): void;
  /** Removes a row the server deleted; later stale versions of it are ignored. */
  forget(id: string): void;
  /** Lays a pending change over a row; returns the function that drops it (if still the latest). */
  overlay(id: string, row: T | null): () => void;
  /** Drops every row, pending change and tombstone (sign-out). */
  clear(): void;
}

export function createCollection<T extends Row>(): Collection<T> {
  const $confirmed = atom<ReadonlyMap<string, T>>(new Map());
  const $overlays = atom<ReadonlyMap<string, { row: T | null; token: symbol }>>(new Map());
  const deleted = new Set<string>();

  const $rows = computed([$confirmed, $overlays], (confirmed, overlays) => {
    if (overlays.size === 0) return confirmed;
    const rows = new Map(confirmed);
    for (const [id, { row }] of overlays) {
      if (row) rows.set(id, row);
      else rows.delete(id);
    }
    return rows;
  });

  return {
    $rows,
    $confirmed,
    confirm(incoming) {
      const current = $confirmed.get();
      let next: Map<string, T> | undefined;
      for (const row of incoming) {
        if (deleted.has(row.id)) continue;
        const held = (next ?? current).get(row.id);
        if (held && held.updated_at > row.updated_at) continue;
        next ??= new Map(current);
        next.set(row.id, row);
      }
      if (next) $confirmed.set(next);
    },
    forget(id) {
      deleted.add(id);
      if (!$confirmed.get().has(id)) return;
      const next = new Map($confirmed.get());
      next.delete(id);
      $confirmed.set(next);
    },
    overlay(id, row) {
      const token = Symbol(id);
      $overlays.set(new Map($overlays.get()).set(id, { row, token }));
      return () => {
        if ($overlays.get().get(id)?.token !== token) return;
        const next = new Map($overlays.get());
        next.delete(id);
        $overlays.set(next);
      };
    },
    clear() {
      deleted.clear();
      $overlays.set(new Map());
      $confirmed.set(new Map());
    },
  };
}
