/** One kind of ad rows (breakdown x granularity), as delivery_kinds.sql returns them. */
export interface DeliveryKind {
  breakdown: string;
  granularity: 'day' | 'period';
  rowCount: number;
  reach: number | null;
}

const GEO_ONLY = new Set(['', 'region', 'country']);

function geoRank(breakdown: string): number {
  const dims = breakdown === '' ? [] : breakdown.split(',');
  if (dims.includes('region')) return dims.length === 1 ? 0 : 1;
  if (dims.includes('country')) return dims.length === 1 ? 2 : 3;
  return 4 + dims.length;
}

/**
 * The kind of rows to sum additive metrics over: daily rows before period rows, geographic
 * breakdowns before demographic ones. Summing one kind only means an age/gender export of the
 * same campaign is never added to its region export.
 */
export function chooseAdditiveKind(kinds: DeliveryKind[]): DeliveryKind | undefined {
  return [...kinds].sort(
    (a, b) => Number(a.granularity !== 'day') - Number(b.granularity !== 'day') || geoRank(a.breakdown) - geoRank(b.breakdown),
  )[0];
}

/**
 * Reach: a whole-period figure where one exists (reach is roughly additive across regions but
 * never across days); otherwise the sum of daily reach, labelled an upper bound.
 */
export function chooseReach(kinds: DeliveryKind[], additive: DeliveryKind | undefined): { value: number | null; kind: 'period' | 'daily_sum_upper_bound' | 'none' } {
  const period = kinds.filter((k) => k.granularity === 'period' && GEO_ONLY.has(k.breakdown) && k.reach !== null);
  const best = period.sort((a, b) => geoRank(a.breakdown) - geoRank(b.breakdown))[0];
  if (best) return { value: best.reach, kind: 'period' };
  if (additive && additive.reach !== null && additive.granularity === 'day') return { value: additive.reach, kind: 'daily_sum_upper_bound' };
  return { value: null, kind: 'none' };
}
