import { isCountData, sumRows } from './panel.ts';
import type { LiftMethod, WidePanel } from './types.ts';

/** Minimum data each method needs before it can say anything. */
export const MIN_PRE: Record<LiftMethod, number> = { scm: 10, tbr: 5, did: 3, prepost: 3 };
export const MIN_CONTROLS: Record<LiftMethod, number> = { scm: 2, tbr: 1, did: 1, prepost: 0 };
/** Count data with fewer events than this before the campaign cannot establish a baseline. */
export const MIN_PRE_EVENTS = 20;

/** Method choice with the reason in plain words. */
export interface Choice { method: LiftMethod; reason: string }

/**
 * Pick an estimator from the number of controls, pre-period length and size of counts. Chosen from
 * the simulation study (bench/lift-simulation.ts): time-based regression treats pre-period residuals
 * as independent and was the least robust with few controls, weekday shapes and regional trends, so it
 * is chosen only with many controls and a pre-period too short for synthetic control.
 * no controls -> pre/post; sparse counts -> DiD on pooled averages (weighting would fit noise);
 * 2+ controls and a long history -> synthetic control; 5+ controls, shorter history -> TBR; else DiD.
 */
export function chooseMethod(p: WidePanel): Choice {
  const nC = p.control.length; const pre = p.t0;
  if (nC === 0) return { method: 'prepost', reason: 'no control regions, so only a before/after comparison of the treated regions is possible; it cannot rule out seasonal or other changes' };
  const perPeriod = sumRows(p.yT, p.t0).reduce((s, v) => s + v, 0) / Math.max(pre, 1);
  if (isCountData(p.yT, 0, p.t1) && perPeriod < 10) {
    return { method: 'did', reason: `counts are small (about ${perPeriod.toFixed(1)} per period across treated regions), so a difference in differences against the pooled control average is used` };
  }
  if (nC >= 2 && pre >= 20) return { method: 'scm', reason: `${nC} control regions and ${pre} pre-period points allow a weighted synthetic control` };
  if (nC >= 5 && pre >= 8) return { method: 'tbr', reason: `${nC} control regions but only ${pre} pre-period points: time-based regression on the control total` };
  return { method: 'did', reason: nC < 2 ? 'one control region: a difference in differences against it (no weights to fit)' : `only ${pre} pre-period points, too few to fit weights, so a difference in differences is used` };
}

/** Plain-words reason why no claim can be made, or null when the data can support one. */
export function insufficiency(p: WidePanel, method: LiftMethod): string | null {
  const pre = p.t0;
  if (p.control.length < MIN_CONTROLS[method]) return `The ${method} method needs at least ${MIN_CONTROLS[method]} control region(s) with complete data, but ${p.control.length} are available.`;
  if (pre < MIN_PRE[method]) return `The period before the campaign has only ${pre} data point(s); at least ${MIN_PRE[method]} are needed to estimate what would have happened without it.`;
  if (isCountData(p.yT, 0, p.t1)) {
    const events = sumRows(p.yT, p.t0).reduce((s, v) => s + v, 0);
    if (events < MIN_PRE_EVENTS) return `The treated regions recorded only ${events} event(s) before the campaign; with so few counts no change can be told apart from chance.`;
  }
  return null;
}
