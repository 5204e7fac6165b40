/**
 * The fast path's SQL, generated from a reader's column plan (shared/sources/column-plan.ts) into
 * the statements of queries/ingest/. Cells are named c0, c1, ... by position: no header text ever
 * goes into SQL, and every value (constants, the file's path) is a parameter. Each check is
 * stricter than the reader's rule it stands for (a count must be plain digits, a money amount
 * plain `-12.50`): a row the checks flag is not necessarily wrong, it goes to the reader.
 */
import { loadQuery } from '../../query/sql-files.ts';
import { quoteIdent, sqlString } from '../../query/sql-quote.ts';
import { periodColumn } from '../../lake/version-key.ts';
import type { CellRule, ColumnPlan } from '../../sources/column-plan.ts';
import type { ColumnType } from '../../lake/tables.ts';

const DUCK_TYPE: Record<ColumnType, string> = { string: 'VARCHAR', date: 'DATE', bigint: 'BIGINT', int: 'INTEGER', double: 'DOUBLE' };
/** Metrics summed for the ingest summary (pipeline/totals.ts). */
export const SUMMED = ['impressions', 'reach', 'clicks', 'link_clicks', 'results', 'video_views', 'engagements', 'spend_micros'];

export interface FastSql {
  /** $1: the CSV's path. */
  scan: string;
  /** $1: the CSV's path, then copyParams, then (with a region cell) the region codes in the ENUM's order. */
  copy: string;
  copyParams: (string | null)[];
  /** Run before the copy, each with its value as $1: the one-value ENUM types of the text constants. */
  constantTypes: { sql: string; value: string }[];
  /** Over the written files: rows, distinct keys, totals. */
  stats: string;
  /** Cells whose distinct texts the check lists as `dates_<cell>`, and the region cell (`regions`), if any: see queries/ingest/regions.sql. */
  dateCells: number[];
  regionCell: number | undefined;
  /** The cell whose distinct texts the scan lists as `currencies`, if the rows carry their own. */
  currencyCell: number | undefined;
  replaced: string;
  /** Cells whose distinct texts (trimmed) the scan lists as `mapped_<cell>`, read by the plan's map; see withMapped. */
  mappedCells: number[];
  /** With a plan's summary: the scan lists the skipped rows' cells as `skipped`. */
  summary: boolean;
  /** Over the written files of a service_demand upload: each channel's sum, for the summary's totals. */
  channelSums: string | undefined;
}

const cell = (i: number) => `c${i}`;
/** The copy's parameter for the region codes, bound last (fast-path.ts), after the resolver has read the names. */
const REGION_CODES = '{{region_codes}}';
/** As JavaScript's trim() on a screened file: the screen lets no whitespace but the space through (csv-screen.ts), and trimming one character is cheaper than DuckDB's Unicode trim(). */
const trimmed = (c: string) => `trim(${c}, ' ')`;

export function fill(template: string, parts: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => {
    if (!(k in parts)) throw new Error(`queries/ingest: no value for {{${k}}}`);
    return parts[k]!;
  });
}

const NULLS = (c: string) => `${c} IN ('-', '--')`;
const COUNT_OK = (c: string) => `(${c} IS NULL OR ${NULLS(c)} OR regexp_full_match(${c}, '[0-9]{1,15}'))`;
// parseMoneyMicros with a decimal point: plain amounts only (no thousands separators), at most 9
// digits before the point so millionths stay exact. With a decimal comma `1.696` means 1696: sent to the reader.
const MONEY_OK = (c: string, decimal: string) =>
  `(${c} IS NULL OR ${NULLS(c)} OR (regexp_full_match(${c}, '-?[0-9]{1,9}(\\.[0-9]{1,6})?')${decimal === ',' ? ` AND NOT regexp_full_match(${c}, '-?[0-9]{1,3}(\\.[0-9]{3})+')` : ''}))`;

/**
 * Statements for one bound file. `delimiter` is one of , ; TAB (csv-stream.ts detects no other).
 * `rows`: the records as cells c0..cN, when not the CSV's (a JSON list: json-sql.ts).
 * Returns undefined for a plan the fast path cannot check conservatively.
 */
export function fastSql(plan: ColumnPlan, cellCount: number, delimiter: string, upload: { id: string; seq: number }, skipLines = 0, rows?: string): FastSql | undefined {
  if (![',', ';', '\t'].includes(delimiter) || !Number.isInteger(skipLines) || skipLines < 0) return undefined;
  const table = plan.table;
  const key = table.versioned?.key ?? [];
  const rule = (name: string): CellRule => plan.columns[name] ?? { kind: 'const', value: null };
  const copyParams: (string | null)[] = [];
  /** A parameter of a statement whose $1 is the CSV's path. */
  const binder = (list: (string | null)[]) => (v: string) => {
    list.push(v);
    return `$${list.length + 1}`;
  };
  const dateCells = new Set<number>();
  let regionCell: number | undefined;
  let regionRule: Extract<CellRule, { kind: 'region-code' }> | undefined;
  let currencyCell: number | undefined;
  const mappedCells: number[] = [];
  /** The text the resolver is given: the cell as written, or `cell, within` (or `cell, parts...`) as the reader joins them. */
  const regionText = (r: { cell: number; within?: number; parts?: number[] }) =>
    r.parts !== undefined
      ? `concat_ws(', ', ${[r.cell, ...r.parts].map((i) => `nullif(nullif(trim(${cell(i)}), ''), '--')`).join(', ')})`
      : r.within === undefined ? `coalesce(${cell(r.cell)}, '')` : `concat_ws(', ', nullif(${trimmed(cell(r.cell))}, ''), nullif(${trimmed(cell(r.within))}, ''))`;

  const value = (r: CellRule, bind: (v: string) => string): string => {
    switch (r.kind) {
      case 'const':
        return r.value === null ? 'NULL' : bind(r.value);
      case 'text':
        return `nullif(${trimmed(cell(r.cell))}, '')`;
      case 'region-name':
        return r.within === undefined && r.parts === undefined ? `nullif(${trimmed(cell(r.cell))}, '')` : `nullif(${regionText(r)}, '')`;
      case 'currency':
        // TypeScript has checked every distinct text is a code as written (fast-path.ts).
        return cell(r.cell);
      // The checks let through only plain digits (or amounts), `-`, `--` and empty: TRY_CAST
      // makes the last three null, as the reader does.
      case 'count':
        return `TRY_CAST(${cell(r.cell)} AS BIGINT)`;
      case 'money':
        return `CAST(TRY_CAST(${cell(r.cell)} AS DECIMAL(16, 6)) * 1000000 AS BIGINT)`;
      case 'date':
        return `TRY_CAST(${cell(r.cell)} AS DATE)`;
      case 'region-code':
        // By the name's position in an ENUM of the resolved names, in the list of their codes (a
        // parameter, so a constant): a lookup per row with no join (DuckDB underestimates a CSV's
        // rows and would build the join's hash table on the file).
        return `(${REGION_CODES}::VARCHAR[])[enum_code(CAST(${regionText(r)} AS fast_region)) + 1]`;
      case 'granularity':
        return `CASE WHEN ${dateText(rule('date_start'))} = ${dateText(rule('date_end'))} THEN 'day' ELSE 'period' END`;
      case 'choice':
        // The flag (below) lets through only empty cells and the listed plain-letter spellings.
        return `CASE WHEN coalesce(trim(${cell(r.cell)}), '') = '' THEN ${r.otherwise} ${Object.entries(r.values).map(([k, v]) => `WHEN lower(trim(${cell(r.cell)})) = '${k}' THEN ${v}`).join(' ')} END`;
      case 'mapped':
        // Filled in once TypeScript has read every distinct text with the plan's map (withMapped).
        return `{{mapped_${r.cell}}}`;
      case 'partner':
        return r.given === undefined ? `nullif(trim(${cell(r.cell)}), '')` : `coalesce(nullif(trim(${cell(r.cell)}), ''), ${bind(r.given)})`;
    }
  };
  const inCopy = binder(copyParams);
  // Dates as written: before the copy runs, TypeScript has checked that every date text is a
  // canonical YYYY-MM-DD (fast-path.ts), so comparing and slicing the text is comparing days,
  // and cheaper than casting the same cell again for each use.
  const dateText = (r: CellRule): string => {
    if (r.kind !== 'date') throw new Error('granularity, periods and order need date columns');
    return cell(r.cell);
  };

  const flags: string[] = [];
  for (const r of Object.values(plan.columns)) {
    if ('cell' in r && (r.cell < 0 || r.cell >= cellCount)) return undefined;
    if ('within' in r && r.within !== undefined && (r.within < 0 || r.within >= cellCount)) return undefined;
    if (r.kind === 'count') flags.push(`NOT ${COUNT_OK(cell(r.cell))}`);
    else if (r.kind === 'money') flags.push(`NOT ${MONEY_OK(cell(r.cell), r.decimal)}`);
    else if (r.kind === 'date') {
      dateCells.add(r.cell);
      flags.push(`${cell(r.cell)} IS NULL`);
    } else if (r.kind === 'region-code') {
      if (regionRule) return undefined;
      regionRule = r;
      regionCell = r.cell;
    } else if (r.kind === 'currency') {
      if (currencyCell !== undefined) return undefined;
      currencyCell = r.cell;
    }
    const more = extraFlags(r, inCopy);
    if (more === undefined) return undefined;
    flags.push(...more);
    if (r.kind === 'mapped') mappedCells.push(r.cell);
    if ('parts' in r && r.parts?.some((p) => p < 0 || p >= cellCount)) return undefined;
  }
  for (const l of plan.leave ?? []) {
    if (l.cells.some((c) => c < 0 || c >= cellCount)) return undefined;
    // One match over the cells as written, one a line (multi-line mode: ^ and $ at each cell's
    // ends; a match across two cells only sends more files to the reader). Untrimmed: trimming
    // every cell of every row cost more than the match (measured: 1.31 s against 0.72 s at 1M rows).
    const lines = `concat_ws(chr(10), ${l.cells.map(cell).join(', ')})`;
    if (l.pattern !== undefined && l.cells.length) flags.push(`regexp_matches(${lines}, ${sqlString(`(?m)${l.pattern}`)})`);
    // Spaces around count too: never fewer than the reader counts.
    for (const c of l.cells) if (l.longerThan !== undefined) flags.push(`coalesce(strlen(${cell(c)}) > ${Math.floor(l.longerThan)}, false)`);
  }
  if (plan.skip && (plan.skip.cell < 0 || plan.skip.cell >= cellCount || !/^[a-z]+$/.test(plan.skip.word))) return undefined;
  // As the reader's /^word\b/i on the trimmed cell (the screen lets only spaces through as whitespace).
  const skipped = plan.skip ? `regexp_matches(ltrim(coalesce(${cell(plan.skip.cell)}, ''), ' '), '^(?i:${plan.skip.word})${plan.skip.colon ? '\\s*:' : '\\b'}')` : undefined;
  // Every cell empty or spaces: then so is their concatenation (concat reads null as empty).
  const blank = plan.skipBlank ? `trim(concat(${Array.from({ length: cellCount }, (_, i) => cell(i)).join(', ')})) = ''` : undefined;
  const keep = skipped || blank ? [skipped, blank].filter(Boolean).map((k) => `NOT (${k})`).join(' AND ') : 'true';
  const source = rows ?? csvSource(cellCount, delimiter, skipLines);
  const listed: [string, string][] = [
    ...[...dateCells].map((c): [string, string] => [cell(c), `dates_${c}`]),
    ...(regionRule ? [[regionText(regionRule), 'regions'] as [string, string]] : []),
    ...(currencyCell !== undefined ? [[`coalesce(${cell(currencyCell)}, '')`, 'currencies'] as [string, string]] : []),
    ...mappedCells.map((c): [string, string] => [`coalesce(trim(${cell(c)}), '')`, `mapped_${c}`]),
  ];
  const lists = listed.map(([e, name]) => `list(DISTINCT ${e})${plan.summary ? ` FILTER (WHERE ${keep})` : ''} AS ${name}`);
  if (plan.summary && (!skipped || blank)) return undefined;
  // With a summary check the scan reads the skipped rows too, and lists their cells.
  const scan = plan.summary
    ? fill(loadQuery('ingest/scan-summary'), { lists: lists.length ? lists.join(', ') : 'NULL AS nothing', source, keep, cells: Array.from({ length: cellCount }, (_, i) => `coalesce(${cell(i)}, '')`).join(', ') })
    : fill(loadQuery('ingest/scan'), { lists: lists.length ? lists.join(', ') : 'NULL AS nothing', source, keep });

  const partitionCol = table.partitionKey.name;
  const periodCol = periodColumn(table);
  const partition = `substr(${dateText(rule(periodCol))}, 1, ${table.partitionKey.kind === 'year' ? 4 : 7})`;
  // A text constant (platform, source key, upload id, ...) as a one-value ENUM: DuckDB's partition
  // buffers hold a byte a row instead of the string, and the Parquet writer writes the same UTF8
  // dictionary column without hashing the string on every row.
  const constantTypes: { sql: string; value: string }[] = [];
  const constantText = (v: string) => {
    const name = `fast_constant_${constantTypes.length}`;
    constantTypes.push({ sql: fill(loadQuery('ingest/constant-type'), { name }), value: v });
    return `CAST(${inCopy(v)} AS ${name})`;
  };
  const columns = table.columns.map((c) => {
    const r = c.name === 'upload_id' ? { kind: 'const' as const, value: upload.id } : rule(c.name);
    if (c.type === 'string' && r.kind === 'const' && r.value !== null) return `${constantText(r.value)} AS ${quoteIdent(c.name)}`;
    const expr = c.name === 'upload_seq' ? inCopy(String(upload.seq)) : value(r, inCopy);
    return `CAST(${expr} AS ${DUCK_TYPE[c.type]}) AS ${quoteIdent(c.name)}`;
  });
  for (const name of plan.required) flags.push(`${value(rule(name), inCopy)} IS NULL`);
  for (const [a, b] of plan.ordered) flags.push(`coalesce(${dateText(rule(b))} < ${dateText(rule(a))}, false)`);
  const copy = fill(loadQuery('ingest/copy'), {
    columns: columns.join(',\n    '),
    partition,
    partition_name: quoteIdent(partitionCol),
    source,
    flagged: flags.length ? flags.map((f) => `(${f})`).join(' OR ') : 'false',
    keep,
    target: '{{target}}',
  }).replaceAll(REGION_CODES, `$${copyParams.length + 2}`);
  const summed = SUMMED.filter((m) => ['count', 'money'].includes(rule(m).kind));
  const stats = fill(loadQuery('ingest/stats'), {
    key: key.map(quoteIdent).join(', '),
    sums: summed.length ? summed.map((m) => `sum(${quoteIdent(m)}) AS "sum_${m}", count(${quoteIdent(m)}) AS "n_${m}"`).join(', ') : 'NULL AS nothing',
  });
  const replaced = fill(loadQuery('ingest/replaced'), {
    period: quoteIdent(periodCol),
    key: key.map(quoteIdent).join(', '),
    key_match: key.map((k) => `n.${quoteIdent(k)} IS NOT DISTINCT FROM o.${quoteIdent(k)}`).join(' AND '),
  });
  const channelSums = table.name === 'service_demand' ? loadQuery('ingest/channel-sums') : undefined;
  return { scan, copy, copyParams, constantTypes, stats, dateCells: [...dateCells], regionCell, currencyCell, replaced, mappedCells, summary: plan.summary !== undefined, channelSums };
}

/**
 * The flags of the newer rule kinds (choice, mapped, partner, a date's notAfter), or undefined
 * for a rule the fast path cannot check conservatively.
 */
function extraFlags(r: CellRule, bind: (v: string) => string): string[] | undefined {
  const c = 'cell' in r ? cell(r.cell) : '';
  switch (r.kind) {
    case 'date':
      // Text order is day order: TypeScript vouches every date text is a canonical YYYY-MM-DD.
      return r.notAfter === undefined ? [] : [`coalesce(${c} > ${bind(r.notAfter)}, false)`];
    case 'choice':
      if (!Object.keys(r.values).every((k) => /^[a-z]+$/.test(k)) || ![r.otherwise, ...Object.values(r.values)].every(Number.isSafeInteger)) return undefined;
      // Plain letters only, so DuckDB's lower() is JavaScript's toLowerCase().
      return [`NOT (coalesce(trim(${c}), '') = '' OR (regexp_full_match(trim(${c}), '[A-Za-z]+') AND lower(trim(${c})) IN (${Object.keys(r.values).map((k) => `'${k}'`).join(', ')})))`];
    case 'partner':
      return r.given === undefined ? [] : [`coalesce(nullif(trim(${c}), '') <> ${bind(r.given)}, false)`];
    default:
      return [];
  }
}

/** The copy with a mapped cell's values filled in: `pairs` is every distinct trimmed text with what the plan's map made of it. */
export function withMapped(copy: string, cellIndex: number, pairs: [string, string][]): string {
  const cases = pairs.map(([text, value]) => `WHEN ${sqlString(text)} THEN ${sqlString(value)}`).join(' ');
  return copy.replaceAll(`{{mapped_${cellIndex}}}`, `CASE coalesce(trim(${cell(cellIndex)}), '') ${cases} END`);
}

/** The CSV as text cells c0..cN: the quoting csv-stream.ts reads, no type guessing, a record of at most 1 MB as there. */
function csvSource(cellCount: number, delimiter: string, skipLines = 0): string {
  const columns = Array.from({ length: cellCount }, (_, i) => `'${cell(i)}': 'VARCHAR'`).join(', ');
  return `read_csv($1, header = true, ${skipLines ? `skip = ${skipLines}, ` : ''}columns = {${columns}}, auto_detect = false, delim = '${delimiter}', quote = '"', escape = '"', strict_mode = true, max_line_size = 1048576, null_padding = false, ignore_errors = false)`;
}

/** The COPY statement with its scratch folder filled in. */
export function copyTo(copy: string, folder: string): string {
  return copy.replace('{{target}}', sqlString(folder));
}
