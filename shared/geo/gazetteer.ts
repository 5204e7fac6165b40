import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { GEO_DIR } from './geo-data.ts';
import corrections from './town-corrections.json' with { type: 'json' };

/**
 * Towns and cities to their ISO 3166-2 subdivision, from the countries-states-cities database
 * (npm `@countrystatecity/countries`, dr5hn, ODbL): Google's location report names towns
 * ("Wisbech, England, United Kingdom") where the campaign targets counties. Loaded per country on
 * first use (the data is split by country and state), and never fetched at run time.
 */
const require = createRequire(import.meta.url);

function dataDir(): string | undefined {
  if (GEO_DIR) return path.join(GEO_DIR, 'towns');
  try {
    const dir = path.join(path.dirname(require.resolve('@countrystatecity/countries')), 'data');
    return existsSync(dir) ? dir : undefined;
  } catch {
    return undefined;
  }
}

interface StateFile {
  iso2: string;
  iso3166_2: string | null;
  name: string;
}

/** normalised town name -> ISO 3166-2 codes it may be in (several towns can share a name). */
export type TownIndex = Map<string, string[]>;

const cache = new Map<string, TownIndex>();

/**
 * The towns of one country. `normalise` is how names are compared; `known` says whether an ISO
 * code exists (the database has a few state codes ISO does not); `canonical` maps a code to the
 * level campaigns use (e.g. a Lithuanian municipality to its county).
 */
export function townsOf(country: string, normalise: (s: string) => string, known: (code: string) => boolean, canonical: (code: string) => string): TownIndex {
  const hit = cache.get(country);
  if (hit) return hit;
  const index: TownIndex = new Map();
  cache.set(country, index);
  const root = dataDir();
  const folder = root && readdirSync(root).find((f) => f.endsWith(`-${country}`));
  if (!root || !folder) return index;
  const dir = path.join(root, folder);
  const states = JSON.parse(readFileSync(path.join(dir, 'states.json'), 'utf8')) as StateFile[];
  for (const sub of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    const stateCode = sub.name.slice(sub.name.lastIndexOf('-') + 1);
    const state = states.find((s) => s.iso2 === stateCode);
    const iso = state?.iso3166_2 ?? `${country}-${stateCode}`;
    if (!known(iso)) continue;
    const code = canonical(iso);
    const file = path.join(dir, sub.name, 'cities.json');
    if (!existsSync(file)) continue;
    for (const city of JSON.parse(readFileSync(file, 'utf8')) as { name: string; native?: string | null }[]) {
      for (const name of new Set([city.name, city.native].filter((n): n is string => !!n))) {
        const key = normalise(name);
        const codes = index.get(key) ?? [];
        if (!codes.includes(code)) codes.push(code);
        index.set(key, codes);
      }
    }
  }
  for (const [town, fixed] of Object.entries((corrections as unknown as Record<string, Record<string, string>>)[country] ?? {})) index.set(normalise(town), [fixed]);
  return index;
}
