import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanHistory, planFromPanel } from '../../cli/commands/plan-lift.ts';
import { lastDay, periodRows } from '../../shared/analysis/completeness.ts';
import { historyPanel } from '../../shared/analysis/region-panel.ts';
import { campaignWindows, demandHistory } from '../../shared/pipeline/demand-history.ts';
import { DuckDbEngine } from '../../shared/query/duckdb-engine.ts';
import { demoLake } from '../support/demo-lake.ts';

let lake: Awaited<ReturnType<typeof demoLake>>;
let engine: DuckDbEngine;
beforeAll(async () => {
  lake = await demoLake();
  engine = await DuckDbEngine.open(lake.store);
});
afterAll(async () => {
  await engine.close();
  await lake.cleanup();
});

describe('campaign plan on the lake history', () => {
  it('leaves out registered campaign windows and everything after --until', async () => {
    const series = await demandHistory(engine, 'helpline_calls');
    const windows = await campaignWindows(lake.store);
    expect(windows).toEqual([{ id: lake.campaign.id, start: lake.campaign.start, end: lake.campaign.end }]);
    const overlaps = (s: typeof series) => s.flatMap(periodRows).filter((r) => r.start <= lake.campaign.end && lastDay(r) >= lake.campaign.start);
    expect(overlaps(series).length).toBeGreaterThan(0);
    const clean = cleanHistory(series, windows, '2026-06-30');
    expect(overlaps(clean.series)).toEqual([]);
    expect(clean.series.flatMap(periodRows).every((r) => lastDay(r) <= '2026-06-30')).toBe(true);
    expect(clean.notes.join(' ')).toMatch(/registered campaign/);
  });

  it('plans on the cleaned weekly history and states the zero-lift rejection rate', async () => {
    const { campaign } = lake;
    const clean = cleanHistory(await demandHistory(engine, 'helpline_calls'), await campaignWindows(lake.store), campaign.start);
    const p = historyPanel(clean.series, { start: '2025-11-03', end: '2026-03-01' });
    const r = await planFromPanel({ panel: p.panel, treated: campaign.regions.targeted, control: campaign.regions.control, durationDays: 14, method: 'did' });
    expect(r.falsePositiveRate).not.toBeNull();
    expect(r.curve[0]!.lift).toBe(0);
  });
});
