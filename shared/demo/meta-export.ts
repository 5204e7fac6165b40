import { addDays } from '../domain/dates.ts';
import { poisson, seededRandom } from './random.ts';

export const META_DAILY_HEADER =
  'Reporting starts,Reporting ends,Campaign name,Ad set name,Region,Impressions,Reach,Link clicks,Clicks (all),Amount spent (GBP),Results';

export interface MetaExportSpec {
  seed: number;
  campaigns: string[];
  adSets: string[];
  /** Region names as Meta writes them */
  regions: string[];
  start: string;
  days: number;
  /** mean impressions per campaign x ad set x region x day */
  impressionsPerRow: number;
  ctr: number;
  cpm: number;
}

const csvCell = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * Lines of a Meta Ads Manager export with Day and Region breakdowns (header first, CRLF as
 * Meta writes them). A generator, so a million-row file never sits in memory.
 */
export function* metaDailyExportLines(spec: MetaExportSpec): Generator<string> {
  const rand = seededRandom(spec.seed);
  yield `${META_DAILY_HEADER}\r\n`;
  for (let d = 0; d < spec.days; d++) {
    const day = addDays(spec.start, d);
    // Weekends deliver a little more: audiences scroll more.
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    const dayFactor = weekday === 0 || weekday === 6 ? 1.15 : 1;
    for (const campaign of spec.campaigns)
      for (const adSet of spec.adSets)
        for (const region of spec.regions) {
          const impressions = poisson(rand, spec.impressionsPerRow * dayFactor * (0.8 + 0.4 * rand()));
          const reach = Math.round(impressions * (0.7 + 0.1 * rand()));
          const link = poisson(rand, impressions * spec.ctr);
          const all = link + poisson(rand, link * 0.4);
          const spendPence = Math.round((impressions * spec.cpm * (0.9 + 0.2 * rand())) / 10);
          const spend = `${Math.floor(spendPence / 100)}.${String(spendPence % 100).padStart(2, '0')}`;
          const results = poisson(rand, link * 0.05);
          yield `${day},${day},${csvCell(campaign)},${csvCell(adSet)},${csvCell(region)},${impressions},${reach},${link},${all},${spend},${results}\r\n`;
        }
  }
}
