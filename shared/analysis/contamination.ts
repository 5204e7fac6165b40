/**
 * Contamination check from ad delivery by region: a control region that received a real share of
 * the campaign's impressions is not a clean control (its demand may rise too, which makes the lift
 * look smaller or negative), and a targeted region that received none was not treated.
 */

/** Share of the campaign's impressions above which a control region is flagged. */
export const CONTAMINATION_SHARE = 0.01;

export interface Contamination {
  threshold: number;
  /** control regions above the threshold, with their share of impressions */
  controls: { region: string; share: number; excluded: boolean }[];
  /** targeted regions with no impressions at all */
  untreated: string[];
  /** control regions left out of geo lift (campaign file regions.excludeControls or --exclude-control) */
  excluded: string[];
  notes: string[];
}

export function checkContamination(
  byRegion: { region: string; impressions: number | null }[],
  regions: { targeted: string[]; control: string[]; excluded: string[] },
  threshold = CONTAMINATION_SHARE,
): Contamination {
  // A platform that did not export impressions counts as none here (it cannot show ads reaching a region).
  const total = byRegion.reduce((s, r) => s + (r.impressions ?? 0), 0);
  const notes: string[] = [];
  const excluded = regions.excluded.filter((r) => regions.control.includes(r));
  if (!(total > 0)) {
    return { threshold, controls: [], untreated: [], excluded, notes: ['No ad delivery by region is available, so control regions could not be checked for ads reaching them.'] };
  }
  const imp = new Map(byRegion.map((r) => [r.region, r.impressions ?? 0]));
  const known = byRegion.some((r) => regions.targeted.includes(r.region) || regions.control.includes(r.region));
  if (!known) notes.push('Ad delivery is not broken down into the campaign\'s regions (the platform reports coarser regions), so control regions could not be checked for ads reaching them.');
  const controls = regions.control
    .map((region) => ({ region, share: (imp.get(region) ?? 0) / total, excluded: excluded.includes(region) }))
    .filter((c) => c.share > threshold);
  const untreated = known ? regions.targeted.filter((r) => !(imp.get(r)! > 0)) : [];
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  for (const c of controls)
    notes.push(c.excluded
      ? `Control region ${c.region} received ${pct(c.share)} of the campaign's impressions and is left out of geo lift.`
      : `Control region ${c.region} received ${pct(c.share)} of the campaign's impressions (more than ${pct(threshold)}): the ads may have raised its demand too, which would make the lift look smaller. Leave it out with regions.excludeControls in the campaign file or campaign analyse --exclude-control ${c.region}.`);
  for (const r of untreated) notes.push(`Targeted region ${r} received no impressions: it was not reached by the campaign.`);
  for (const r of excluded.filter((r) => !controls.some((c) => c.region === r))) notes.push(`Control region ${r} is left out of geo lift, as the campaign definition asks.`);
  return { threshold, controls, untreated, excluded, notes };
}
