import { ALIASES_KEY } from '../geo/region-resolver.ts';
import type { ObjectStore } from '../storage/object-store.ts';

/** The user's alias file (config/region-aliases.json in the lake), or none. */
export async function loadRegionAliases(store: ObjectStore): Promise<Record<string, string>> {
  if (!(await store.exists(ALIASES_KEY))) return {};
  const text = new TextDecoder().decode(await store.get(ALIASES_KEY));
  try {
    return JSON.parse(text) as Record<string, string>;
  } catch (e) {
    throw new Error(`${store.location}/${ALIASES_KEY} is not valid JSON: ${(e as Error).message}`);
  }
}
