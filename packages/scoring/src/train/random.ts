/** A small seeded PRNG (mulberry32): every random choice in training comes from here, so a seed fixes the run. */
export type Random = () => number;

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle in place. */
export function shuffle<T>(items: T[] | Uint32Array, random: Random): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const held = items[i]!;
    items[i] = items[j]!;
    items[j] = held;
  }
}

/** Indices 0..n-1 split into [first, second], each label keeping its share (stratified). */
export function stratifiedSplit(
  labels: ArrayLike<number>,
  secondFraction: number,
  random: Random,
): [Uint32Array, Uint32Array] {
  const byLabel: number[][] = [[], []];
  for (let i = 0; i < labels.length; i++) byLabel[labels[i] ? 1 : 0]!.push(i);
  const first: number[] = [];
  const second: number[] = [];
  for (const group of byLabel) {
    shuffle(group, random);
    const cut = Math.round(group.length * secondFraction);
    second.push(...group.slice(0, cut));
    first.push(...group.slice(cut));
  }
  return [Uint32Array.from(first).sort(), Uint32Array.from(second).sort()];
}
