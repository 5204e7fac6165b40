/**
 * The figure ledger: every count a shared report would publish, the exact additive relations
 * between them (a total and its parts; a window total and its weeks; the same rows counted two
 * ways), and the suppression that keeps hidden counts from being worked out.
 *
 * Attacker model: a reader knows every shown figure, knows that a hidden small figure is 1 to
 * threshold - 1 and any other hidden figure is at least the threshold, and combines relations by
 * addition and subtraction. Each relation may carry a residual (rows one figure counts and the other
 * does not, e.g. series that report in only one window): the residual is a count of people too, so
 * a small residual is protected like a small cell, and a zero residual is assumed known.
 *
 * Suppression: interval propagation over all relations until nothing tightens; while a protected
 * figure is pinned to one value, hide one more shown figure in its tightest relation (finest
 * figures first, then the smallest). Deterministic: the same ledger always gives the same marks.
 *
 * Stored column by column (a national report has half a million weekly figures): figures are
 * typed arrays indexed by figure number, relations a list of terms with where each relation starts.
 */

/** How a figure is disclosed. */
export type Mark = 'shown' | 'small' | 'secondary' | 'partners';
const MARKS: readonly Mark[] = ['shown', 'small', 'secondary', 'partners'];
const SHOWN = 0;
const SMALL = 1;
const SECONDARY = 2;
const PARTNERS = 3;

/** What a figure is, for choosing which to hide first (lower hides first). */
export type FigureRank = 0 | 1 | 2 | 3;

const PUBLISHED = 1;
/** Must never be pinned to one value (small cells, small residuals, partner-rule cells). */
const PROTECT = 2;

/** A typed array with room for at least `need` entries (doubling, so adding is amortised O(1)). */
function room<T extends Float64Array | Int32Array | Uint8Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

export class Ledger {
  /** Figures: published ones appear in the report; residuals never do. */
  private n = 0;
  private value = new Float64Array(64);
  private rank = new Uint8Array(64);
  private mark = new Uint8Array(64);
  private flags = new Uint8Array(64);
  private byKey = new Map<string, number>();
  private residualLabel = new Map<number, string>();
  /** Relations (sum of coef * figure value = 0): terms relStart[r] .. relStart[r + 1], coef -1 where termNeg is 1. */
  private nRel = 0;
  private relStart = new Int32Array(64);
  private nTerms = 0;
  private termFig = new Int32Array(256);
  private termNeg = new Uint8Array(256);
  /** The relations each figure is a term of, in the order recorded (built on first use after a relate). */
  private byFigure: { from: Int32Array; rels: Int32Array } | undefined;
  /** Scratch: a stamp per figure for the figures seen by one search. */
  private seenAt = new Int32Array(0);
  private search = 0;

  constructor(readonly threshold: number) {}

  /** How many figures (published and residuals). */
  get size(): number {
    return this.n;
  }

  /** Add (or find) a published figure. Primary suppression happens here. */
  figure(key: string, value: number, rank: FigureRank): number {
    const found = this.byKey.get(key);
    if (found !== undefined) return found;
    const i = this.add(value, rank);
    this.byKey.set(key, i);
    return i;
  }

  /** Add a published figure without a key: the caller keeps its number (the weekly points, half a million at national scale). */
  add(value: number, rank: FigureRank): number {
    const small = value > 0 && value < this.threshold;
    return this.push(value, rank, small ? SMALL : SHOWN, PUBLISHED | (small ? PROTECT : 0));
  }

  private push(value: number, rank: FigureRank, mark: number, flags: number): number {
    const i = this.n++;
    this.value = room(this.value, this.n);
    this.rank = room(this.rank, this.n);
    this.mark = room(this.mark, this.n);
    this.flags = room(this.flags, this.n);
    this.value[i] = value;
    this.rank[i] = rank;
    this.mark[i] = mark;
    this.flags[i] = flags;
    return i;
  }

  index(key: string): number | undefined {
    return this.byKey.get(key);
  }

  valueOf(i: number): number {
    return this.value[i]!;
  }

  isPublished(i: number): boolean {
    return (this.flags[i]! & PUBLISHED) !== 0;
  }

  markAt(i: number): Mark {
    return MARKS[this.mark[i]!]!;
  }

  /** Hide a figure under the partner rules (it is then protected like a small one). */
  hideForPartners(i: number): void {
    if (this.value[i] === 0 || this.mark[i] === SMALL) return;
    this.mark[i] = PARTNERS;
    this.flags[i]! |= PROTECT;
  }

  /**
   * Record `sum(a) = sum(b)` up to a residual: rows one side counts and the other does not (series
   * that report in only one window, weeks cut by a window edge). The residual is computed from the
   * exact figures; it is a count of people too, so a small one is protected.
   */
  relate(a: number[], b: number[], label: string): void {
    if (a.length === 0 || b.length === 0) return;
    const sum = (xs: number[]) => xs.reduce((s, p) => s + this.value[p]!, 0);
    let value = sum(a) - sum(b);
    if (value < 0) [a, b, value] = [b, a, -value];
    let residual = -1;
    if (value !== 0) {
      residual = this.push(value, 3, SECONDARY, value < this.threshold ? PROTECT : 0);
      this.residualLabel.set(residual, label);
    }
    const count = a.length + b.length + (residual >= 0 ? 1 : 0);
    this.termFig = room(this.termFig, this.nTerms + count);
    this.termNeg = room(this.termNeg, this.nTerms + count);
    const term = (fig: number, neg: number) => {
      this.termFig[this.nTerms] = fig;
      this.termNeg[this.nTerms++] = neg;
    };
    for (const p of a) term(p, 0);
    for (const p of b) term(p, 1);
    if (residual >= 0) term(residual, 1);
    this.relStart = room(this.relStart, this.nRel + 2);
    this.relStart[++this.nRel] = this.nTerms;
    this.byFigure = undefined;
  }

  /** Run secondary suppression to a fixpoint. Returns how many figures it hid. */
  protect(): number {
    let hidden = 0;
    for (let round = 0; round < 10_000; round++) {
      const bounds = this.propagate();
      const pinned: number[] = [];
      for (let i = 0; i < this.n; i++) if (this.flags[i]! & PROTECT && bounds.lo[i] === bounds.hi[i]) pinned.push(i);
      if (pinned.length === 0) return hidden;
      let changed = false;
      for (const i of pinned) {
        const pick = this.secondaryFor(i);
        if (pick !== undefined && this.mark[pick] === SHOWN) {
          this.mark[pick] = SECONDARY;
          hidden++;
          changed = true;
        }
      }
      // Fail safe (not expected): hide every shown count next to the pinned ones, then every shown count.
      if (!changed) changed = this.hideAll(pinned.flatMap((i) => [...this.relationsOf(i)].flatMap((r) => [...this.termsOf(r)]))) > 0;
      if (!changed) changed = this.hideAll(Array.from({ length: this.n }, (_, i) => i)) > 0;
      // Fails closed: no shared copy rather than one from which a small count can be worked out.
      if (!changed)
        throw new Error(
          `disclosure: cannot protect ${this.nameOf(pinned[0]!)}: the figures beside it give it away whatever else is hidden ` +
            `(zeros are shown and a hidden small count is 1 to ${this.threshold - 1}), so no shared report was written; ` +
            `see "Known limits" in the README`,
        );
    }
    throw new Error('disclosure: secondary suppression did not settle');
  }

  private nameOf(i: number): string {
    const label = this.residualLabel.get(i);
    if (label !== undefined) return `residual:${label}`;
    for (const [key, j] of this.byKey) if (j === i) return key;
    return `figure ${i}`;
  }

  private hideAll(figs: number[]): number {
    let n = 0;
    for (const j of figs) {
      if (this.flags[j]! & PUBLISHED && this.mark[j] === SHOWN && this.value[j] !== 0) {
        this.mark[j] = SECONDARY;
        n++;
      }
    }
    return n;
  }

  /** True when the figure is known to a reader: shown, or a residual of zero. */
  known(i: number): boolean {
    return this.flags[i]! & PUBLISHED ? this.mark[i] === SHOWN : this.value[i] === 0;
  }

  /**
   * What a reader can work out: for every figure, the narrowest [lo, hi] that interval
   * propagation over the relations gives (known figures are points).
   */
  propagate(): { lo: Float64Array; hi: Float64Array } {
    const lo = new Float64Array(this.n);
    const hi = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) {
      if (this.known(i)) {
        lo[i] = hi[i] = this.value[i]!;
      } else if (!(this.flags[i]! & PUBLISHED)) {
        // A residual's sign is known from how the figures are built; its size is not.
        lo[i] = 0;
        hi[i] = Infinity;
      } else if (this.mark[i] === SMALL) {
        lo[i] = 1;
        hi[i] = this.threshold - 1;
      } else {
        lo[i] = this.threshold;
        hi[i] = Infinity;
      }
    }
    const { relStart } = this;
    const { from: relsFrom, rels } = this.relationIndex();
    // Scratch for one relation's term bounds, reused (no arrays per relation per pass).
    let width = 0;
    for (let r = 0; r < this.nRel; r++) width = Math.max(width, relStart[r + 1]! - relStart[r]!);
    const work: RelationWork = { lo, hi, termFig: this.termFig, termNeg: this.termNeg, tlo: new Float64Array(width), thi: new Float64Array(width), moved: new Int32Array(width), nMoved: 0 };
    // A relation is worked again only when one of its terms moved since it was last worked (by
    // itself included): on the same bounds it would tighten nothing, so skipping it changes nothing.
    const dirty = new Uint8Array(this.nRel).fill(1);
    for (let pass = 0; pass < 200; pass++) {
      let changed = false;
      for (let r = 0; r < this.nRel; r++) {
        if (!dirty[r]) continue;
        dirty[r] = 0;
        if (!tighten(work, relStart[r]!, relStart[r + 1]!)) continue;
        changed = true;
        for (let m = 0; m < work.nMoved; m++) {
          const f = work.moved[m]!;
          for (let k = relsFrom[f]!; k < relsFrom[f + 1]!; k++) dirty[rels[k]!] = 1;
        }
      }
      if (!changed) break;
    }
    return { lo, hi };
  }

  /**
   * The shown figure to hide so that `i` is no longer pinned: in its tightest relation, finest
   * first, then smallest; if its relations have none left, in the relations of the hidden figures
   * that pin it (breadth first).
   */
  private secondaryFor(i: number): number | undefined {
    if (this.seenAt.length < this.n) this.seenAt = new Int32Array(this.n);
    const seenAt = this.seenAt;
    const stamp = ++this.search;
    seenAt[i] = stamp;
    let frontier = [i];
    while (frontier.length) {
      const next: number[] = [];
      for (const f of frontier) {
        const rels = [...this.relationsOf(f)];
        const unknown = rels.map((r) => {
          let u = 0;
          for (const fig of this.termsOf(r)) if (!this.known(fig)) u++;
          return u;
        });
        // Tightest first (fewest unknown terms), in recorded order among equals.
        const order = rels.map((_, k) => k).sort((a, b) => unknown[a]! - unknown[b]! || a - b);
        for (const k of order) {
          // The finest, then smallest, then first-declared shown figure of the relation.
          let best = -1;
          for (const j of this.termsOf(rels[k]!)) {
            if (seenAt[j] === stamp || !(this.flags[j]! & PUBLISHED) || this.mark[j] !== SHOWN || this.value[j]! < this.threshold) continue;
            if (best < 0 || this.rank[j]! < this.rank[best]! || (this.rank[j] === this.rank[best] && (this.value[j]! < this.value[best]! || (this.value[j] === this.value[best] && j < best)))) best = j;
          }
          if (best >= 0) return best;
          for (const j of this.termsOf(rels[k]!)) if (seenAt[j] !== stamp && !this.known(j)) (seenAt[j] = stamp, next.push(j));
        }
      }
      frontier = next;
    }
    return undefined;
  }

  /** The figures of relation r, in the order recorded. */
  private termsOf(r: number): Int32Array {
    return this.termFig.subarray(this.relStart[r]!, this.relStart[r + 1]!);
  }

  private relationsOf(f: number): Int32Array {
    const { from, rels } = this.relationIndex();
    return rels.subarray(from[f]!, from[f + 1]!);
  }

  private relationIndex(): { from: Int32Array; rels: Int32Array } {
    if (this.byFigure) return this.byFigure;
    // Counting sort of the terms by figure; a figure twice in one relation is listed once.
    const last = new Int32Array(this.n).fill(-1);
    const from = new Int32Array(this.n + 1);
    for (let r = 0; r < this.nRel; r++)
      for (let k = this.relStart[r]!; k < this.relStart[r + 1]!; k++) {
        const f = this.termFig[k]!;
        if (last[f] !== r) (last[f] = r, from[f + 1]!++);
      }
    for (let f = 0; f < this.n; f++) from[f + 1]! += from[f]!;
    const rels = new Int32Array(from[this.n]!);
    const at = from.slice(0, this.n);
    last.fill(-1);
    for (let r = 0; r < this.nRel; r++)
      for (let k = this.relStart[r]!; k < this.relStart[r + 1]!; k++) {
        const f = this.termFig[k]!;
        if (last[f] !== r) (last[f] = r, (rels[at[f]!++] = r));
      }
    this.byFigure = { from, rels };
    return this.byFigure;
  }

  markOf(key: string): Mark | undefined {
    const i = this.byKey.get(key);
    return i === undefined ? undefined : this.markAt(i);
  }
}

/** The bounds and scratch that {@link tighten} works on (one object for a whole propagation). */
interface RelationWork {
  lo: Float64Array;
  hi: Float64Array;
  termFig: Int32Array;
  termNeg: Uint8Array;
  tlo: Float64Array;
  thi: Float64Array;
  /** The figures this call tightened (work.moved[0 .. nMoved)). */
  moved: Int32Array;
  nMoved: number;
}

/**
 * One relation, terms [from, to): sum(coef * x) = 0, so each term is bounded by the others.
 * Tightens lo/hi in place and lists the figures it moved; true when any moved. A function of its
 * own, small and called thousands of times, so that V8 optimises it early in a cold process.
 */
function tighten(w: RelationWork, from: number, to: number): boolean {
  const { lo, hi, termFig, termNeg, tlo, thi } = w;
  const n = to - from;
  let sumLo = 0;
  let sumHi = 0;
  let infLo = 0;
  let infHi = 0;
  for (let k = 0; k < n; k++) {
    const f = termFig[from + k]!;
    const neg = termNeg[from + k] === 1;
    const a = neg ? -hi[f]! : lo[f]!;
    const b = neg ? -lo[f]! : hi[f]!;
    tlo[k] = a;
    thi[k] = b;
    if (Number.isFinite(a)) sumLo += a; else infLo++;
    if (Number.isFinite(b)) sumHi += b; else infHi++;
  }
  w.nMoved = 0;
  for (let k = 0; k < n; k++) {
    const f = termFig[from + k]!;
    if (lo[f] === hi[f]) continue;
    // this term = -(sum of others)
    const othersLo = Number.isFinite(tlo[k]!) ? (infLo === 0 ? sumLo - tlo[k]! : -Infinity) : infLo === 1 ? sumLo : -Infinity;
    const othersHi = Number.isFinite(thi[k]!) ? (infHi === 0 ? sumHi - thi[k]! : Infinity) : infHi === 1 ? sumHi : Infinity;
    let nlo: number;
    let nhi: number;
    if (termNeg[from + k] === 1) {
      nlo = othersLo;
      nhi = othersHi;
    } else {
      nlo = -othersHi;
      nhi = -othersLo;
    }
    nlo = Math.ceil(nlo - 1e-9);
    nhi = Math.floor(nhi + 1e-9);
    let moved = false;
    if (nlo > lo[f]!) {
      lo[f] = Math.min(nlo, hi[f]!);
      moved = true;
    }
    if (nhi < hi[f]!) {
      hi[f] = Math.max(nhi, lo[f]!);
      moved = true;
    }
    if (moved) w.moved[w.nMoved++] = f;
  }
  return w.nMoved > 0;
}
