/**
 * Who contributed to each weekly base cell (channel x region x Monday week), for the partner rules
 * of the disclosure step, column by column: at national scale there are hundreds of thousands of
 * cells, so no Map per cell. Partners, weeks and channel-regions are dictionary codes; each
 * channel-region keeps, per week code, the run of its rows (partner code, count) in two typed arrays.
 */

/** Base cells (channel x regions x weeks) behind a figure. */
export interface Cells {
  channel: string;
  regions: string[];
  weeks: string[];
}

/** Codes for strings, in the order first seen. */
class Dictionary {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  code(v: string): number {
    let k = this.index.get(v);
    if (k === undefined) { k = this.values.length; this.values.push(v); this.index.set(v, k); }
    return k;
  }
  find(v: string): number | undefined {
    return this.index.get(v);
  }
}

export class Contributions {
  private constructor(
    private readonly places: Dictionary,
    private readonly weeks: Dictionary,
    readonly partners: string[],
    /** for channel-region c and week w: rows runFrom[c * weeks + w] .. runFrom[c * weeks + w + 1] */
    private readonly runFrom: Int32Array,
    private readonly partner: Int32Array,
    private readonly count: Float64Array,
  ) {}

  /** Rows given one by one, in any order (the query answer comes sorted by channel, region, week). */
  static build(fill: (add: (channel: string, region: string, week: string, partner: string, count: number) => void) => void): Contributions {
    const places = new Dictionary(); const weeks = new Dictionary(); const partners = new Dictionary();
    const place: number[] = []; const week: number[] = []; const partner: number[] = []; const count: number[] = [];
    fill((ch, region, wk, p, n) => { place.push(places.code(`${ch}|${region}`)); week.push(weeks.code(wk)); partner.push(partners.code(p)); count.push(n); });
    const nWeeks = weeks.values.length;
    const cell = (i: number) => place[i]! * nWeeks + week[i]!;
    // Counting sort by cell: each cell's rows become one run, in the order they came.
    const runFrom = new Int32Array(places.values.length * nWeeks + 1);
    for (let i = 0; i < place.length; i++) runFrom[cell(i) + 1]!++;
    for (let c = 0; c < runFrom.length - 1; c++) runFrom[c + 1]! += runFrom[c]!;
    const next = runFrom.slice(0, -1);
    const partnerOut = new Int32Array(place.length); const countOut = new Float64Array(place.length);
    for (let i = 0; i < place.length; i++) { const at = next[cell(i)]!++; partnerOut[at] = partner[i]!; countOut[at] = count[i]!; }
    return new Contributions(places, weeks, partners.values, runFrom, partnerOut, countOut);
  }

  /** From plain cells: key `${channel}|${region}|${weekStart}` -> partner -> count (tests, small reports). */
  static fromCells(cells: Map<string, Map<string, number>>): Contributions {
    return Contributions.build((add) => {
      for (const [key, partners] of cells) {
        const [channel, region, week] = key.split('|') as [string, string, string];
        for (const [p, n] of partners) add(channel, region, week, p, n);
      }
    });
  }

  /** Every cell as plain data (audits in tests). */
  *cells(): Generator<[string, Map<string, number>]> {
    const nWeeks = this.weeks.values.length;
    for (const [c, place] of this.places.values.entries())
      for (const [w, week] of this.weeks.values.entries()) {
        const from = this.runFrom[c * nWeeks + w]!; const to = this.runFrom[c * nWeeks + w + 1]!;
        if (from < to) yield [`${place}|${week}`, new Map(Array.from({ length: to - from }, (_, k) => [this.partners[this.partner[from + k]!]!, this.count[from + k]!]))];
      }
  }

  /** Rows [from, to) of one cell (empty when nobody contributed to it). */
  run(channel: string, region: string, week: string): [number, number] {
    const c = this.places.find(`${channel}|${region}`); const w = this.weeks.find(week);
    if (c === undefined || w === undefined) return [0, 0];
    const at = c * this.weeks.values.length + w;
    return [this.runFrom[at]!, this.runFrom[at + 1]!];
  }
  partnerAt(i: number): number { return this.partner[i]!; }
  countAt(i: number): number { return this.count[i]!; }
}

/**
 * Each partner's count in a channel's regions in one week. A set of many regions (the pooled
 * rows, the lift's targeted regions) is summed once per week and kept: the lift's daily points,
 * the weekly points and the totals of a report share the same weeks. Counts are integers, so
 * the order of the additions does not change a sum.
 */
export class PartnerTotals {
  /** pooled sums per channel, region list and week: partner codes and their counts */
  private readonly pooled = new Map<string, { partner: Int32Array; count: Float64Array }>();
  private readonly regionSets = new WeakMap<string[], number>();
  private nextSet = 0;
  /** per partner code: its running sum, and the call of `over` that last touched it */
  private readonly sums: Float64Array;
  private readonly seenIn: Int32Array;
  private call = 0;
  constructor(private readonly c: Contributions) {
    this.sums = new Float64Array(c.partners.length);
    this.seenIn = new Int32Array(c.partners.length);
  }

  /** Each contributing partner's count over the cells: the figure's regions in each of its weeks. */
  over(cells: Cells): number[] {
    const sums = this.sums; const seenIn = this.seenIn; const call = ++this.call; const touched: number[] = [];
    const add = (p: number, n: number) => {
      if (seenIn[p] !== call) { seenIn[p] = call; sums[p] = 0; touched.push(p); }
      sums[p]! += n;
    };
    for (const w of cells.weeks) {
      if (cells.regions.length === 1) {
        const [from, to] = this.c.run(cells.channel, cells.regions[0]!, w);
        for (let i = from; i < to; i++) add(this.c.partnerAt(i), this.c.countAt(i));
      } else {
        const week = this.pooledWeek(cells.channel, cells.regions, w);
        for (let i = 0; i < week.partner.length; i++) add(week.partner[i]!, week.count[i]!);
      }
    }
    return touched.map((p) => sums[p]!);
  }

  private pooledWeek(channel: string, regions: string[], week: string): { partner: Int32Array; count: Float64Array } {
    // Region lists of a report are never changed once made: one id per list.
    let set = this.regionSets.get(regions);
    if (set === undefined) this.regionSets.set(regions, (set = this.nextSet++));
    const key = `${channel}|${set}|${week}`;
    let sums = this.pooled.get(key);
    if (!sums) {
      const acc = new Map<number, number>();
      for (const region of regions) {
        const [from, to] = this.c.run(channel, region, week);
        for (let i = from; i < to; i++) acc.set(this.c.partnerAt(i), (acc.get(this.c.partnerAt(i)) ?? 0) + this.c.countAt(i));
      }
      sums = { partner: Int32Array.from(acc.keys()), count: Float64Array.from(acc.values()) };
      this.pooled.set(key, sums);
    }
    return sums;
  }
}
