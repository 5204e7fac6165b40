/**
 * Generated partner data for the columnar series tests: several partners per region (one with
 * locations), partners who miss weeks, zero counts, daily and weekly partners, and corrections
 * (a weekly row sent over days already reported daily, so the series' rows overlap). Seeded, so
 * the same rows on every machine; `seriesAnalysis` is everything the analysis derives from them.
 */
import { chooseBaseline } from '../../shared/analysis/baseline.ts';
import { groupSeries, withoutWindows, type DemandSeriesRow, type Series } from '../../shared/analysis/completeness.ts';
import { compareDemand } from '../../shared/analysis/demand.ts';
import { historyPanel, regionPanel, type RegionPanel } from '../../shared/analysis/region-panel.ts';
import { weeklyDemand, type WeeklyTotals } from '../../shared/analysis/weekly-demand.ts';
import { ColumnBuilder, type TextColumn } from '../../shared/query/columns.ts';
import { poisson, seededRandom } from '../../shared/demo/random.ts';
import { addDays } from '../../shared/domain/dates.ts';

export const GENERATED = { start: '2025-01-06', days: 560, campaign: { start: '2026-03-02', end: '2026-05-31', baseline: { start: '2025-01-06', end: '2026-03-01', auto: true } }, followUp: { start: '2026-06-01', end: '2026-07-19' } };

export function generatedRows(seed = 7): DemandSeriesRow[] {
  const rand = seededRandom(seed);
  const rows: DemandSeriesRow[] = [];
  const regions = ['GB-AAA', 'GB-BBB', 'GB-CCC', 'GB-DDD', 'GB-EEE', 'GB-FFF'];
  for (const [ri, region] of regions.entries()) {
    const role = ri % 2 === 0 ? 'targeted' : 'control';
    for (let p = 0; p < 1 + (ri % 3); p++) {
      const partner = `p${ri}-${p}`;
      const weekly = (ri + p) % 3 === 2;
      const joins = ri === 3 ? 30 : ri === 4 && p === 0 ? 120 : 0;
      for (const channel of ['calls', 'referrals']) {
        const mean = channel === 'calls' ? 0.4 + ri : 0.3;
        for (const location of ri === 4 && p === 1 ? ['north', 'south'] : ['']) {
          for (let d = joins; d < GENERATED.days; d += weekly ? 7 : 1) {
            const day = addDays(GENERATED.start, d);
            // Missed weeks: a partner skips about one week in twelve, and one stops for a season.
            if (rand() < (weekly ? 1 / 12 : 1 / 84)) { if (!weekly) d += 6; continue; }
            if (ri === 5 && p === 0 && d >= 200 && d < 260) continue;
            // One series stops before the campaign: left out of the comparison.
            if (ri === 1 && p === 0 && channel === 'referrals' && d >= 400) break;
            const count = poisson(rand, (weekly ? 7 : 1) * mean * (d > 420 && role === 'targeted' ? 1.3 : 1));
            rows.push({ partner_id: partner, location, channel, region, role, period_start: day, period_days: weekly ? 7 : 1, count });
          }
          // Corrections: a weekly row over days this daily series already reported.
          if (!weekly && rand() < 0.7 && !(ri === 1 && p === 0 && channel === 'referrals')) {
            const monday = addDays(GENERATED.start, 7 * Math.floor(rand() * 70));
            rows.push({ partner_id: partner, location, channel, region, role, period_start: monday, period_days: 7, count: poisson(rand, 7 * mean) });
          }
        }
      }
    }
  }
  return rows;
}

/** Totals per channel, region and Monday week, as demand_weekly.sql sums them from the lake (its columns). */
export function weeklyTotalsOf(rows: DemandSeriesRow[]): WeeklyTotals {
  const sums = new Map<string, { channel: string; region: string; role: string; week: string; total: number }>();
  for (const r of rows) {
    const dow = (new Date(`${r.period_start}T00:00:00Z`).getUTCDay() + 6) % 7;
    const week = addDays(r.period_start, -dow);
    const key = `${r.channel}|${r.region}|${week}`;
    const cur = sums.get(key);
    if (cur) cur.total += r.count;
    else sums.set(key, { channel: r.channel, region: r.region, role: r.role ?? 'targeted', week, total: r.count });
  }
  const [channel, region, role, week, total] = [new ColumnBuilder('text'), new ColumnBuilder('text'), new ColumnBuilder('text'), new ColumnBuilder('date'), new ColumnBuilder('number')];
  for (const s of sums.values()) {
    channel.pushText(s.channel); region.pushText(s.region); role.pushText(s.role);
    week.pushNumber(Date.parse(`${s.week}T00:00:00Z`) / 86_400_000); total.pushNumber(s.total);
  }
  const text = (c: ColumnBuilder) => c.finish() as TextColumn; const nums = (c: ColumnBuilder) => c.finish() as Float64Array;
  return { length: sums.size, channel: text(channel), region: text(region), role: text(role), week: nums(week), total: nums(total) };
}

/** A region panel with its values as long observations, region by region, date by date (as the reference records them). */
function recorded({ panel, ...rest }: RegionPanel) {
  const observations = panel.rows.flatMap((row, i) => panel.dates.flatMap((date, k) => (Number.isNaN(row[k]!) ? [] : [{ location: panel.locations[i]!, date, value: row[k]! }])));
  return { ...rest, panel: observations };
}

/** Every result the analysis derives from partner series, as plain data (for toEqual). */
export function seriesAnalysis(reported: Series[], rows: DemandSeriesRow[]) {
  const g = GENERATED;
  const others = [{ start: '2025-06-02', end: '2025-06-29', region: 'GB-CCC' }, { start: '2025-09-01', end: '2025-09-03', region: 'GB-BBB' }];
  const { series, dropped } = withoutWindows(reported, others);
  const chosen = chooseBaseline(g.campaign, series);
  const campaign = compareDemand(series, chosen.window, g.campaign, 'campaign');
  const followUp = compareDemand(series, chosen.window, g.followUp, 'follow_up');
  return {
    dropped,
    chosen,
    campaign,
    followUp,
    chart: weeklyDemand(weeklyTotalsOf(rows), series, { start: chosen.window.start, end: g.followUp.end }),
    panel: recorded(regionPanel(series.filter((s) => s.channel === 'calls'), chosen.window, g.campaign)),
    // The series with daily rows only: a panel at daily grain.
    dailyPanel: recorded(regionPanel(series.filter((_, i) => campaign.completeness[i]!.grain === 'day'), chosen.window, g.campaign)),
    history: recorded(historyPanel(series.filter((s) => s.channel === 'calls'), { start: g.start, end: addDays(g.start, g.days - 1) })),
  };
}
