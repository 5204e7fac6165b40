/**
 * The columnar partner series (typed arrays per field, no object per row) give exactly what the
 * row-based series gave: the reference was recorded from the row-based code on generated data
 * (tests/support/generated-series.ts: partners who miss weeks, zero counts, several partners per
 * region, daily and weekly periods, corrections over reported days, other campaigns' windows),
 * both through groupSeries (row objects) and seriesFromColumns (the columnar query answer).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { groupSeries, periodRows, type DemandSeriesRow, type Series } from '../../shared/analysis/completeness.ts';
import { seriesFromColumns } from '../../shared/pipeline/demand-series.ts';
import { ColumnBuilder, type ColumnarResult } from '../../shared/query/columns.ts';
import { generatedRows, seriesAnalysis } from '../support/generated-series.ts';

const reference = JSON.parse(readFileSync(new URL('../fixtures/series/row-based-analysis.json', import.meta.url), 'utf8'));
const rows = generatedRows();
// Plain data, as recorded: each series with its periods as row objects.
const asRecorded = (series: Series[]) => series.map(({ periods: _, ...s }, i) => ({ ...s, rows: periodRows(series[i]!) }));

/** The answers demand_series.sql and demand_series_names.sql give for these rows: numbered series, epoch days; each series' names. */
function demandSeriesAnswer(all: DemandSeriesRow[]): [ColumnarResult, ColumnarResult] {
  const key = (r: DemandSeriesRow) => `${r.channel}|${r.region}|${r.partner_id}|${r.location}`;
  const sorted = [...all].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.period_start < b.period_start ? -1 : a.period_start > b.period_start ? 1 : a.period_days - b.period_days));
  const answer = (names: string[], numeric: string[]) => Object.fromEntries(names.map((n) => [n, new ColumnBuilder(numeric.includes(n) ? 'number' : 'text')]));
  const rowNames = ['series', 'day', 'period_days', 'count'];
  const seriesNames = ['series', 'partner_id', 'location', 'channel', 'region', 'role', 'row_count'];
  const rows = answer(rowNames, rowNames);
  const named = answer(seriesNames, ['series', 'row_count']);
  let series = 0;
  sorted.forEach((r, i) => {
    if (i === 0 || key(sorted[i - 1]!) !== key(r)) {
      series++;
      named.series!.pushNumber(series);
      for (const [n, v] of [['partner_id', r.partner_id], ['location', r.location], ['channel', r.channel], ['region', r.region], ['role', r.role ?? null]] as const) named[n]!.pushText(v);
      named.row_count!.pushNumber(sorted.filter((x) => key(x) === key(r)).length);
    }
    rows.series!.pushNumber(series);
    rows.day!.pushNumber(Date.parse(`${r.period_start}T00:00:00Z`) / 86_400_000);
    rows.period_days!.pushNumber(r.period_days);
    rows.count!.pushNumber(r.count);
  });
  const finish = (cols: Record<string, ColumnBuilder>, names: string[], length: number): ColumnarResult => ({ length, names, columns: Object.fromEntries(names.map((n) => [n, cols[n]!.finish()])) });
  return [finish(rows, rowNames, sorted.length), finish(named, seriesNames, series)];
}

describe('columnar partner series against the row-based results', () => {
  it('the generated data has what the test is about', () => {
    expect(reference.rows).toBe(rows.length);
    expect(rows.some((r) => r.count === 0)).toBe(true);
    expect(reference.series.some((s: { overlapping: number }) => s.overlapping > 0)).toBe(true);
    expect(reference.analysis.dropped).toBeGreaterThan(0);
    expect(reference.analysis.campaign.completeness.some((c: { windows: { used?: boolean }[] }) => c.windows[1]!.used === false)).toBe(true);
    expect(new Set(reference.analysis.campaign.completeness.map((c: { grain: string }) => c.grain))).toEqual(new Set(['day', 'week', 'mixed']));
    expect([reference.analysis.panel.grain, reference.analysis.dailyPanel.grain]).toEqual(['week', 'day']);
  });

  it('groupSeries over row objects: the same series and every result derived from them', () => {
    const series = groupSeries(rows);
    expect(asRecorded(series)).toEqual(reference.series);
    expect(JSON.parse(JSON.stringify(seriesAnalysis(series, rows)))).toEqual(reference.analysis);
  });

  it('seriesFromColumns refuses answers that disagree (the lake changed between the two reads)', () => {
    const [rowsAnswer, names] = demandSeriesAnswer(rows);
    const counts = names.columns.row_count as Float64Array;
    counts[3] = counts[3]! + 1;
    expect(() => seriesFromColumns(rowsAnswer, names)).toThrow(/disagree on series 4 .*run the analysis again/);
    const [again, fewer] = demandSeriesAnswer(rows);
    expect(() => seriesFromColumns(again, { ...fewer, length: fewer.length - 1 })).toThrow(/disagree|run the analysis again/);
  });

  it('seriesFromColumns over the columnar answer: the same series and every result derived from them', () => {
    const series = seriesFromColumns(...demandSeriesAnswer(rows));
    expect(asRecorded(series)).toEqual(reference.series);
    expect(JSON.parse(JSON.stringify(seriesAnalysis(series, rows)))).toEqual(reference.analysis);
  });
});
