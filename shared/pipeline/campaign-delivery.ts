import { buildDelivery, type DeliveryRow, type PlatformRows } from '../analysis/delivery.ts';
import { choosePlatformKinds, EXPORT_METRICS, type DeliveryKind, type DeliveryWindow } from '../analysis/delivery-kind.ts';
import type { Campaign } from '../domain/campaign.ts';
import type { ExchangeRates } from '../domain/currency.ts';
import { addMonths, monthOf } from '../domain/dates.ts';
import type { QueryEngine, ResultRow } from '../query/query-engine.ts';
import { loadQuery } from '../query/sql-files.ts';
import type { Delivery } from '../report/report-types.ts';

/** A whole-period export may start this many months before the campaign and still be found. */
const PERIOD_LOOKBACK_MONTHS = 3;

/**
 * The campaign's ad delivery up to `lastDay`: the kinds of rows each platform has
 * (delivery_kinds.sql), each platform's choice, its rows (delivery_by_day_region.sql), then
 * per-platform and combined figures. `notes` are caveats for the report.
 */
export async function campaignDelivery(
  engine: QueryEngine,
  c: Campaign,
  lastDay: string,
  rates: ExchangeRates,
): Promise<{ delivery: Delivery; notes: string[] }> {
  const window: DeliveryWindow = { start: c.start, end: c.end, lastDay };
  const m0 = monthOf(addMonths(c.start, -PERIOD_LOOKBACK_MONTHS));
  const m1 = monthOf(lastDay);
  const kinds = (await engine.query(loadQuery('delivery_kinds'), [c.id, m0, m1, c.start, lastDay])).map(toKind);
  const choices = choosePlatformKinds(kinds, window);
  const rowsOf = async (k: DeliveryKind | undefined): Promise<DeliveryRow[]> => {
    if (!k) return [];
    const [from, to] = k.granularity === 'day' ? [c.start, lastDay] : [k.periodStart!, k.periodEnd!];
    const params = [c.id, m0, m1, k.platform, k.breakdown, k.granularity, from, to, from, to];
    return (await engine.query(loadQuery('delivery_by_day_region'), params)) as unknown as DeliveryRow[];
  };
  const input: PlatformRows[] = [];
  for (const choice of choices) {
    const totals = await rowsOf(choice.totals);
    const reach = choice.reach && choice.reach.kind !== choice.totals ? await rowsOf(choice.reach.kind) : totals;
    input.push({ choice, totals, reach });
  }
  return buildDelivery(c.currency, input, rates, [...c.regions.targeted, ...(c.regions.control ?? [])]);
}

function toKind(r: ResultRow): DeliveryKind {
  const date = (v: unknown): string | null => (v === null || v === undefined ? null : String(v).slice(0, 10));
  return {
    platform: String(r.platform),
    breakdown: String(r.breakdown),
    granularity: r.granularity === 'period' ? 'period' : 'day',
    periodStart: date(r.period_start),
    periodEnd: date(r.period_end),
    firstDay: date(r.first_day)!,
    lastDay: date(r.last_day)!,
    rowCount: Number(r.row_count),
    reach: r.reach === null ? null : Number(r.reach),
    has: Object.fromEntries(EXPORT_METRICS.map((m) => [m, Number(r[`has_${m}`]) > 0])) as DeliveryKind['has'],
  };
}
