import { iso31661, iso31662 } from 'iso-3166';
import defaultAliases from './default-aliases.json' with { type: 'json' };
import { townsOf } from './gazetteer.ts';
import { englishNames, localNames, shortForms } from './subdivision-names.ts';

/** Code used for an explicit unknown region (Meta's `Unknown`, Google's `Other locations`). */
export const UNKNOWN_REGION = 'ZZ';

/** Lake key of the user-editable alias file: {"Local name": "ISO-CODE"}. */
export const ALIASES_KEY = 'config/region-aliases.json';

/**
 * A resolved region. `locality` is the more specific place the text named before the region it
 * resolved to ("Los Angeles County" in "Los Angeles County, California, United States" -> US-CA).
 */
export type RegionResult =
  | { code: string; locality?: string }
  /** kind, value, codes and aliasFile let a page say the error in the reader's language. */
  | { error: string; kind?: 'empty' | 'ambiguous' | 'unknown'; value?: string; codes?: string[]; aliasFile?: string };
/** Resolves one region string as written in an export or upload. */
export type RegionResolver = (text: string) => RegionResult;

/** Lower-case, no accents, single spaces: how names are compared. */
export function normaliseName(s: string): string {
  // Printable ASCII has no decompositions or marks to strip: most names, and the index is built
  // from tens of thousands of them when an ingest starts.
  const decomposed = PRINTABLE_ASCII.test(s) ? s : s.normalize('NFKD').replace(/[\u0300-\u036f\u00ad]/g, '');
  return decomposed
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

const CODE = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/;
const COUNTRY_CODES = new Set(iso31661.map((c) => c.alpha2));

/** Countries whose campaigns target a coarser level than ISO's finest: Lithuania's 10 counties, not its 60 municipalities. */
const UP_TO_PARENT = new Set(['LT']);
const PARENT = new Map(iso31662.map((s) => [s.code, s.parent]));

/** The level a campaign names: a Lithuanian municipality becomes its county. */
export function canonicalRegion(code: string): string {
  const parent = PARENT.get(code);
  return UP_TO_PARENT.has(code.slice(0, 2)) && parent && parent.includes('-') ? parent : code;
}

/**
 * name -> codes, from the maintained ISO 3166 lists (`iso-3166`) and CLDR's English and local
 * names (`cldr-subdivisions-full`). Short and long forms ("Kaunas" / "Kaunas County", "Lagos
 * State") are added only where they name nothing else, so they never make a name ambiguous.
 */
function buildNameIndex(): Map<string, string[]> {
  const index = new Map<string, string[]>();
  const add = (name: string, code: string, key = normaliseName(name)): void => {
    if (!key) return;
    const codes = index.get(key);
    if (!codes) index.set(key, [code]);
    else if (!codes.includes(code)) codes.push(code);
  };
  // ISO writes some names inverted ("Tanzania, United Republic of", "Bristol, City of"):
  // the part before the comma is the name people use.
  const addWithShort = (name: string, code: string): void => {
    add(name, code);
    const comma = name.indexOf(', ');
    if (comma > 0) add(name.slice(0, comma), code);
  };
  const known = new Set(iso31662.map((s) => s.code));
  for (const s of iso31662) addWithShort(s.name, canonicalRegion(s.code));
  for (const c of iso31661) addWithShort(c.name, c.alpha2);
  const cldr: [string, string][] = [...englishNames()].map(([code, name]) => [name, code] as [string, string]).concat(localNames());
  for (const [name, code] of cldr) if (known.has(code)) addWithShort(name, canonicalRegion(code));
  for (const [name, code] of cldr.concat(iso31662.map((s) => [s.name, s.code] as [string, string])))
    if (known.has(code))
      for (const form of shortForms(name)) {
        const key = normaliseName(form);
        if (!index.has(key)) add(form, canonicalRegion(code), key);
      }
  return index;
}

const KNOWN_CODES = new Set<string>([...iso31662.map((s) => s.code), ...iso31661.map((c) => c.alpha2)]);
let nameIndex: Map<string, string[]> | undefined;

/**
 * Resolve region strings from exports and uploads to ISO 3166-2 (or 3166-1) codes.
 * Order: an ISO code as written, then the user's aliases, bundled aliases, then ISO names.
 * A comma list such as Google's "Los Angeles County, California, United States" is read from
 * its last part (the country) inwards: the most specific part that is a subdivision of that
 * country wins, and what precedes it is returned as the locality. The country part is what
 * tells "Georgia, United States" (US-GA) from the country Georgia.
 * Results are cached: exports repeat the same few names millions of times.
 */
export function createRegionResolver(userAliases: Record<string, string> = {}, aliasFileHint = ALIASES_KEY): RegionResolver {
  nameIndex ??= buildNameIndex();
  const index = nameIndex;
  const aliases = new Map<string, string>();
  for (const [name, code] of Object.entries({ ...defaultAliases, ...userAliases }))
    if (!name.startsWith('_')) aliases.set(normaliseName(name), code);
  const cache = new Map<string, RegionResult>();

  /** Codes a single name may mean: an ISO code, an alias, or ISO names. */
  const candidates = (name: string): string[] => {
    const upper = name.toUpperCase();
    if (CODE.test(upper) && (KNOWN_CODES.has(upper) || upper === UNKNOWN_REGION)) return [upper];
    const key = normaliseName(name);
    const alias = aliases.get(key);
    if (alias) return [alias];
    return index.get(key) ?? [];
  };

  /** "Locality, Region, Country" read inwards from the country; undefined when that fails. */
  const resolveList = (parts: string[]): RegionResult | undefined => {
    const country = candidates(parts.at(-1)!).filter((c) => COUNTRY_CODES.has(c));
    if (country.length !== 1) return undefined;
    const cc = country[0]!;
    const outer = parts.slice(0, -1).flatMap((p) => candidates(p).filter((c) => c.startsWith(`${cc}-`)));
    for (let i = 0; i < parts.length - 1; i += 1) {
      const inCountry = candidates(parts[i]!).filter((c) => c.startsWith(`${cc}-`));
      // A town or city ("Wisbech, England, United Kingdom"): its county, not the nation after it.
      const towns = inCountry.length === 0 ? townsOf(cc, normaliseName, (c) => KNOWN_CODES.has(c), canonicalRegion).get(normaliseName(parts[i]!)) ?? [] : [];
      // Two towns of one name: the one inside a region named later in the text, if any.
      const town = towns.length === 1 ? towns : towns.filter((t) => outer.some((o) => o === t || PARENT.get(t) === o));
      const hit = inCountry.length === 1 ? inCountry : town.length === 1 ? town : [];
      if (hit.length === 1) {
        // The part is kept as locality unless it names the subdivision itself (a town, or an alias such as "Wisbech").
        const named = index.get(normaliseName(parts[i]!))?.includes(hit[0]!) ?? false;
        const locality = parts.slice(0, named ? i : i + 1).join(', ');
        return locality ? { code: hit[0]!, locality } : { code: hit[0]! };
      }
    }
    return undefined;
  };

  const resolve = (text: string): RegionResult => {
    const trimmed = text.trim();
    if (trimmed === '') return { error: 'region is empty', kind: 'empty' };
    const codes = candidates(trimmed);
    if (codes.length === 1) return { code: codes[0]! };
    const parts = trimmed.split(',').map((p) => p.trim()).filter(Boolean);
    if (codes.length === 0 && parts.length > 1) {
      const listed = resolveList(parts);
      if (listed) return listed;
    }
    const how = `add a line "${trimmed}": "<ISO code>" to ${aliasFileHint}`;
    const about = { value: trimmed, aliasFile: aliasFileHint };
    if (codes.length > 1) return { error: `region "${trimmed}" is ambiguous (${codes.join(', ')}): ${how}`, kind: 'ambiguous', codes, ...about };
    return { error: `unknown region "${trimmed}": use an ISO 3166-2 code such as GB-LIN, or ${how}`, kind: 'unknown', ...about };
  };
  return (text) => {
    let hit = cache.get(text);
    if (hit === undefined) {
      hit = resolve(text);
      cache.set(text, hit);
    }
    return hit;
  };
}

/** True for a syntactically valid, known ISO code. */
export function isKnownRegionCode(code: string): boolean {
  return KNOWN_CODES.has(code);
}
