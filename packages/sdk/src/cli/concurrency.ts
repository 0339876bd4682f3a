/** Runs `task` for every item with at most `limit` running at once, in the items' order. */
export async function forEachConcurrently<Item>(
  items: Iterable<Item>,
  limit: number,
  task: (item: Item) => Promise<void>,
): Promise<void> {
  const iterator = items[Symbol.iterator]();
  const worker = async () => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) await task(next.value);
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, worker));
}
