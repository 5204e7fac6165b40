import type { CampaignLift, Delivery } from '../report/report-types.ts';

/** Optional SROI-style inputs from the campaign file (`valueForMoney`); every one is shown in the report. */
export interface ValueInputs {
  /** Service-demand channel whose additional contacts are valued (default: the first with a lift). */
  channel?: string;
  /** Value of one additional contact, in the campaign currency (e.g. a cost to society avoided). */
  valuePerContact?: number;
  /** Share of the outcome that would have happened anyway, beyond what the control regions already remove (0..1). */
  deadweight?: number;
  /** Share of the outcome owed to others (partners' own outreach, other campaigns) (0..1). */
  attribution?: number;
  /** Share of the effect lost each year after the first (0..1). */
  dropOff?: number;
  /** Years over which the value is counted (default 1). */
  years?: number;
}

/** One channel's cost per additional contact. */
export interface CostPerContact {
  channel: string;
  /** additional contacts the lift estimate gives, with its 95% interval */
  incremental: number | null;
  incrementalLow: number | null;
  incrementalHigh: number | null;
  /** spend / additional contacts; null ("not estimable") when the interval includes no effect */
  cost: number | null;
  costLow: number | null;
  costHigh: number | null;
  note: string;
}

export interface ValueForMoney {
  currency: string;
  spend: number | null;
  /** Cost per 1,000 people reached; `reachKind` says whether reach was an upper bound (then this is a lower bound). */
  costPerThousandReached: number | null;
  reachKind: Delivery['reach']['kind'];
  perContact: CostPerContact[];
  sroi?: {
    inputs: Required<Omit<ValueInputs, 'channel'>> & { channel: string };
    /** value in the campaign currency, central and from the interval's ends */
    value: number | null;
    valueLow: number | null;
    valueHigh: number | null;
    /** value / spend */
    ratio: number | null;
    ratioLow: number | null;
    ratioHigh: number | null;
  };
  assumptions: string[];
}

/** Additional contacts with an interval: the cumulative band's last point, else the lift interval on the counterfactual. */
function incrementalOf(l: CampaignLift): { mid: number | null; low: number | null; high: number | null } {
  const r = l.result;
  const last = r.cumulative.at(-1);
  if (r.incremental === null) return { mid: null, low: null, high: null };
  if (last) return { mid: r.incremental, low: last.lower, high: last.upper };
  if (r.lift === null || r.lift === 0 || r.ciLow === null || r.ciHigh === null) return { mid: r.incremental, low: null, high: null };
  const counterfactual = r.incremental / r.lift;
  return { mid: r.incremental, low: counterfactual * r.ciLow, high: counterfactual * r.ciHigh };
}

const finite = (x: number | null): number | null => (x === null || !Number.isFinite(x) ? null : x);

/**
 * Value for money: cost per additional contact (spend over the contacts the geo lift attributes
 * to the campaign, with its interval, or "not estimable" when the interval includes no effect),
 * cost per 1,000 people reached, and, when the campaign file gives them, SROI-style value:
 * additional contacts x value per contact x (1 - deadweight) x (1 - attribution), counted over
 * the years with the drop-off. Pure: no I/O.
 */
export function valueForMoney(delivery: Delivery, lift: CampaignLift[], inputs?: ValueInputs): ValueForMoney {
  const spend = delivery.spend;
  const reach = delivery.reach;
  const assumptions: string[] = [];
  const costPerThousandReached = spend !== null && reach.value ? finite((1000 * spend) / reach.value) : null;
  if (reach.kind !== 'period' && reach.value)
    assumptions.push('Reach here is an upper bound (summed over days or platforms), so the cost per 1,000 people reached is a lower bound.');
  const perContact: CostPerContact[] = lift
    .filter((l) => l.window === 'campaign')
    .map((l) => {
      const inc = incrementalOf(l);
      const base = { channel: l.channel, incremental: finite(inc.mid), incrementalLow: finite(inc.low), incrementalHigh: finite(inc.high) };
      if (spend === null) return { ...base, cost: null, costLow: null, costHigh: null, note: 'not estimable: spend is not known in the campaign currency' };
      if (inc.mid === null || inc.low === null || inc.high === null) return { ...base, cost: null, costLow: null, costHigh: null, note: 'not estimable: no lift estimate with an interval' };
      if (inc.low <= 0 || inc.mid <= 0)
        return { ...base, cost: null, costLow: null, costHigh: null, note: 'not estimable: the interval of additional contacts includes zero, so the campaign may have added none' };
      return { ...base, cost: spend / inc.mid, costLow: spend / inc.high, costHigh: spend / inc.low, note: 'spend divided by the additional contacts the geo lift estimates' };
    });
  assumptions.push('Additional contacts are those the geo-lift comparison with the control regions attributes to the campaign period; all ad spend is counted against them.');
  const out: ValueForMoney = { currency: delivery.currency, spend, costPerThousandReached, reachKind: reach.kind, perContact, assumptions };
  if (inputs?.valuePerContact !== undefined) {
    const channel = inputs.channel ?? perContact[0]?.channel ?? '';
    const i = { channel, valuePerContact: inputs.valuePerContact, deadweight: inputs.deadweight ?? 0, attribution: inputs.attribution ?? 0, dropOff: inputs.dropOff ?? 0, years: inputs.years ?? 1 };
    const c = perContact.find((p) => p.channel === channel);
    // Years 1..n keep (1 - drop-off)^(year - 1) of the first year's effect.
    const yearsFactor = Array.from({ length: Math.max(1, Math.round(i.years)) }, (_, y) => (1 - i.dropOff) ** y).reduce((a, b) => a + b, 0);
    const valueOf = (contacts: number | null | undefined) =>
      contacts === null || contacts === undefined ? null : finite(contacts * i.valuePerContact * (1 - i.deadweight) * (1 - i.attribution) * yearsFactor);
    const value = valueOf(c?.incremental);
    const valueLow = valueOf(c?.incrementalLow);
    const valueHigh = valueOf(c?.incrementalHigh);
    const ratio = (v: number | null) => (v === null || spend === null || spend <= 0 ? null : finite(v / spend));
    out.sroi = { inputs: i, value, valueLow, valueHigh, ratio: ratio(value), ratioLow: ratio(valueLow), ratioHigh: ratio(valueHigh) };
    assumptions.push(
      `Value per additional ${channel.replace(/_/g, ' ')} contact: ${i.valuePerContact} ${delivery.currency} (from the campaign file).`,
      `Deadweight ${(i.deadweight * 100).toFixed(0)}%: share that would have happened anyway beyond what the control regions already account for.`,
      `Attribution ${(i.attribution * 100).toFixed(0)}%: share owed to others.`,
      `Counted over ${i.years} year${i.years === 1 ? '' : 's'} with a drop-off of ${(i.dropOff * 100).toFixed(0)}% a year.`,
    );
    if (c && c.cost === null) assumptions.push('The additional contacts are not estimable (their interval includes zero), so the value may be zero.');
  }
  return out;
}
