import { iso31661, iso31662 } from 'iso-3166';
import defaultAliases from './default-aliases.json' with { type: 'json' };

/** Code used for an explicit unknown region (Meta's `Unknown`, Google's `Other locations`). */
export const UNKNOWN_REGION = 'ZZ';

export const ALIASES_KEY = 'config/region-aliases.json';

export type RegionResult = { code: string } | { error: string };
export type RegionResolver = (text: string) => RegionResult;

/** Lower-case, no accents, single spaces: how names are compared. */
export function normaliseName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f\u00ad]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const CODE = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/;

/** name -> codes, from the maintained ISO 3166 lists (`iso-3166`). */
function buildNameIndex(): Map<string, string[]> {
  const index = new Map<string, string[]>();
  const add = (name: string, code: string): void => {
    const key = normaliseName(name);
    const codes = index.get(key) ?? [];
    if (!codes.includes(code)) codes.push(code);
    index.set(key, codes);
  };
  for (const s of iso31662) add(s.name, s.code);
  for (const c of iso31661) add(c.name, c.alpha2);
  return index;
}

const KNOWN_CODES = new Set<string>([...iso31662.map((s) => s.code), ...iso31661.map((c) => c.alpha2)]);
let nameIndex: Map<string, string[]> | undefined;

/**
 * Resolve region strings from exports and uploads to ISO 3166-2 (or 3166-1) codes.
 * Order: an ISO code as written, then the user's aliases, bundled aliases, then ISO names.
 * Results are cached: exports repeat the same few names millions of times.
 */
export function createRegionResolver(userAliases: Record<string, string> = {}, aliasFileHint = ALIASES_KEY): RegionResolver {
  nameIndex ??= buildNameIndex();
  const index = nameIndex;
  const aliases = new Map<string, string>();
  for (const [name, code] of Object.entries({ ...defaultAliases, ...userAliases }))
    if (!name.startsWith('_')) aliases.set(normaliseName(name), code);
  const cache = new Map<string, RegionResult>();
  const resolve = (text: string): RegionResult => {
    const trimmed = text.trim();
    if (trimmed === '') return { error: 'region is empty' };
    const upper = trimmed.toUpperCase();
    if (CODE.test(upper) && (KNOWN_CODES.has(upper) || upper === UNKNOWN_REGION)) return { code: upper };
    const key = normaliseName(trimmed);
    const alias = aliases.get(key);
    if (alias) return { code: alias };
    const codes = index.get(key);
    if (codes?.length === 1) return { code: codes[0]! };
    const how = `add a line "${trimmed}": "<ISO code>" to ${aliasFileHint}`;
    if (codes && codes.length > 1) return { error: `region "${trimmed}" is ambiguous (${codes.join(', ')}): ${how}` };
    return { error: `unknown region "${trimmed}": use an ISO 3166-2 code such as GB-LIN, or ${how}` };
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
