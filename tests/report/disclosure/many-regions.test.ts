/**
 * A campaign over more targeted regions than a chart can draw one by one: the shared chart shows
 * them pooled with the largest five (protect.ts publishedSeries), and the audit finds nothing to
 * recover, including the rest of the pooled line (pooled minus the regions drawn), which the
 * ledger protects like any small count.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyseCampaign, loadContributions } from '../../../shared/pipeline/analyse-campaign.ts';
import { DuckDbEngine } from '../../../shared/query/duckdb-engine.ts';
import { CHART_TOP_REGIONS, publishedSeries, regionWeekSeries } from '../../../shared/report/disclosure/protect.ts';
import { DEFAULT_RULES } from '../../../shared/report/disclosure/rules.ts';
import { formatDate } from '../../../shared/report/format.ts';
import { regionShortLabel } from '../../../shared/report/labels.ts';
import { MANY_AS_OF, MANY_CONTROL, MANY_TARGETED, manyRegionsCampaign } from '../../support/many-regions-lake.ts';
import { tempStore } from '../../support/temp-store.ts';
import { attack, linearAttack, readPublished } from './audit.ts';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

const [TARGETED, CONTROL] = [MANY_TARGETED, MANY_CONTROL];

describe('a report over many targeted regions', () => {
  for (const seed of [5, 17])
    it(`charts them pooled with the largest ${CHART_TOP_REGIONS} and lets nothing hidden be worked out (lake ${seed})`, async () => {
      const t = await tempStore();
      cleanups.push(t.cleanup);
      const campaign = await manyRegionsCampaign(t.store, seed);
      const engine = await DuckDbEngine.open(t.store);
      try {
        const { report, keys } = await analyseCampaign(t.store, engine, campaign.id, { asOf: MANY_AS_OF });
        const text = async (k: string) => new TextDecoder().decode(await t.store.get(k));
        const md = await text(keys.markdown);
        const html = await text(keys.html);
        const contributions = await loadContributions(engine, campaign, report);
        // The charts pool: every region's weeks are in report.weeks.csv, linked from the HTML and the Markdown.
        expect(keys.regionWeeks).toBeDefined();
        const csv = await text(keys.regionWeeks!);
        expect(html).toContain('<a href="report.weeks.csv" download>');
        expect(md).toContain('](report.weeks.csv)');
        const table = regionWeekSeries(report);
        // Every region with a weekly series (targeted and control), where the charts show 5 of them.
        expect(new Set(table.map((s) => s.region))).toEqual(new Set(report.demandSeries.filter((s) => s.region !== 'targeted' && s.region !== 'control').map((s) => s.region)));
        expect(table.length).toBeGreaterThanOrEqual(TARGETED.length + CONTROL.length - 1);
        expect(csv.trim().split(/\r?\n/)).toHaveLength(1 + table.reduce((n, s) => n + s.weeks.length, 0));
        const pub = readPublished(report, md, html, csv);
        const published = [...pub.weeks.values()];
        expect(published.filter((v) => v === 'hidden').length).toBeGreaterThan(5);
        expect(csv).toContain(',<5\r\n');
        expect([...attack(report, pub, DEFAULT_RULES.threshold, contributions), ...linearAttack(report, pub, DEFAULT_RULES.threshold)]).toEqual([]);
        // The audit would catch a recoverable small count in the table: the same table under the primary rule alone.
        const naive = readPublished(report, md, html);
        for (const s of table) for (const w of s.weeks) naive.weeks.set(`${s.channel}|${regionShortLabel(s.region)}|${formatDate(w.weekStart)}`, w.count > 0 && w.count < DEFAULT_RULES.threshold ? 'hidden' : w.count);
        expect([...attack(report, naive, DEFAULT_RULES.threshold), ...linearAttack(report, naive, DEFAULT_RULES.threshold)].length).toBeGreaterThan(0);

        const series = publishedSeries(report).filter((s) => s.role === 'targeted');
        expect(series.map((s) => s.region)[0]).toBe('targeted');
        expect(series).toHaveLength(1 + CHART_TOP_REGIONS);
        // The chart draws exactly those lines (plus the pooled control), not one per region.
        expect((html.match(/class="series"/g) ?? []).length).toBeGreaterThanOrEqual(CHART_TOP_REGIONS + 2);
        expect(html).not.toContain(`>${regionShortLabel(TARGETED.find((x) => !series.some((s) => s.region === x))!)}, week of`);
        // The rest of the pooled line: never a small count a reader can work out.
        let checked = 0;
        for (const w of series[0]!.weeks) {
          const shown = series.map((s) => pub.weeks.get(`helpline_calls|${regionShortLabel(s.region)}|${formatDate(w.weekStart)}`));
          if (shown.some((v) => typeof v !== 'number')) continue;
          const rest = (shown[0] as number) - shown.slice(1).reduce<number>((a, v) => a + (v as number), 0);
          expect(rest === 0 || rest >= DEFAULT_RULES.threshold).toBe(true);
          checked++;
        }
        expect(checked).toBeGreaterThan(0);
      } finally {
        await engine.close();
      }
    });
});
