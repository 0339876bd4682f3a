/** Merging rules for the JSON objects stored on resources (property, attribution, custom fields). */

/** Drops keys whose value is undefined so a stored JSON object holds only what was sent. */
export function compact<T extends Record<string, unknown>>(
  value: T | null | undefined,
): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, entry]) => entry !== undefined));
}

const isEmpty = (value: unknown) => value === null || value === undefined || value === '';

/** Existing values win; the incoming object only fills what is empty. */
export function fillEmpty(
  existing: Record<string, unknown>,
  incoming: Record<string, unknown>,
): Record<string, unknown> {
  // A Map, so keys such as `__proto__` or `constructor` are plain keys, never Object.prototype's.
  const merged = new Map(Object.entries(existing));
  for (const [key, value] of Object.entries(incoming)) {
    if (isEmpty(merged.get(key)) && !isEmpty(value)) merged.set(key, value);
  }
  return Object.fromEntries(merged);
}

/** PATCH semantics for nested objects: sent keys replace, a null value clears. */
export function patchObject(
  existing: Record<string, unknown>,
  patch: Record<string, unknown> | undefined,
): Record<string, unknown> {
  if (!patch) return existing;
  const merged = { ...existing, ...compact(patch) };
  for (const [key, value] of Object.entries(merged)) if (value === null) delete merged[key];
  return merged;
}
