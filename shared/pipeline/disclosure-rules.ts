import type { Campaign } from '../domain/campaign.ts';
import { disclosureSchema, resolveRules, type DisclosureRules } from '../report/disclosure/rules.ts';
import type { ObjectStore } from '../storage/object-store.ts';

/** The project-wide default disclosure setting: `{ "preset": "nhs-digital" }` or single rules. */
export const DISCLOSURE_KEY = 'config/disclosure.json';

/** The rules for a campaign's shared reports: its `disclosure:` over config/disclosure.json over the built-in default. */
export async function loadDisclosureRules(store: ObjectStore, c: Pick<Campaign, 'disclosure'>): Promise<DisclosureRules> {
  if (!(await store.exists(DISCLOSURE_KEY))) return resolveRules(c.disclosure ?? {});
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder().decode(await store.get(DISCLOSURE_KEY)));
  } catch (e) {
    throw new Error(`${DISCLOSURE_KEY} is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = disclosureSchema.safeParse(doc);
  if (!parsed.success) throw new Error(`${DISCLOSURE_KEY}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`).join('; ')}`);
  return resolveRules(c.disclosure ?? {}, parsed.data);
}
