/**
 * A seeded pseudo-random generator (mulberry32) for property tests and the benchmark. The engine itself takes
 * no randomness; this lives beside it so tests and the benchmark share one definition.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** k distinct items (k capped at the list length), in random order. */
  sample<T>(items: readonly T[], k: number): T[];
  chance(p: number): boolean;
}

export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (items) => items[Math.floor(next() * items.length)],
    sample: (items, k) => {
      const copy = [...items];
      const n = Math.min(k, copy.length);
      for (let i = 0; i < n; i++) {
        const j = i + Math.floor(next() * (copy.length - i));
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy.slice(0, n);
    },
    chance: (p) => next() < p,
  };
}

/** Runs `property` for `runs` seeds derived from `seed`; a failure names the seed that reproduces it. */
export function forAllSeeds(runs: number, seed: number, property: (rng: Rng, run: number) => void): void {
  for (let run = 0; run < runs; run++) {
    const runSeed = (seed * 1_000_003 + run * 7919) >>> 0;
    try {
      property(seededRng(runSeed), run);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`property failed on run ${run} (seed ${runSeed}): ${message}`, { cause: error });
    }
  }
}
