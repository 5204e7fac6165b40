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
 */

/** How a figure is disclosed. */
export type Mark = 'shown' | 'small' | 'secondary' | 'partners';

/** What a figure is, for choosing which to hide first (lower hides first). */
export type FigureRank = 0 | 1 | 2 | 3;

export interface Figure {
  key: string;
  value: number;
  /** Published figures appear in the report; residuals never do. */
  published: boolean;
  rank: FigureRank;
  mark: Mark;
  /** Protected: must never be pinned to one value (small cells, small residuals, partner-rule cells). */
  protect: boolean;
}

export interface Relation {
  /** sum of coef * figure value = 0 */
  terms: { fig: number; coef: 1 | -1 }[];
}

export class Ledger {
  readonly figures: Figure[] = [];
  readonly relations: Relation[] = [];
  private byKey = new Map<string, number>();

  constructor(readonly threshold: number) {}

  /** Add (or find) a published figure. Primary suppression happens here. */
  figure(key: string, value: number, rank: FigureRank): number {
    const found = this.byKey.get(key);
    if (found !== undefined) return found;
    const small = value > 0 && value < this.threshold;
    this.figures.push({ key, value, published: true, rank, mark: small ? 'small' : 'shown', protect: small });
    this.byKey.set(key, this.figures.length - 1);
    return this.figures.length - 1;
  }

  index(key: string): number | undefined {
    return this.byKey.get(key);
  }

  /** Hide a figure under the partner rules (it is then protected like a small one). */
  hideForPartners(i: number): void {
    const f = this.figures[i]!;
    if (f.value === 0 || f.mark === 'small') return;
    f.mark = 'partners';
    f.protect = true;
  }

  /**
   * Record `sum(a) = sum(b)` up to a residual: rows one side counts and the other does not (series
   * that report in only one window, weeks cut by a window edge). The residual is computed from the
   * exact figures; it is a count of people too, so a small one is protected.
   */
  relate(a: number[], b: number[], label: string): void {
    if (a.length === 0 || b.length === 0) return;
    const sum = (xs: number[]) => xs.reduce((s, p) => s + this.figures[p]!.value, 0);
    let value = sum(a) - sum(b);
    if (value < 0) [a, b, value] = [b, a, -value];
    const terms: Relation['terms'] = [...a.map((p) => ({ fig: p, coef: 1 as const })), ...b.map((p) => ({ fig: p, coef: -1 as const }))];
    if (value !== 0) {
      const small = value < this.threshold;
      this.figures.push({ key: `residual:${label}`, value, published: false, rank: 3, mark: 'secondary', protect: small });
      terms.push({ fig: this.figures.length - 1, coef: -1 });
    }
    this.relations.push({ terms });
    this.byFigure = undefined;
  }

  /** Run secondary suppression to a fixpoint. Returns how many figures it hid. */
  protect(): number {
    let hidden = 0;
    for (let round = 0; round < 10_000; round++) {
      const bounds = this.propagate();
      const pinned = this.figures.map((f, i) => i).filter((i) => this.figures[i]!.protect && bounds.lo[i] === bounds.hi[i]);
      if (pinned.length === 0) return hidden;
      let changed = false;
      for (const i of pinned) {
        const pick = this.secondaryFor(i);
        if (pick !== undefined && this.figures[pick]!.mark === 'shown') {
          this.figures[pick]!.mark = 'secondary';
          hidden++;
          changed = true;
        }
      }
      // Fail safe (not expected): hide every shown count next to the pinned ones, then every shown count.
      if (!changed) changed = this.hideAll(pinned.flatMap((i) => this.relations.filter((r) => r.terms.some((t) => t.fig === i)).flatMap((r) => r.terms.map((t) => t.fig)))) > 0;
      if (!changed) changed = this.hideAll(this.figures.map((_, i) => i)) > 0;
      if (!changed) throw new Error(`disclosure: cannot protect ${this.figures[pinned[0]!]!.key}`);
    }
    throw new Error('disclosure: secondary suppression did not settle');
  }

  private hideAll(figs: number[]): number {
    let n = 0;
    for (const j of figs) {
      const f = this.figures[j]!;
      if (f.published && f.mark === 'shown' && f.value !== 0) {
        f.mark = 'secondary';
        n++;
      }
    }
    return n;
  }

  /** True when the figure is known to a reader: shown, or a residual of zero. */
  known(i: number): boolean {
    const f = this.figures[i]!;
    return f.published ? f.mark === 'shown' : f.value === 0;
  }

  /**
   * What a reader can work out: for every figure, the narrowest [lo, hi] that interval
   * propagation over the relations gives (known figures are points).
   */
  propagate(): { lo: number[]; hi: number[] } {
    const lo: number[] = [];
    const hi: number[] = [];
    this.figures.forEach((f, i) => {
      if (this.known(i)) {
        lo.push(f.value);
        hi.push(f.value);
      } else if (!f.published) {
        // A residual's sign is known from how the figures are built; its size is not.
        lo.push(0);
        hi.push(Infinity);
      } else if (f.mark === 'small') {
        lo.push(1);
        hi.push(this.threshold - 1);
      } else {
        lo.push(this.threshold);
        hi.push(Infinity);
      }
    });
    // Scratch for one relation's term bounds, reused (no arrays per relation per pass: large ledgers spent as long in GC).
    const width = this.relations.reduce((m, r) => Math.max(m, r.terms.length), 0);
    const tlo = new Float64Array(width);
    const thi = new Float64Array(width);
    for (let pass = 0; pass < 200; pass++) {
      let changed = false;
      for (const r of this.relations) {
        // sum(coef * x) = 0; bounds of each term from the others.
        let sumLo = 0;
        let sumHi = 0;
        let infLo = 0;
        let infHi = 0;
        const n = r.terms.length;
        for (let k = 0; k < n; k++) {
          const t = r.terms[k]!;
          tlo[k] = t.coef === 1 ? lo[t.fig]! : -hi[t.fig]!;
          thi[k] = t.coef === 1 ? hi[t.fig]! : -lo[t.fig]!;
        }
        for (let k = 0; k < n; k++) Number.isFinite(tlo[k]!) ? (sumLo += tlo[k]!) : infLo++;
        for (let k = 0; k < n; k++) Number.isFinite(thi[k]!) ? (sumHi += thi[k]!) : infHi++;
        for (let k = 0; k < n; k++) {
          const t = r.terms[k]!;
          if (lo[t.fig] === hi[t.fig]) continue;
          // this term = -(sum of others)
          const othersLo = Number.isFinite(tlo[k]!) ? (infLo === 0 ? sumLo - tlo[k]! : -Infinity) : infLo === 1 ? sumLo : -Infinity;
          const othersHi = Number.isFinite(thi[k]!) ? (infHi === 0 ? sumHi - thi[k]! : Infinity) : infHi === 1 ? sumHi : Infinity;
          let nlo = -othersHi;
          let nhi = -othersLo;
          if (t.coef === -1) [nlo, nhi] = [-nhi, -nlo];
          nlo = Math.ceil(nlo - 1e-9);
          nhi = Math.floor(nhi + 1e-9);
          if (nlo > lo[t.fig]!) {
            lo[t.fig] = Math.min(nlo, hi[t.fig]!);
            changed = true;
          }
          if (nhi < hi[t.fig]!) {
            hi[t.fig] = Math.max(nhi, lo[t.fig]!);
            changed = true;
          }
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
    const seen = new Set<number>([i]);
    let frontier = [i];
    while (frontier.length) {
      const next: number[] = [];
      for (const f of frontier) {
        const rels = this.relationsOf(f)
          .map((r) => ({ r, unknown: r.terms.filter((t) => !this.known(t.fig)).length }))
          .sort((a, b) => a.unknown - b.unknown);
        for (const { r } of rels) {
          const candidates = r.terms
            .map((t) => t.fig)
            .filter((j) => !seen.has(j) && this.figures[j]!.published && this.figures[j]!.mark === 'shown' && this.figures[j]!.value >= this.threshold)
            .sort((a, b) => this.figures[a]!.rank - this.figures[b]!.rank || this.figures[a]!.value - this.figures[b]!.value || a - b);
          if (candidates.length) return candidates[0];
          for (const t of r.terms) if (!seen.has(t.fig) && !this.known(t.fig)) (seen.add(t.fig), next.push(t.fig));
        }
      }
      frontier = next;
    }
    return undefined;
  }

  private byFigure: number[][] | undefined;
  /** The relations a figure is a term of, in the order they were recorded (indexed on first use after a relate). */
  private relationsOf(f: number): Relation[] {
    if (!this.byFigure) {
      const index: number[][] = this.figures.map(() => []);
      this.relations.forEach((r, k) => {
        for (const t of r.terms) if (index[t.fig]!.at(-1) !== k) index[t.fig]!.push(k);
      });
      this.byFigure = index;
    }
    return this.byFigure[f]!.map((k) => this.relations[k]!);
  }

  markOf(key: string): Mark | undefined {
    const i = this.byKey.get(key);
    return i === undefined ? undefined : this.figures[i]!.mark;
  }
}
