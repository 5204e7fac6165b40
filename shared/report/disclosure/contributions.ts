/**
 * Who contributed to each weekly base cell (channel x region x Monday week), for the partner rules
 * of the disclosure step, column by column: at national scale there are hundreds of thousands of
 * cells, so no Map per cell. Partners, weeks and channel-regions are dictionary codes; each
 * channel-region keeps, per week code, the run of its rows (partner code, count) in two typed arrays.
 */

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

/**
 * One row per partner in each run (a partner given twice for a cell is summed), compacted in
 * place: readers may then take a run's counts as its partners' totals.
 */
function mergeRepeats(runFrom: Int32Array, partner: Int32Array, count: Float64Array, partners: number): [Int32Array, Int32Array, Float64Array] {
  const seenIn = new Int32Array(partners).fill(-1);
  const at = new Int32Array(partners);
  let out = 0;
  for (let c = 0; c < runFrom.length - 1; c++) {
    const from = runFrom[c]!; const to = runFrom[c + 1]!;
    runFrom[c] = out;
    for (let i = from; i < to; i++) {
      const p = partner[i]!;
      if (seenIn[p] === c) { count[at[p]!]! += count[i]!; continue; }
      seenIn[p] = c; at[p] = out;
      partner[out] = p; count[out++] = count[i]!;
    }
  }
  runFrom[runFrom.length - 1] = out;
  return out === partner.length ? [runFrom, partner, count] : [runFrom, partner.slice(0, out), count.slice(0, out)];
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
    return new Contributions(places, weeks, partners.values, ...mergeRepeats(runFrom, partnerOut, countOut, partners.values.length));
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

  /** The code of a channel-region, or undefined when nobody contributed to it. */
  placeCode(channel: string, region: string): number | undefined {
    return this.places.find(`${channel}|${region}`);
  }
  /** The code of a week, or undefined when nobody contributed in it. */
  weekCode(week: string): number | undefined {
    return this.weeks.find(week);
  }
  /** Rows [from, to) of one cell, by codes (empty when nobody contributed to it). */
  runAt(place: number, week: number): [number, number] {
    const at = place * this.weeks.values.length + week;
    return [this.runFrom[at]!, this.runFrom[at + 1]!];
  }
  partnerAt(i: number): number { return this.partner[i]!; }
  countAt(i: number): number { return this.count[i]!; }
}

/** A channel and a list of its regions, shared by every figure over them (one object per list, not per figure). */
export interface Place {
  channel: string;
  regions: string[];
}

/**
 * The base cells behind each figure of a ledger, by figure number: a place and a list of weeks,
 * both shared between figures (a national report has half a million weekly figures, each one
 * region's one week), so no object per figure.
 */
export class FigureCells {
  private readonly figurePlace: Place[] = [];
  private readonly figureWeeks: string[][] = [];
  private readonly places = new Map<string[], Map<string, Place>>();
  private readonly oneWeek = new Map<string, string[]>();

  /** The place of these regions (a list kept by the caller, never changed) of the channel: one object per list and channel. */
  place(channel: string, regions: string[]): Place {
    let byChannel = this.places.get(regions);
    if (!byChannel) this.places.set(regions, (byChannel = new Map()));
    let place = byChannel.get(channel);
    if (!place) byChannel.set(channel, (place = { channel, regions }));
    return place;
  }

  /** The figure counts these regions of the channel in these weeks. */
  set(fig: number, channel: string, regions: string[], weeks: string[]): void {
    this.figurePlace[fig] = this.place(channel, regions);
    this.figureWeeks[fig] = weeks;
  }

  /** The figure counts the place in one week. */
  setWeek(fig: number, place: Place, week: string): void {
    let weeks = this.oneWeek.get(week);
    if (!weeks) this.oneWeek.set(week, (weeks = [week]));
    this.figurePlace[fig] = place;
    this.figureWeeks[fig] = weeks;
  }

  placeOf(fig: number): Place | undefined {
    return this.figurePlace[fig];
  }

  weeksOf(fig: number): string[] | undefined {
    return this.figureWeeks[fig];
  }
}

/**
 * Each partner's count in a channel's regions in one week. A set of many regions (the pooled
 * rows, the lift's targeted regions) is summed once per week and kept: the lift's daily points,
 * the weekly points and the totals of a report share the same weeks. Places and week lists are
 * resolved to codes once each. Counts are integers, so the order of the additions does not change a sum.
 */
/** Sums per partner code for one question at a time: the partners touched and their running sums. */
class PartnerSums {
  readonly sums: Float64Array;
  private readonly seenIn: Int32Array;
  private call = 0;
  readonly touched: number[] = [];
  constructor(partners: number) {
    this.sums = new Float64Array(partners);
    this.seenIn = new Int32Array(partners);
  }
  start(): void {
    this.call++;
    this.touched.length = 0;
  }
  add(p: number, n: number): void {
    if (this.seenIn[p] !== this.call) { this.seenIn[p] = this.call; this.sums[p] = 0; this.touched.push(p); }
    this.sums[p]! += n;
  }
  /** Add one cell's rows (a place code and a week code of `c`). Small and called for every cell: V8 optimises it early. */
  addRun(c: Contributions, place: number, week: number): void {
    const [from, to] = c.runAt(place, week);
    for (let i = from; i < to; i++) this.add(c.partnerAt(i), c.countAt(i));
  }
  /** Add partners' counts given side by side. */
  addAll(partner: Int32Array, count: Float64Array): void {
    for (let i = 0; i < partner.length; i++) this.add(partner[i]!, count[i]!);
  }
}

export class PartnerTotals {
  /** per place: the code of each of its regions in its channel (-1: nobody contributed there) */
  private readonly placeCodes = new WeakMap<Place, Int32Array>();
  private readonly weekCodes = new WeakMap<string[], Int32Array>();
  /** per place of many regions and week code: partner codes and their counts */
  private readonly pooled = new WeakMap<Place, ({ partner: Int32Array; count: Float64Array } | undefined)[]>();
  /** Sums for `over`, and separately for a pooled week being filled in during it. */
  private readonly sums: PartnerSums;
  private readonly weekSums: PartnerSums;
  /** The buffer `over` answers in: at most one entry per partner. */
  private readonly out: Float64Array;
  constructor(private readonly c: Contributions) {
    this.sums = new PartnerSums(c.partners.length);
    this.weekSums = new PartnerSums(c.partners.length);
    this.out = new Float64Array(c.partners.length);
  }

  /**
   * Each contributing partner's count over the cells: the place's regions in each of the weeks.
   * The answer is a view of a buffer reused by the next call (a national report asks half a
   * million times): read it before asking again. One region's one week is its run as it is
   * (Contributions keeps one row per partner and cell).
   */
  over(place: Place, weeks: string[]): Float64Array {
    const places = this.codesOf(place);
    const weekCodes = this.weekCodesOf(weeks);
    if (places.length === 1 && weekCodes.length === 1) {
      if (places[0]! < 0 || weekCodes[0]! < 0) return this.out.subarray(0, 0);
      const [from, to] = this.c.runAt(places[0]!, weekCodes[0]!);
      for (let i = from; i < to; i++) this.out[i - from] = this.c.countAt(i);
      return this.out.subarray(0, to - from);
    }
    const sums = this.sums;
    sums.start();
    for (const w of weekCodes) {
      if (w < 0) continue;
      if (places.length === 1) {
        if (places[0]! < 0) continue;
        sums.addRun(this.c, places[0]!, w);
      } else {
        const week = this.pooledWeek(place, places, w);
        sums.addAll(week.partner, week.count);
      }
    }
    for (let k = 0; k < sums.touched.length; k++) this.out[k] = sums.sums[sums.touched[k]!]!;
    return this.out.subarray(0, sums.touched.length);
  }

  private codesOf(place: Place): Int32Array {
    let codes = this.placeCodes.get(place);
    if (!codes) this.placeCodes.set(place, (codes = Int32Array.from(place.regions, (r) => this.c.placeCode(place.channel, r) ?? -1)));
    return codes;
  }

  private weekCodesOf(weeks: string[]): Int32Array {
    let codes = this.weekCodes.get(weeks);
    if (!codes) this.weekCodes.set(weeks, (codes = Int32Array.from(weeks, (w) => this.c.weekCode(w) ?? -1)));
    return codes;
  }

  private pooledWeek(place: Place, places: Int32Array, week: number): { partner: Int32Array; count: Float64Array } {
    let byWeek = this.pooled.get(place);
    if (!byWeek) this.pooled.set(place, (byWeek = []));
    let cached = byWeek[week];
    if (!cached) {
      const sums = this.weekSums;
      sums.start();
      for (const c of places) if (c >= 0) sums.addRun(this.c, c, week);
      cached = { partner: Int32Array.from(sums.touched), count: Float64Array.from(sums.touched, (p) => sums.sums[p]!) };
      byWeek[week] = cached;
    }
    return cached;
  }
}
