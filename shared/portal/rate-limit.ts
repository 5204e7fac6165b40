/**
 * A fixed-window, in-memory rate limiter keyed by client IP: enough to slow token guessing on the
 * sign-in form of one server. (Behind API Gateway, its own throttling adds to this.)
 */
export class RateLimiter {
  private readonly hits = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Count one attempt; false when the key has used up its window. */
  allow(key: string, nowMs: number): boolean {
    const w = this.hits.get(key);
    if (!w || nowMs - w.start >= this.windowMs) {
      // Drop expired windows now and then, so the map cannot grow without bound.
      if (this.hits.size > 10_000) for (const [k, v] of this.hits) if (nowMs - v.start >= this.windowMs) this.hits.delete(k);
      this.hits.set(key, { start: nowMs, count: 1 });
      return true;
    }
    w.count += 1;
    return w.count <= this.limit;
  }
}
