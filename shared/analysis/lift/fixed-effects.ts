/** Unit fixed effects as augsynth `fixedeff = TRUE`: subtract each series' mean over the fitting columns. */
export function demean(row: Float64Array, cols: number): { row: Float64Array; mean: number } {
  let m = 0;
  for (let t = 0; t < cols; t++) m += row[t]!;
  m /= cols;
  const out = new Float64Array(row.length);
  for (let t = 0; t < row.length; t++) out[t] = row[t]! - m;
  return { row: out, mean: m };
}
