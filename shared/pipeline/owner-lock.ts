import type { ObjectStore } from '../storage/object-store.ts';

export interface LockOptions {
  /** A lock older than this is taken to be left by a crashed writer. */
  staleAfterMs?: number;
  /** Give up waiting after this long. */
  waitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export class LockTimeoutError extends Error {
  constructor(key: string, waitedMs: number) {
    super(`another upload is still being written (${key}); waited ${Math.round(waitedMs / 1000)} s: try again in a minute`);
    this.name = 'LockTimeoutError';
  }
}

/**
 * Run fn while holding a lock object for each owner (a partner, or an ad campaign), so that two
 * uploads for the same owner never read-modify-write the same curated files at once (two Lambdas
 * handling two quick uploads). Locks are create-if-absent objects; keys are taken in sorted order
 * so two writers cannot deadlock, and a lock older than staleAfterMs is broken.
 */
export async function withOwnerLocks<T>(store: ObjectStore, keys: string[], fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const staleAfter = opts.staleAfterMs ?? 10 * 60_000;
  const waitMs = opts.waitMs ?? 5 * 60_000;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = opts.now ?? Date.now;
  const held: string[] = [];
  try {
    for (const key of [...new Set(keys)].sort()) {
      const started = now();
      for (let delay = 50; ; delay = Math.min(delay * 2, 2_000)) {
        if (await store.putIfAbsent(key, JSON.stringify({ since: now(), pid: process.pid }))) break;
        if (await isStale(store, key, now() - staleAfter)) {
          await store.delete(key);
          continue;
        }
        if (now() - started > waitMs) throw new LockTimeoutError(key, now() - started);
        await sleep(delay);
      }
      held.push(key);
    }
    return await fn();
  } finally {
    for (const key of held.reverse()) await store.delete(key);
  }
}

async function isStale(store: ObjectStore, key: string, cutoff: number): Promise<boolean> {
  try {
    const { since } = JSON.parse(new TextDecoder().decode(await store.get(key))) as { since?: number };
    return typeof since !== 'number' || since < cutoff;
  } catch {
    return false; // released meanwhile, or being written: just try again
  }
}
