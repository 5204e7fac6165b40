import type { CampaignInput } from '../domain/campaign.ts';
import { addDays } from '../domain/dates.ts';
import { metaDailyExportLines } from './meta-export.ts';
import { poisson, seededRandom } from './random.ts';

/** Fixed demo dates: Monday-aligned weeks, all in the past so no count is "in the future". */
const BASELINE_START = '2025-11-03';
const START = '2026-03-02';
const END = '2026-03-29';
const DATA_END = '2026-10-04';
const AD_CAMPAIGN = 'Fenland & Lincs awareness - spring 2026';
const SEARCH_CAMPAIGN = 'Fenland & Lincs helpline search - spring 2026';
/** Towns a Google location report names, in the targeted counties (resolved with the gazetteer). */
const GOOGLE_TOWNS = ['Wisbech', 'March', 'Whittlesey', 'Boston', 'Spalding', 'Lincoln', 'Skegness'];

/** Regions and their partner helplines: weekly helpline calls and referrals at baseline. */
const PARTNERS = [
  { id: 'fenland-helpline', region: 'GB-CAM', metaRegion: 'Cambridgeshire', role: 'targeted', calls: 18, referrals: 3 },
  { id: 'lincs-support-line', region: 'GB-LIN', metaRegion: 'Lincolnshire', role: 'targeted', calls: 24, referrals: 4 },
  { id: 'norfolk-helpline', region: 'GB-NFK', role: 'control', calls: 20, referrals: 3 },
  { id: 'suffolk-helpline', region: 'GB-SFK', role: 'control', calls: 15, referrals: 2 },
  { id: 'leics-helpline', region: 'GB-LEC', role: 'control', calls: 22, referrals: 3 },
  { id: 'notts-helpline', region: 'GB-NTT', role: 'control', calls: 26, referrals: 4 },
] as const;

/** The effect the demo injects into targeted regions' helpline calls. */
export const DEMO_INJECTED_UPLIFT = { campaign: 0.3, afterwards: 0.1 } as const;

export interface DemoFiles {
  campaign: CampaignInput;
  /** file name -> content */
  adExports: Record<string, string>;
  partnerUploads: { partnerId: string; fileName: string; content: string }[];
  /** as-of dates of the post-campaign run and the follow-ups */
  runs: { asOf: string; label?: string }[];
}

/**
 * A realistic, deterministic campaign: a Meta export (day x region, plus a lifetime export for
 * reach) and weekly partner counts for targeted and control regions over the baseline, the
 * campaign and six months after, with a known injected uplift in helpline calls.
 */
export function generateDemo(seed = 2026): DemoFiles {
  const rand = seededRandom(seed);
  const campaign: CampaignInput = {
    id: 'fenland-lincs-spring-2026',
    name: 'Fenland and Lincolnshire awareness, spring 2026',
    timezone: 'Europe/London',
    start: START,
    end: END,
    baseline: { start: BASELINE_START, end: addDays(START, -1) },
    regions: {
      targeted: PARTNERS.filter((p) => p.role === 'targeted').map((p) => p.region),
      control: PARTNERS.filter((p) => p.role === 'control').map((p) => p.region),
    },
    adCampaigns: [
      { platform: 'meta', namePattern: 'Fenland & Lincs awareness*' },
      { platform: 'google', namePattern: 'Fenland & Lincs helpline search*' },
    ],
    currency: 'GBP',
    goals: [
      { kind: 'total', metric: 'impressions', target: 1_200_000 },
      { kind: 'total', metric: 'link_clicks', target: 12_000 },
      { kind: 'rate', metric: 'ctr', target: 0.8 },
      { kind: 'rate', metric: 'cpm', target: 6 },
      { kind: 'total', metric: 'helpline_calls', target: 250 },
      { kind: 'uplift', metric: 'helpline_calls', target: 20 },
      { kind: 'lift', metric: 'helpline_calls', target: 15 },
    ],
    // Illustrative SROI-style inputs (not a real valuation): shown with every assumption in the report.
    valueForMoney: { channel: 'helpline_calls', valuePerContact: 150, deadweight: 0.1, attribution: 0.25, dropOff: 0.5, years: 1 },
  };
  const targetedRegions = PARTNERS.flatMap((p) => ('metaRegion' in p ? [p.metaRegion] : []));
  const daily = [...metaDailyExportLines({
    seed: seed + 1,
    campaigns: [AD_CAMPAIGN],
    adSets: ['Helpline awareness - video', 'Helpline awareness - carousel'],
    regions: [...targetedRegions, 'Unknown'],
    start: START,
    days: 28,
    impressionsPerRow: 9_500,
    ctr: 0.0095,
    cpm: 5.2,
  })].join('');
  const lifetime = lifetimeExport(daily);
  const google = googleLocationReport(seededRandom(seed + 2));

  // Weekly counts: a shared seasonal factor (all regions), the injected uplift in targeted ones.
  const weeks: string[] = [];
  for (let w = BASELINE_START; w <= addDays(DATA_END, -6); w = addDays(w, 7)) weeks.push(w);
  const season = weeks.map((_, i) => 1 + 0.12 * Math.sin((2 * Math.PI * i) / 26) + 0.05 * (rand() - 0.5));
  const partnerUploads = PARTNERS.map((p) => {
    const lines = ['partner,region,location,period_start,period,channel,count'];
    weeks.forEach((week, i) => {
      const during = week >= START && week <= END;
      const after = week > END;
      const effect = p.role !== 'targeted' ? 1 : during ? 1 + DEMO_INJECTED_UPLIFT.campaign : after ? 1 + DEMO_INJECTED_UPLIFT.afterwards : 1;
      lines.push(`${p.id},${p.region},Main office,${week},week,helpline_calls,${poisson(rand, p.calls * season[i]! * effect)}`);
      lines.push(`${p.id},${p.region},Main office,${week},week,referrals,${poisson(rand, p.referrals * season[i]! * (during && p.role === 'targeted' ? 1.2 : 1))}`);
    });
    return { partnerId: p.id, fileName: `${p.id}-weekly-counts.csv`, content: `${lines.join('\n')}\n` };
  });
  return {
    campaign,
    adExports: { 'meta-daily-by-region.csv': daily, 'meta-lifetime-by-region.csv': lifetime, 'google-location-report.csv': google },
    partnerUploads,
    runs: [{ asOf: addDays(END, 7) }, { asOf: '2026-06-29', label: '3 months' }, { asOf: '2026-09-29', label: '6 months' }],
  };
}

/**
 * A Google Ads location report for the campaign dates: whole-period rows by town (no reach, no link
 * clicks), as the Google Ads UI writes it, with its Total row.
 */
function googleLocationReport(rand: () => number): string {
  const rows = GOOGLE_TOWNS.map((town) => {
    const impressions = 4_000 + Math.round(rand() * 9_000);
    const interactions = Math.round(impressions * (0.03 + rand() * 0.02));
    const pence = Math.round(interactions * (35 + rand() * 30));
    return { place: `"${town}, England, United Kingdom"`, impressions, interactions, pence };
  });
  const sum = (k: 'impressions' | 'interactions' | 'pence') => rows.reduce((s, r) => s + r[k], 0);
  return [
    'Location report',
    '2 Mar 2026 - 29 Mar 2026',
    'Location,Campaign,Impr.,Interactions,Currency code,Cost',
    ...rows.map((r) => `${r.place},${SEARCH_CAMPAIGN},${r.impressions},${r.interactions},GBP,${(r.pence / 100).toFixed(2)}`),
    `Total: Locations,,${sum('impressions')},${sum('interactions')},GBP,${(sum('pence') / 100).toFixed(2)}`,
    '',
  ].join('\n');
}

/** A lifetime (whole-period) export by region, consistent with the daily one, for true reach. */
function lifetimeExport(daily: string): string {
  const rows = daily.trim().split('\r\n').slice(1).map((l) => l.split(','));
  const byRegion = new Map<string, { impressions: number; reach: number; link: number; all: number; spend: number; results: number }>();
  for (const r of rows) {
    const region = r[4]!;
    const t = byRegion.get(region) ?? { impressions: 0, reach: 0, link: 0, all: 0, spend: 0, results: 0 };
    t.impressions += Number(r[5]);
    t.reach += Number(r[6]);
    t.link += Number(r[7]);
    t.all += Number(r[8]);
    t.spend += Math.round(Number(r[9]) * 100);
    t.results += Number(r[10]);
    byRegion.set(region, t);
  }
  const header = 'Reporting starts,Reporting ends,Campaign name,Region,Impressions,Reach,Link clicks,Clicks (all),Amount spent (GBP),Results';
  const lines = [...byRegion].map(([region, t]) =>
    // People see the ads on many days: period reach is far below the sum of daily reach.
    `${START},${END},${AD_CAMPAIGN},${region},${t.impressions},${Math.round(t.reach * 0.22)},${t.link},${t.all},${(t.spend / 100).toFixed(2)},${t.results}`,
  );
  return `${[header, ...lines].join('\r\n')}\r\n`;
}
