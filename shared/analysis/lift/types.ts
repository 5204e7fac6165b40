/** One observed outcome for a location on a date (YYYY-MM-DD). */
export interface PanelObservation { location: string; date: string; value: number }

/**
 * The same outcomes held densely (a national panel has millions of region-days: no object per
 * observation): one row per location over the sorted dates, NaN where the location has no value.
 */
export interface DensePanel {
  locations: string[];
  /** sorted, distinct, YYYY-MM-DD */
  dates: string[];
  /** rows[i][k]: locations[i] on dates[k], NaN when not observed */
  rows: Float64Array[];
}

export type LiftMethod = 'scm' | 'tbr' | 'did' | 'prepost';

export interface LiftInput {
  /** long observations (duplicates summed in input order), or the dense form */
  panel: PanelObservation[] | DensePanel;
  treated: string[];
  /** Default: every other location in the panel. */
  control?: string[];
  /** Treatment period, inclusive local dates. */
  start: string;
  end: string;
  /** Default: first date in the panel. */
  preStart?: string;
  method?: LiftMethod | 'auto';
  /** Default 0.05. */
  alpha?: number;
  /** Seed for permutation randomness: results are deterministic. */
  seed?: number;
  /**
   * What an absent (location, date) row means. Default `drop`: not reported, so the date is left out
   * for every location (never read as zero). `zero`: nothing happened (sales panels where a missing
   * row is a zero, as GeoexperimentsResearch's group sums assume).
   */
  missing?: 'drop' | 'zero';
}

export interface SeriesPoint { date: string; observed: number; counterfactual: number; lower?: number; upper?: number }
export interface CumulativePoint { date: string; incremental: number; lower: number; upper: number }

export interface LiftResult {
  method: LiftMethod;
  reason: string;
  att: number | null;
  incremental: number | null;
  lift: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  pValue: number | null;
  weights: Record<string, number>;
  preFit: { rmse?: number; mape?: number; r2?: number; periods: number };
  series: SeriesPoint[];
  cumulative: CumulativePoint[];
  insufficient?: string;
  /** set when numbers are shown but no effect may be claimed (failed pre-trend check, uncalibrated interval) */
  refused?: string;
  /** the checks run on the estimate, in plain words (placebo calibration, pre-trend) */
  diagnostics?: string[];
  /** extra facts worth showing (dropped locations, zero-filled days, ridge lambda, disagreeing tests) */
  notes?: string[];
}

/** Dense panel: rows are locations, columns are dates (sorted). */
export interface WidePanel {
  dates: string[];
  treated: string[];
  control: string[];
  /** treated rows, each of length dates.length */
  yT: Float64Array[];
  /** control rows */
  yC: Float64Array[];
  /** index of first treatment date and one past the last treatment date */
  t0: number;
  t1: number;
  /** notes about dropped locations etc. */
  notes: string[];
}
