import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ObjectNotFoundError, type ObjectStore } from '../../shared/storage/object-store.ts';

/** A fresh, empty store and a way to dispose of it. */
export type MakeStore = () => Promise<{ store: ObjectStore; cleanup: () => Promise<void> }>;

/** What differs between backends, so that each is held to everything it can promise. */
export interface ContractOptions {
  /**
   * Whether the backend enforces putIfAbsent against an existing key. True for the local folder and
   * for AWS S3; false for s3rver, which ignores If-None-Match on PUT (the S3 adapter's request shape
   * is checked with aws-sdk-client-mock instead).
   */
  enforcesPutIfAbsent?: boolean;
}

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/**
 * The behaviour every ObjectStore adapter must share, as one vitest suite. Each test gets a fresh
 * store from makeStore.
 */
export function runObjectStoreContract(name: string, makeStore: MakeStore, opts: ContractOptions = {}): void {
  describe(`ObjectStore contract: ${name}`, () => {
    let store: ObjectStore;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
    });
    afterEach(async () => {
      await cleanup();
    });

    it('round-trips every byte value', async () => {
      const bytes = new Uint8Array(512).map((_, i) => i % 256);
      await store.put('raw/bytes.bin', bytes);
      expect(Buffer.from(await store.get('raw/bytes.bin')).equals(Buffer.from(bytes))).toBe(true);
    });

    it('stores strings as UTF-8, non-ASCII included', async () => {
      const body = 'Kraków, Łódź, Zürich — 東京 🚀\nnaïve café';
      await store.put('raw/text.txt', body);
      const got = await store.get('raw/text.txt');
      expect(text(got)).toBe(body);
      expect(got.byteLength).toBe(Buffer.byteLength(body, 'utf8'));
    });

    it('keeps keys with spaces and = (hive partitions) exactly as given', async () => {
      const keys = ['curated/ad_delivery/month=2026-03/x.parquet', 'raw/partner uploads/Week 12 (final) +1.csv'];
      for (const key of keys) await store.put(key, `body of ${key}`);
      for (const key of keys) {
        expect(text(await store.get(key))).toBe(`body of ${key}`);
        expect(await store.exists(key)).toBe(true);
      }
      expect((await store.list('curated/ad_delivery/month=2026-03/')).map((o) => o.key)).toEqual([keys[0]]);
      expect((await store.list('raw/partner uploads/')).map((o) => o.key)).toEqual([keys[1]]);
    });

    it('writes a stream of unknown length (>10 MiB) without holding it, byte-identical', async () => {
      const parts = [randomBytes(6 * 1024 * 1024), randomBytes(5 * 1024 * 1024), randomBytes(1234)];
      await store.putStream('raw/ads/big export.csv', Readable.from(parts));
      expect(Buffer.compare(await readAll(await store.getStream('raw/ads/big export.csv')), Buffer.concat(parts))).toBe(0);
      expect(await store.list('raw/ads/')).toEqual([{ key: 'raw/ads/big export.csv', size: 11 * 1024 * 1024 + 1234 }]);
    });

    it('overwrites an existing object', async () => {
      await store.put('state.json', '{"v":1,"padding":"xxxxxxxx"}');
      await store.put('state.json', '{"v":2}');
      expect(text(await store.get('state.json'))).toBe('{"v":2}');
      expect(await store.list('state')).toEqual([{ key: 'state.json', size: 7 }]);
    });

    it('streams a >10 MiB object back byte-identical', async () => {
      const big = randomBytes(10 * 1024 * 1024 + 123_457);
      await store.put('raw/big/export.csv', big);
      const streamed = await readAll(await store.getStream('raw/big/export.csv'));
      expect(streamed.length).toBe(big.length);
      expect(streamed.equals(big)).toBe(true);
      expect(await store.list('raw/big/')).toEqual([{ key: 'raw/big/export.csv', size: big.length }]);
    });

    it('lists by prefix: sorted, only under the prefix, also for prefixes ending mid-name', async () => {
      const keys = ['b/x', 'a/c', 'a/bc/3', 'ab', 'a/b/2', 'a/b/1'];
      for (const key of keys) await store.put(key, key.repeat(2));
      const listed = async (prefix: string) => (await store.list(prefix)).map((o) => o.key);
      expect(await listed('a/b/')).toEqual(['a/b/1', 'a/b/2']);
      expect(await listed('a/b')).toEqual(['a/b/1', 'a/b/2', 'a/bc/3']);
      expect(await listed('a')).toEqual(['a/b/1', 'a/b/2', 'a/bc/3', 'a/c', 'ab']);
      expect(await listed('')).toEqual(['a/b/1', 'a/b/2', 'a/bc/3', 'a/c', 'ab', 'b/x']);
      expect(await listed('zzz/')).toEqual([]);
      expect(await store.list('a/c')).toEqual([{ key: 'a/c', size: 6 }]);
    });

    it('tells whether an object exists (a folder-like prefix is not an object)', async () => {
      await store.put('curated/x/part-0.parquet', 'p');
      expect(await store.exists('curated/x/part-0.parquet')).toBe(true);
      expect(await store.exists('curated/x/part-1.parquet')).toBe(false);
      expect(await store.exists('curated/x')).toBe(false);
    });

    it('deletes an object, and deleting a missing key is not an error', async () => {
      await store.put('tmp/a.txt', 'a');
      await store.put('tmp/b.txt', 'b');
      await store.delete('tmp/a.txt');
      expect(await store.exists('tmp/a.txt')).toBe(false);
      expect((await store.list('tmp/')).map((o) => o.key)).toEqual(['tmp/b.txt']);
      await expect(store.get('tmp/a.txt')).rejects.toBeInstanceOf(ObjectNotFoundError);
      await expect(store.delete('tmp/never-there.txt')).resolves.toBeUndefined();
    });

    it('rejects get and getStream of a missing key with ObjectNotFoundError', async () => {
      await expect(store.get('nope/missing.csv')).rejects.toBeInstanceOf(ObjectNotFoundError);
      await expect(store.get('nope/missing.csv')).rejects.toMatchObject({ key: 'nope/missing.csv' });
      await expect(store.getStream('nope/missing.csv')).rejects.toBeInstanceOf(ObjectNotFoundError);
    });

    it('putIfAbsent writes a new key and reports it', async () => {
      expect(await store.putIfAbsent('locks/run-1', 'first')).toBe(true);
      expect(text(await store.get('locks/run-1'))).toBe('first');
    });

    if (opts.enforcesPutIfAbsent ?? true) {
      it('putIfAbsent refuses an existing key and leaves it unchanged', async () => {
        await store.put('locks/run-2', 'owner');
        expect(await store.putIfAbsent('locks/run-2', 'intruder')).toBe(false);
        expect(await store.putIfAbsent('locks/run-2', 'intruder')).toBe(false);
        expect(text(await store.get('locks/run-2'))).toBe('owner');
      });
    }

    it('rejects unsafe keys before touching storage', async () => {
      for (const key of ['../x', 'a/../../x', '/etc/passwd', '', 'a/./b']) {
        await expect(store.put(key, 'x'), key).rejects.toThrow(/Unsafe object key/);
        await expect(store.putIfAbsent(key, 'x'), key).rejects.toThrow(/Unsafe object key/);
        await expect(store.get(key), key).rejects.toThrow(/Unsafe object key/);
        await expect(store.getStream(key), key).rejects.toThrow(/Unsafe object key/);
        await expect(store.delete(key), key).rejects.toThrow(/Unsafe object key/);
        // exists() is not checked: the local store answers false for any key it cannot stat.
      }
      expect(await store.list('')).toEqual([]);
    });

    it('has a location to show in messages', () => {
      expect(store.location.length).toBeGreaterThan(0);
    });
  });
}
