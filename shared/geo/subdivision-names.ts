import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { iso31662 } from 'iso-3166';
import { CLDR_LOCALES, GEO_DIR } from './geo-data.ts';

/**
 * Subdivision names as people and ad platforms write them, from CLDR (the Unicode Consortium's
 * maintained locale data, npm `cldr-subdivisions-full`): English names ("Kaunas County",
 * "Lombardy", "Benghazi") and the local language's ("Lombardia"), beside the ISO 3166-2 names the
 * `iso-3166` lists give. Reports show the English name.
 */
const require = createRequire(import.meta.url);

/** Local languages of the countries the campaigns work in, for their own names of subdivisions. */
const LOCAL_LOCALES = CLDR_LOCALES.filter((l) => l !== 'en');

type CldrFile = { subdivisions: { localeDisplayNames: { subdivisions: Record<string, string> } } };

function load(locale: string): Record<string, string> {
  try {
    const file = GEO_DIR ? `${GEO_DIR}/cldr/${locale}.json` : require.resolve(`cldr-subdivisions-full/subdivisions/${locale}/${locale}.json`);
    return (JSON.parse(readFileSync(file, 'utf8')) as CldrFile).subdivisions.localeDisplayNames.subdivisions;
  } catch {
    return {};
  }
}

/** CLDR keys are lower-case codes without the hyphen: "gbcam" -> "GB-CAM". */
const toCode = (key: string): string => `${key.slice(0, 2).toUpperCase()}-${key.slice(2).toUpperCase()}`;

let english: Map<string, string> | undefined;
let local: [string, string][] | undefined;

/** ISO 3166-2 code -> English name (CLDR). */
export function englishNames(): Map<string, string> {
  if (english) return english;
  const iso = new Map(iso31662.map((s) => [s.code, s.name]));
  const isoByName = new Map<string, string[]>();
  for (const s of iso31662) {
    const k = `${s.code.slice(0, 2)}|${s.name.toLowerCase()}`;
    isoByName.set(k, [...(isoByName.get(k) ?? []), s.code]);
  }
  english = new Map();
  for (const [key, raw] of Object.entries(load('en'))) {
    if (key.length <= 2) continue;
    const code = toCode(key);
    // CLDR marks a few duplicates with a superscript ("Zombo²"), and cuts one name short
    // ("Peter" for Peterborough): keep the ISO name there.
    const name = raw.replace(/[\u00b2\u00b3\u00b9\u2070-\u2079]+$/u, '');
    const isoName = iso.get(code);
    if (name !== raw || (isoName && isoName.length > name.length && isoName.startsWith(name))) continue;
    // Where CLDR's code disagrees with ISO's (CLDR "Zombo" on UG-331, ISO's Omoro), ISO wins.
    if (isoByName.get(`${code.slice(0, 2)}|${name.toLowerCase()}`)?.some((c) => c !== code)) continue;
    english.set(code, name);
  }
  return english;
}

/** [name, code] pairs in the local languages. */
export function localNames(): [string, string][] {
  local ??= LOCAL_LOCALES.flatMap((l) => Object.entries(load(l)).filter(([k]) => k.length > 2).map(([k, v]) => [v, toCode(k)] as [string, string]));
  return local;
}

/** "Kaunas County" -> "Kaunas"; "Lagos State" -> "Lagos": the forms Meta and Google also write. */
export function shortForms(name: string): string[] {
  const m = /^(.*?)\s+(County|State|Region|District|Province|Governorate|Municipality)$/i.exec(name);
  return m ? [m[1]!] : [`${name} County`, `${name} State`, `${name} District`, `${name} Region`];
}
