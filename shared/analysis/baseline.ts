/**
 * The baseline a campaign is compared with. Given in the campaign file, it is used as it is; by
 * default it is the longest history every region with data has, up to a year before the start
 * (GeoLift recommends a pre-period of at least 4 to 5 times the test length).
 */
import { daysBetween, firstStartIn, type Series, type Window } from './completeness.ts';

/** Pre-period length, in multiples of the campaign's length, below which the report warns. */
export const MIN_BASELINE_MULTIPLE = 4;

export interface BaselineChoice { window: Window; note: string }

export function chooseBaseline(c: { start: string; end: string; baseline: { start: string; end: string; auto?: boolean } }, series: Series[]): BaselineChoice {
  const campaignDays = daysBetween(c.start, c.end) + 1;
  let window: Window = { start: c.baseline.start, end: c.baseline.end };
  let how = 'as given in the campaign definition';
  if (c.baseline.auto) {
    // Each region's history starts with its earliest series; the baseline starts when every region has begun.
    const firstByRegion = new Map<string, string>();
    for (const s of series) {
      const first = firstStartIn(s, window);
      if (first === undefined) continue;
      const cur = firstByRegion.get(s.region);
      if (cur === undefined || first < cur) firstByRegion.set(s.region, first);
    }
    const latest = [...firstByRegion.values()].sort().pop();
    if (latest && latest > window.start) window = { start: latest, end: window.end };
    how = 'the longest history every region with data has, up to one year (no baseline was given in the campaign definition)';
  }
  const days = daysBetween(window.start, window.end) + 1;
  const multiple = days / campaignDays;
  const length = days % 7 === 0 ? `${days / 7} weeks` : `${days} days`;
  let note = `Baseline ${window.start} to ${window.end} (${length}, ${multiple.toFixed(1)} times the campaign's length): ${how}.`;
  if (multiple < MIN_BASELINE_MULTIPLE)
    note += ` That is shorter than the ${MIN_BASELINE_MULTIPLE} to 5 times the campaign's length recommended for a reliable comparison${c.baseline.auto ? '; the lake has no longer history for every region' : '; a longer baseline, if the data have it, would make the comparison more reliable'}.`;
  return { window, note };
}
