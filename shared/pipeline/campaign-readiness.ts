import { LiftInputError, minimumDetectableLift, type DensePanel } from '../analysis/lift/index.ts';
import { baselineCoverage, controlFit, type CoverageRow, type PlanResult, type Readiness } from '../analysis/readiness.ts';
import { readSeries } from './demand-series.ts';
import { historyPanel } from '../analysis/region-panel.ts';
import type { Campaign } from '../domain/campaign.ts';
import { inclusiveDays, weekStart } from '../domain/dates.ts';
import { partitionRange } from '../lake/layout.ts';
import { SERVICE_DEMAND } from '../lake/tables.ts';
import type { QueryEngine } from '../query/query-engine.ts';
import { loadQuery } from '../query/sql-files.ts';

/** Partner coverage rows from `from` to `to` (baseline_coverage.sql). */
export async function coverageRows(engine: QueryEngine, c: Campaign, from: string, to: string): Promise<CoverageRow[]> {
  const [y0, y1] = partitionRange(SERVICE_DEMAND, from, to);
  return (await engine.query(loadQuery('baseline_coverage'), [c.id, y0, y1, from, to])) as unknown as CoverageRow[];
}

/**
 * The pre-launch readiness section: which baseline weeks each partner reported, how well the
 * control regions track the targeted ones, and the minimum detectable lift for the planned
 * length (the same simulation as `campaign plan`). Nothing here needs campaign-period data.
 */
export async function campaignReadiness(engine: QueryEngine, c: Campaign): Promise<Readiness> {
  const b = c.baseline;
  const coverage = baselineCoverage(await coverageRows(engine, c, b.start, b.end), b);
  const control = c.regions.control ?? [];
  const channels = [...new Set(coverage.map((x) => x.channel))].sort();
  const notes: string[] = [];
  if (coverage.length === 0) notes.push(`No partner has sent counts for the baseline (${b.start} to ${b.end}) yet: without them no change can be measured.`);
  if (control.length === 0) notes.push('The campaign has no control regions: only a before/after comparison will be possible, which cannot separate the campaign from seasonal change.');
  const [y0, y1] = partitionRange(SERVICE_DEMAND, b.start, b.end);
  const fit = [];
  const plan: PlanResult[] = [];
  const durationDays = inclusiveDays(c.start, c.end);
  for (const channel of channels) {
    // The partner series with the completeness rules (one grain, no zero-filling), as reports use them.
    const series = await readSeries((name, params) => engine.queryColumns(loadQuery(name), params), [c.id, channel, channel, y0, y1, b.start, b.end]);
    const panel = historyPanel(series, b).panel;
    const controlSet = new Set(series.filter((x) => x.role === 'control').map((x) => x.region));
    if (control.length) {
      const weeks = new Map<string, { targeted: number; control: number; t: boolean; c: boolean }>();
      panel.rows.forEach((row, i) => {
        const isControl = controlSet.has(panel.locations[i]!);
        row.forEach((value, k) => {
          if (Number.isNaN(value)) return;
          const w = weekStart(panel.dates[k]!);
          const e = weeks.get(w) ?? { targeted: 0, control: 0, t: false, c: false };
          if (isControl) (e.control += value), (e.c = true);
          else (e.targeted += value), (e.t = true);
          weeks.set(w, e);
        });
      });
      fit.push(controlFit(channel, [...weeks].filter(([, e]) => e.t && e.c).map(([week, e]) => ({ week, targeted: e.targeted, control: e.control }))));
    }
    plan.push(planFor(channel, panel, c, control, durationDays));
  }
  return { baseline: b, coverage, fit, plan, notes };
}

function planFor(channel: string, panel: DensePanel, c: Campaign, control: string[], durationDays: number): PlanResult {
  try {
    const r = minimumDetectableLift({ panel, treated: c.regions.targeted, ...(control.length ? { control } : {}), durationDays, seed: 1 });
    return { channel, durationDays, mdl: r.mdl, method: r.method, note: r.note };
  } catch (e) {
    if (!(e instanceof LiftInputError) && !(e instanceof RangeError)) throw e;
    return { channel, durationDays, mdl: null, method: 'none', note: `no estimate: ${(e as Error).message}` };
  }
}
