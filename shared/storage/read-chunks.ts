import { open } from 'node:fs/promises';

/**
 * Each chunk of a file, in order, read into one buffer used again for the next: `use` must keep
 * nothing of a chunk after it returns. A read stream allocates a new buffer per chunk, garbage
 * that piles up outside the heap while DuckDB works (the fast path screens the file beside its
 * copy); 4 MB reads also hash a 431 MB file in 0.23 s against 0.29 s in 1 MB stream chunks.
 */
export async function forEachChunk(file: string, use: (chunk: Buffer) => void, size = 4 << 20): Promise<void> {
  const handle = await open(file);
  try {
    const buffer = Buffer.allocUnsafe(size);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, size, null);
      if (bytesRead === 0) return;
      use(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
}
