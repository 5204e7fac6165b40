/** Seeded PRNG (mulberry32): the demo and bench data are the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Poisson draw: Knuth's method for small means, a rounded normal for large ones. */
export function poisson(rand: () => number, mean: number): number {
  if (mean <= 0) return 0;
  if (mean < 40) {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = rand();
    while (p > limit) {
      k += 1;
      p *= rand();
    }
    return k;
  }
  const u = Math.max(rand(), 1e-12);
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
}
