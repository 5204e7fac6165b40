/**
 * Macros that give DuckDB the Trino (Athena) functions our queries use, so queries/*.sql run
 * unchanged on both engines. Installed at connection start.
 */
export const TRINO_COMPAT_MACROS: readonly string[] = [
  `CREATE OR REPLACE MACRO approx_distinct(x) AS count(DISTINCT x)`,
  `CREATE OR REPLACE MACRO regexp_like(s, p) AS regexp_matches(s, p)`,
  `CREATE OR REPLACE MACRO from_iso8601_date(s) AS CAST(s AS DATE)`,
  `CREATE OR REPLACE MACRO day_of_week(d) AS isodow(d)`,
  `CREATE OR REPLACE MACRO cardinality(a) AS len(a)`,
  // Trino: date_add(unit, value, date). DuckDB's own date_add takes (date, interval).
  `CREATE OR REPLACE MACRO date_add(unit, n, d) AS CAST(d + to_days(0) + CASE lower(unit)
      WHEN 'day' THEN to_days(CAST(n AS INTEGER))
      WHEN 'week' THEN to_days(CAST(n AS INTEGER) * 7)
      WHEN 'month' THEN to_months(CAST(n AS INTEGER))
      WHEN 'year' THEN to_years(CAST(n AS INTEGER))
      ELSE to_days(0) END AS DATE)`,
  // Trino: date_diff(unit, a, b) -> bigint. DuckDB's date_diff already has this shape.
];
