import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCampaign, type CampaignInput } from '../../shared/domain/campaign.ts';
import { addDays } from '../../shared/domain/dates.ts';
import { analyseCampaign } from '../../shared/pipeline/analyse-campaign.ts';
import { ingestFile } from '../../shared/pipeline/ingest-file.ts';
import { registerCampaign } from '../../shared/pipeline/register-campaign.ts';
import { DuckDbEngine } from '../../shared/query/duckdb-engine.ts';
import type { Report } from '../../shared/report/report-types.ts';
import type { LocalFolderStore } from '../../shared/storage/local-folder-store.ts';
import { tempStore } from '../support/temp-store.ts';

/**
 * A Meta + Google campaign as a new user would run it: Meta daily rows by region (with daily
 * reach) plus a Meta lifetime export for true reach, a Meta age x gender export of the same ads
 * (no spend column), and a Google location report for the campaign dates (whole-period rows, no
 * reach, no link clicks).
 */
const START = '2026-10-05';
const END = '2026-11-01';
const TODAY = '2026-11-27';
const enc = (s: string) => new TextEncoder().encode(s);

const days = Array.from({ length: 28 }, (_, i) => addDays(START, i));
const metaDaily = days.flatMap((d, i) => [
  { d, region: 'Cambridgeshire', imp: 20_000 + 37 * i, reach: 15_000 + 11 * i, link: 180 + i, clicks: 260 + i, pence: 11_000 + 13 * i },
  { d, region: 'Lincolnshire', imp: 30_000 + 41 * i, reach: 22_000 + 7 * i, link: 250 + i, clicks: 340 + i, pence: 16_500 + 17 * i },
]);
const META_DAILY =
  'Reporting starts,Reporting ends,Campaign name,Region,Impressions,Reach,Link clicks,Clicks (all),Amount spent (GBP)\n' +
  metaDaily.map((r) => `${r.d},${r.d},Fenland autumn,${r.region},${r.imp},${r.reach},${r.link},${r.clicks},${(r.pence / 100).toFixed(2)}`).join('\n');
// True reach over the whole period: far below the sum of daily reach.
const META_LIFETIME = `Reporting starts,Reporting ends,Campaign name,Region,Impressions,Reach,Amount spent (GBP)
${START},${END},Fenland autumn,Cambridgeshire,1,160000,0.01
${START},${END},Fenland autumn,Lincolnshire,1,242089,0.01
`;
// Same ads by age and gender, no spend column at all: must ingest with no --currency.
const META_AGE_GENDER = `"Reporting starts","Reporting ends","Campaign name",Age,Gender,Impressions,Reach
${START},${START},Fenland autumn,18-24,female,900,800
${START},${START},Fenland autumn,18-24,male,700,650
`;
const GOOGLE = `Location report
5 Oct 2026 - 1 Nov 2026
Location,Campaign,Impr.,Interactions,Currency code,Cost
"Cambridgeshire, England, United Kingdom",Fenland search,"41,230",912,GBP,402.50
"Lincolnshire, England, United Kingdom",Fenland search,"54,500","1,204",GBP,763.00
Total: Locations,,"95,730","2,116",GBP,1165.50
`;

const campaign: CampaignInput = {
  id: 'fenland-autumn', name: 'Fenland and Lincolnshire, autumn', timezone: 'Europe/London', start: START, end: END,
  regions: { targeted: ['GB-CAM', 'GB-LIN'] },
  adCampaigns: [{ platform: 'meta', namePattern: 'Fenland*' }, { platform: 'google', namePattern: 'Fenland*' }],
  currency: 'GBP',
  goals: [
    { kind: 'total', metric: 'impressions', target: 1_500_000 },
    { kind: 'total', metric: 'reach', target: 250_000 },
    { kind: 'total', metric: 'link_clicks', target: 50_000 },
    { kind: 'rate', metric: 'ctr', target: 0.5 },
    { kind: 'total', metric: 'impressions', target: 600_000, regions: ['GB-CAM'] },
  ],
};

const sum = (f: (r: (typeof metaDaily)[number]) => number) => metaDaily.reduce((s, r) => s + f(r), 0);
const metaImpressions = sum((r) => r.imp);
const metaLinks = sum((r) => r.link);
const metaPence = sum((r) => r.pence);

let store: LocalFolderStore;
let cleanup: () => Promise<void>;
let post: Report;
let markdown: string;

beforeAll(async () => {
  ({ store, cleanup } = await tempStore());
  await registerCampaign(store, parseCampaign(campaign));
  for (const [name, text] of [['meta-daily.csv', META_DAILY], ['meta-lifetime.csv', META_LIFETIME], ['meta-age-gender.csv', META_AGE_GENDER], ['google-location.csv', GOOGLE]] as const) {
    const r = await ingestFile(store, name, enc(text), { today: TODAY });
    expect(r.errors, name).toEqual([]);
  }
  const engine = await DuckDbEngine.open(store);
  try {
    const out = await analyseCampaign(store, engine, campaign.id, { asOf: '2026-11-10' });
    post = out.report;
    markdown = new TextDecoder().decode(await store.get(out.keys.markdown));
  } finally {
    await engine.close();
  }
});
afterAll(() => cleanup());

describe('a Meta + Google campaign', () => {
  it('adds both platforms, each from its own best kind of rows', () => {
    const [google, meta] = post.delivery.platforms!;
    expect(meta).toMatchObject({ platform: 'meta', totalsFrom: 'daily rows by region', impressions: metaImpressions, link_clicks: metaLinks, spend: metaPence / 100 });
    expect(google).toMatchObject({ platform: 'google', totalsFrom: 'whole-period rows by region (5 October to 1 November 2026)', impressions: 95_730, spend: 1165.5 });
    expect(post.delivery.impressions).toBe(metaImpressions + 95_730);
    expect(post.delivery.spend).toBe((metaPence + 116_550) / 100);
    // The age x gender export of the same ads is listed, not added on top.
    const ageGender = meta!.exports.find((e) => e.breakdown === 'age,gender')!;
    expect(ageGender).toMatchObject({ use: 'not_used', metrics: ['impressions', 'reach'] });
  });

  it('never shows a metric a platform did not export as 0; rates only from platforms with both parts', () => {
    const google = post.delivery.platforms!.find((p) => p.platform === 'google')!;
    expect(google).toMatchObject({ link_clicks: null, clicks: null, ctr: null, reach: { value: null, kind: 'none' } });
    expect(post.delivery.link_clicks).toBe(metaLinks);
    expect(post.delivery.platformsOf!.link_clicks).toEqual(['meta']);
    expect(post.delivery.ctr).toBeCloseTo((100 * metaLinks) / metaImpressions, 12);
    expect(markdown).toMatch(/\| Google \| whole-period rows by region[^|]*\| 95,730 \| not in the export \| not in the export \| not in the export \| GBP 1,165.50 \| not in the export \|/);
    expect(markdown).toContain(`Link clicks (Meta only) | ${metaLinks.toLocaleString('en-GB')} |`);
    expect(markdown).not.toMatch(/GBP 0\.00|0\.00%/);
  });

  it('takes reach from the whole-period export, never the sum of daily reach, and the reach goal uses the same figure', () => {
    expect(post.delivery.reach).toEqual({ value: 402_089, kind: 'period', platforms: ['meta'] });
    const goal = post.goals.find((g) => g.metric === 'reach')!;
    expect(goal).toMatchObject({ actual: 402_089, status: 'met' });
    expect(goal.attainment).toBeCloseTo(402_089 / 250_000, 12);
    expect(markdown).toMatch(/Reach \| 402,089 \(people reached over the whole period\)/);
    expect(markdown).not.toContain(sum((r) => r.reach).toLocaleString('en-GB'));
  });

  it('states one number per metric: goals use the delivery figures, regional goals the table by region', () => {
    expect(post.goals.find((g) => g.metric === 'impressions' && g.regions.length === 0)!.actual).toBe(post.delivery.impressions);
    expect(post.goals.find((g) => g.metric === 'ctr')!.actual).toBe(post.delivery.ctr);
    const cam = post.delivery.byRegion.find((r) => r.region === 'GB-CAM')!;
    expect(cam.impressions).toBe(sum((r) => (r.region === 'Cambridgeshire' ? r.imp : 0)) + 41_230);
    expect(post.goals.find((g) => g.regions.includes('GB-CAM'))!.actual).toBe(cam.impressions);
  });

  it('the narrative states every goal outcome, missed ones first-class, with no Infinity or NaN', () => {
    const text = post.narrative.join(' ');
    const missed = post.goals.filter((g) => g.status === 'missed');
    expect(missed.length).toBeGreaterThan(0);
    expect(text).toContain(`${missed.length} missed`);
    for (const g of missed) expect(text).toContain(`Missed: ${g.label}`);
    expect(text).toMatch(/on Google and Meta/);
    expect(text).not.toMatch(/Infinity|NaN/);
  });
});

describe('whole-period exports and the campaign dates', () => {
  const report = async (googleDates: string) => {
    const t = await tempStore();
    try {
      await registerCampaign(t.store, parseCampaign({ ...campaign, id: 'periods', goals: [] }));
      const text = GOOGLE.replace('5 Oct 2026 - 1 Nov 2026', googleDates);
      expect((await ingestFile(t.store, 'g.csv', enc(text), { today: TODAY })).errors).toEqual([]);
      const engine = await DuckDbEngine.open(t.store);
      try {
        return (await analyseCampaign(t.store, engine, 'periods', { asOf: '2026-12-01' })).report;
      } finally {
        await engine.close();
      }
    } finally {
      await t.cleanup();
    }
  };

  it('matches an export whose dates bracket the campaign (1 October-30 November around 5 October-1 November) and states its dates', async () => {
    const r = await report('1 Oct 2026 - 30 Nov 2026');
    const google = r.delivery.platforms!.find((p) => p.platform === 'google')!;
    expect(google).toMatchObject({ impressions: 95_730, totalsFrom: 'whole-period rows by region (1 October to 30 November 2026)' });
    expect(r.delivery.impressions).toBe(95_730);
  });

  it('does not match an export that covers only part of the campaign, and says which dates it covers and which are needed', async () => {
    const r = await report('10 Oct 2026 - 1 Nov 2026');
    expect(r.delivery.impressions).toBeNull();
    expect(r.delivery.platforms![0]).toMatchObject({ platform: 'google', totalsFrom: null });
    expect(r.caveats.join(' ')).toMatch(/Google is not in the totals.*covers 10 October to 1 November 2026; needed 5 October to 1 November 2026 or a range that includes it/);
  });
});
