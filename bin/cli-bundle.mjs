// The `campaign` command's bundle: cli/main.ts and the sources it reaches, bundled by esbuild
// into .cache/cli/ (one chunk per lazily loaded command; npm packages stay external, so DuckDB
// or exceljs load only when a command needs them). The TypeScript sources stay the truth: the
// bundle is rebuilt whenever any of them changed (a fingerprint of every path, size and mtime).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE = path.join(ROOT, '.cache', 'cli');
const SOURCES = ['cli', 'shared'];

/** Every source file's path, size and mtime, in one string: any edit changes it. */
export function fingerprint() {
  const parts = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) {
        const s = statSync(p);
        parts.push(`${path.relative(ROOT, p)}:${s.size}:${s.mtimeMs}`);
      }
    }
  };
  for (const d of SOURCES) walk(path.join(ROOT, d));
  return parts.sort().join('\n');
}

/** Each fingerprint has its own folder: a running command never sees its chunks replaced. */
function folderFor(print) {
  return path.join(CACHE, createHash('sha256').update(print).digest('hex').slice(0, 16));
}

/** The entry point of a bundle that matches the sources, or undefined. */
export function freshBundle(print = fingerprint()) {
  const entry = path.join(folderFor(print), 'main.mjs');
  return existsSync(entry) ? entry : undefined;
}

/**
 * Build the bundle into a temporary folder and move it into place in one step, so a second
 * process starting at the same moment sees a whole bundle or none. Bundles of older sources are
 * removed after a day (a command started from one has long finished).
 */
export async function buildBundle(print = fingerprint()) {
  const { build } = await import('esbuild');
  const target = folderFor(print);
  const tmp = `${target}.build-${process.pid}-${Date.now()}`;
  // Each module keeps its own import.meta.url (queries/ and templates/ are found beside the sources).
  const keepMetaUrl = {
    name: 'keep-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => ({
        contents: readFileSync(args.path, 'utf8').replace(/\bimport\.meta\.url\b/g, JSON.stringify(pathToFileURL(args.path).href)),
        loader: 'ts',
      }));
    },
  };
  await build({
    entryPoints: { main: path.join(ROOT, 'cli', 'main.ts') },
    outdir: tmp,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    plugins: [keepMetaUrl],
    logLevel: 'silent',
  });
  try {
    renameSync(tmp, target);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another process built the same bundle first
  }
  const dayAgo = Date.now() - 86_400_000;
  for (const e of readdirSync(CACHE)) {
    const p = path.join(CACHE, e);
    if (p !== target && statSync(p).mtimeMs < dayAgo) rmSync(p, { recursive: true, force: true });
  }
  return path.join(target, 'main.mjs');
}
