import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { copyFile, link, mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { assertSafeKey, ObjectNotFoundError, type ObjectInfo, type ObjectStore } from './object-store.ts';

/** ObjectStore on a local folder: the default runtime, standing in for the S3 bucket. */
export class LocalFolderStore implements ObjectStore {
  readonly localRoot: string;
  constructor(root: string) {
    this.localRoot = path.resolve(root);
  }

  get location(): string {
    return this.localRoot;
  }

  private pathOf(key: string): string {
    assertSafeKey(key);
    return path.join(this.localRoot, ...key.split('/'));
  }

  async get(key: string): Promise<Uint8Array> {
    try {
      return new Uint8Array(await readFile(this.pathOf(key)));
    } catch (e) {
      throw notFound(e, key, this.location);
    }
  }

  async getStream(key: string): Promise<Readable> {
    const file = this.pathOf(key);
    try {
      await stat(file);
    } catch (e) {
      throw notFound(e, key, this.location);
    }
    return createReadStream(file, { highWaterMark: 1 << 20 });
  }

  async put(key: string, body: Uint8Array | string): Promise<void> {
    const file = this.pathOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    // Write then rename, so a reader never sees half an object.
    const tmp = tmpName(file);
    await writeFile(tmp, body);
    await rename(tmp, file);
  }

  async putStream(key: string, body: Readable): Promise<void> {
    const file = this.pathOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = tmpName(file);
    try {
      await pipeline(body, createWriteStream(tmp));
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
    await rename(tmp, file);
  }

  putFile(key: string, source: string): Promise<void> {
    return this.putFileAs(source, Promise.resolve(key));
  }

  async putFileAs(source: string, key: Promise<string | undefined>): Promise<void> {
    // Staged at the root (list() skips .tmp files), then renamed into place: one file system.
    // Both settled from the start: a key that fails early is this call's error, not an unhandled one.
    const tmp = tmpName(path.join(this.localRoot, path.basename(source)));
    const [copied, named] = await Promise.allSettled([mkdir(this.localRoot, { recursive: true }).then(() => copyFile(source, tmp)), key]);
    try {
      if (copied.status === 'rejected') throw copied.reason;
      if (named.status === 'rejected') throw named.reason;
      if (named.value === undefined) return;
      const file = this.pathOf(named.value);
      await mkdir(path.dirname(file), { recursive: true });
      await rename(tmp, file);
    } finally {
      // Gone once renamed; otherwise (nothing to write, or any failure) the staged copy is removed.
      await rm(tmp, { force: true });
    }
  }

  async putIfAbsent(key: string, body: Uint8Array | string): Promise<boolean> {
    const file = this.pathOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    // Write a temporary file, then hard-link it into place: link() fails if the key exists, and
    // the object appears whole or not at all (a crash mid-write leaves only a .tmp file).
    const tmp = tmpName(file);
    await writeFile(tmp, body);
    try {
      await link(tmp, file);
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    } finally {
      await rm(tmp, { force: true });
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch {
      return false;
    }
  }

  async list(prefix: string): Promise<ObjectInfo[]> {
    const out: ObjectInfo[] = [];
    const walk = async (dir: string, keyPrefix: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      // Folders and sizes side by side: a national lake's partition holds thousands of files, and
      // one stat after another cost 40 ms at 600 files.
      await Promise.all(entries.map(async (entry) => {
        const key = keyPrefix + entry.name;
        if (entry.isDirectory()) await walk(path.join(dir, entry.name), `${key}/`);
        else if (entry.isFile() && !entry.name.endsWith('.tmp') && key.startsWith(prefix))
          out.push({ key, size: (await stat(path.join(dir, entry.name))).size });
      }));
    };
    // Start from the deepest folder the prefix names, then filter by the full prefix.
    const folder = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/') + 1) : '';
    await walk(path.join(this.localRoot, ...folder.split('/').filter(Boolean)), folder);
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}

/** A temporary name beside the file, unique even for two writes of one key in the same millisecond. */
function tmpName(file: string): string {
  return `${file}.${process.pid}.${Date.now()}.${randomBytes(4).toString('hex')}.tmp`;
}

function notFound(e: unknown, key: string, location: string): Error {
  return (e as NodeJS.ErrnoException).code === 'ENOENT' ? new ObjectNotFoundError(key, location) : (e as Error);
}
