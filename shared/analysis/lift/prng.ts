/** Small seeded PRNG (mulberry32) so permutation and simulation results are reproducible. */
export interface Rng { next(): number; normal(): number; poisson(mean: number): number; int(n: number): number }

/** Create a deterministic random generator from an integer seed. */
export function makeRng(seed = 1): Rng {
  let a = (seed >>> 0) || 0x9e3779b9;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let spare: number | null = null;
  const normal = (): number => {
    if (spare !== null) { const s = spare; spare = null; return s; }
    let u = 0; let v = 0; let s = 0;
    do { u = next() * 2 - 1; v = next() * 2 - 1; s = u * u + v * v; } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    spare = v * m;
    return u * m;
  };
  const poisson = (mean: number): number => {
    if (mean <= 0) return 0;
    if (mean > 60) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
    // Knuth's method is fine for small means
    const l = Math.exp(-mean);
    let k = 0; let p = 1;
    do { k++; p *= next(); } while (p > l);
    return k - 1;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return { next, normal, poisson, int };
}

