import type { DensePanel, LiftInput, PanelObservation, WidePanel } from './types.ts';

/** Raised for inputs no estimator can use (unknown locations, empty periods...). */
export class LiftInputError extends Error {
  override name = 'LiftInputError';
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Share of dates a location may miss before it is unusable. */
export const MAX_MISSING_SHARE = 0.2;
/** Share of test-period dates a treated location may miss before no estimate is made. */
export const MAX_MISSING_TEST_SHARE = 0.75;

/**
 * The dense form of long observations: locations and dates numbered as first seen (each distinct
 * date checked once), duplicate (location, date) rows summed in input order, (0 + first) + next ...
 */
function fromObservations(panel: PanelObservation[]): DensePanel {
  const locIdx = new Map<string, number>(); const dateIdx = new Map<string, number>();
  const obsLoc = new Int32Array(panel.length); const obsDate = new Int32Array(panel.length);
  panel.forEach((o, k) => {
    if (!Number.isFinite(o.value)) throw new LiftInputError(`value for ${o.location} on ${o.date} is not a finite number`);
    let d = dateIdx.get(o.date);
    if (d === undefined) {
      if (!ISO.test(o.date)) throw new LiftInputError(`date "${o.date}" for ${o.location} is not YYYY-MM-DD`);
      d = dateIdx.size; dateIdx.set(o.date, d);
    }
    let l = locIdx.get(o.location);
    if (l === undefined) { l = locIdx.size; locIdx.set(o.location, l); }
    obsLoc[k] = l; obsDate[k] = d;
  });
  const dates = [...dateIdx.keys()].sort();
  const colOf = new Int32Array(dates.length);
  dates.forEach((d, c) => { colOf[dateIdx.get(d)!] = c; });
  const rows = Array.from(locIdx, () => new Float64Array(dates.length).fill(Number.NaN));
  panel.forEach((o, k) => {
    const r = rows[obsLoc[k]!]!; const c = colOf[obsDate[k]!]!;
    r[c] = (Number.isNaN(r[c]!) ? 0 : r[c]!) + o.value;
  });
  return { locations: [...locIdx.keys()], dates, rows };
}

/**
 * A panel in the dense form, checked: dates YYYY-MM-DD and increasing, locations distinct, values
 * finite where present. A date no location has a value for, or a location with no value, is not in
 * the panel (as when long observations have no row for it).
 */
export function densePanel(panel: PanelObservation[] | DensePanel): DensePanel {
  if (Array.isArray(panel)) return fromObservations(panel);
  const { locations, dates, rows } = panel;
  if (new Set(locations).size !== locations.length || rows.length !== locations.length) throw new LiftInputError('the panel\'s locations must be distinct, one row each');
  dates.forEach((d, k) => {
    if (!ISO.test(d)) throw new LiftInputError(`date "${d}" is not YYYY-MM-DD`);
    if (k > 0 && !(dates[k - 1]! < d)) throw new LiftInputError(`the panel's dates must be increasing (${dates[k - 1]} then ${d})`);
  });
  const used = new Uint8Array(dates.length);
  const keep: number[] = [];
  rows.forEach((r, i) => {
    if (r.length !== dates.length) throw new LiftInputError(`the row of ${locations[i]} has ${r.length} values for ${dates.length} dates`);
    let any = false;
    for (let k = 0; k < r.length; k++) {
      const v = r[k]!;
      if (Number.isNaN(v)) continue;
      if (!Number.isFinite(v)) throw new LiftInputError(`value for ${locations[i]} on ${dates[k]} is not a finite number`);
      used[k] = 1; any = true;
    }
    if (any) keep.push(i);
  });
  const cols = dates.flatMap((_, k) => (used[k] ? [k] : []));
  if (keep.length === rows.length && cols.length === dates.length) return panel;
  const pick = (r: Float64Array): Float64Array => (cols.length === dates.length ? r : Float64Array.from(cols, (k) => r[k]!));
  return { locations: keep.map((i) => locations[i]!), dates: cols.map((k) => dates[k]!), rows: keep.map((i) => pick(rows[i]!)) };
}

/**
 * Turn a panel (long observations or the dense form) into a location x date matrix for the estimators.
 * Duplicate (location, date) rows are summed. A missing (location, date) value is never read as zero: the
 * date is left out for every location (complete cases, noted), so a region that did not report cannot
 * look like a drop. Controls missing more than 20% of dates are dropped (noted); a treated location
 * missing more than 20% of the pre-period or 75% of the test period is an error.
 */
export function buildPanel(input: LiftInput): WidePanel {
  const { start, end } = input;
  for (const d of [start, end, input.preStart]) {
    if (d !== undefined && !ISO.test(d)) throw new LiftInputError(`date "${d}" is not YYYY-MM-DD`);
  }
  if (start > end) throw new LiftInputError(`start ${start} is after end ${end}`);
  if (input.treated.length === 0) throw new LiftInputError('no treated locations given');
  const panel = densePanel(input.panel);
  const all = panel.dates;
  const preStart = input.preStart ?? all[0] ?? start;
  const first = all.findIndex((d) => d >= preStart);
  const dates = first < 0 ? [] : all.slice(first);
  const t0 = dates.findIndex((d) => d >= start);
  if (t0 < 0 || dates[t0]! > end) throw new LiftInputError(`the panel has no dates between ${start} and ${end}`);
  let t1 = dates.findIndex((d) => d > end);
  if (t1 < 0) t1 = dates.length;
  const locIdx = new Map(panel.locations.map((l, i) => [l, i]));
  const treatedSet = new Set(input.treated);
  if (treatedSet.size !== input.treated.length) throw new LiftInputError('treated locations contain duplicates');
  for (const t of input.treated) if (!locIdx.has(t)) throw new LiftInputError(`treated location "${t}" is not in the panel`);
  const controlReq = input.control ?? panel.locations.filter((l) => !treatedSet.has(l)).sort();
  for (const c of controlReq) {
    if (treatedSet.has(c)) throw new LiftInputError(`location "${c}" is both treated and control`);
    if (!locIdx.has(c)) throw new LiftInputError(`control location "${c}" is not in the panel`);
  }
  const notes: string[] = [];
  // Absent values are missing, unless the caller says absence means zero (GeoexperimentsResearch's group sums).
  const absent = input.missing === 'zero' ? 0 : Number.NaN;
  let filled = 0;
  const row = (loc: string): Float64Array => {
    const r = panel.rows[locIdx.get(loc)!]!;
    const out = new Float64Array(r.length - first);
    for (let k = 0; k < out.length; k++) {
      const x = r[first + k]!;
      if (Number.isNaN(x)) { filled++; out[k] = absent; } else out[k] = x;
    }
    return out;
  };
  const missingIn = (r: Float64Array, from: number, to: number): number => { let k = 0; for (let i = from; i < to; i++) if (Number.isNaN(r[i]!)) k++; return k; };
  const yT: Float64Array[] = [];
  for (const t of input.treated) {
    const r = row(t);
    if (missingIn(r, 0, t0) > MAX_MISSING_SHARE * t0) throw new LiftInputError(`treated location "${t}" is missing more than ${MAX_MISSING_SHARE * 100}% of the dates before ${start}`);
    if (missingIn(r, t0, t1) > MAX_MISSING_TEST_SHARE * (t1 - t0)) throw new LiftInputError(`treated location "${t}" reported only ${t1 - t0 - missingIn(r, t0, t1)} of the ${t1 - t0} dates of the test period`);
    yT.push(r);
  }
  const control: string[] = []; const yC: Float64Array[] = [];
  const dropped: string[] = [];
  for (const c of controlReq) {
    const r = row(c);
    if (missingIn(r, 0, dates.length) > MAX_MISSING_SHARE * dates.length) dropped.push(c);
    else { control.push(c); yC.push(r); }
  }
  if (filled && input.missing === 'zero') notes.push(`${filled} missing location-date value(s) read as 0, as asked`);
  if (dropped.length) notes.push(`dropped ${dropped.length} control location(s) with too many missing dates: ${dropped.slice(0, 5).join(', ')}${dropped.length > 5 ? '…' : ''}`);
  // Complete cases: a date some kept location did not report is left out for all, never read as zero.
  const keep = dates.map(() => true);
  for (const r of [...yT, ...yC]) for (let i = 0; i < dates.length; i++) if (Number.isNaN(r[i]!)) keep[i] = false;
  const gone = keep.filter((k) => !k).length;
  if (gone) {
    const goneTest = keep.slice(t0, t1).filter((k) => !k).length;
    notes.push(`${gone} date(s) left out because a location did not report them (${goneTest} in the test period); missing values are never read as zero`);
    const idx = keep.flatMap((k, i) => (k ? [i] : []));
    const pick = (r: Float64Array): Float64Array => Float64Array.from(idx, (i) => r[i]!);
    const nt0 = idx.filter((i) => i < t0).length; const nt1 = idx.filter((i) => i < t1).length;
    if (nt1 === nt0) throw new LiftInputError(`no date of the test period ${start} to ${end} was reported by every location`);
    return { dates: idx.map((i) => dates[i]!), treated: [...input.treated], control, yT: yT.map(pick), yC: yC.map(pick), t0: nt0, t1: nt1, notes };
  }
  return { dates, treated: [...input.treated], control, yT, yC, t0, t1, notes };
}

/** Sum of several rows (aggregate series). */
export function sumRows(rows: Float64Array[], len: number): Float64Array {
  const s = new Float64Array(len);
  for (const r of rows) for (let i = 0; i < len; i++) s[i] = s[i]! + r[i]!;
  return s;
}

/** True when every value is a non-negative integer (count data such as helpline calls). */
export function isCountData(rows: Float64Array[], from: number, to: number): boolean {
  for (const r of rows) for (let i = from; i < to; i++) { const v = r[i]!; if (v < 0 || !Number.isInteger(v)) return false; }
  return true;
}
