/** The copies compared in many-regions-equivalence.test.ts: audience, rules, and whether partners' contributions are known. */
import type { Audience } from '../../../shared/report/disclosure/protected-report.ts';
import type { DisclosureSetting } from '../../../shared/report/disclosure/rules.ts';

export const CASES: Record<string, { audience: Audience; rules: DisclosureSetting; contributions: boolean }> = {
  shared: { audience: 'public', rules: {}, contributions: true },
  partners: { audience: 'partners', rules: {}, contributions: true },
  'shared, no contributions': { audience: 'public', rules: {}, contributions: false },
  'shared, ons-10-5': { audience: 'public', rules: { preset: 'ons-10-5' }, contributions: true },
  'partners, nhs-digital, 2 partners': { audience: 'partners', rules: { preset: 'nhs-digital', minPartners: 2 }, contributions: true },
};
