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
import type { ColumnType, TableDef } from '../../lake/tables.ts';

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
  /** Over the written files: rows and totals. */
  stats: string;
  /** Over one written file ($1): rows and distinct period keys. */
  distinctKeys: string;
  /** Cells whose distinct texts the check lists as `dates_<cell>`. */
  dateCells: number[];
  /** The region code's cells: the scan lists their distinct keys as `regions` (regionOfKey reads one). */
  region: RegionPlace | undefined;
  /** True when the copy takes the region names as its last parameter, after the codes. */
  regionNames: boolean;
  /** The cell whose distinct texts the scan lists as `currencies`, if the rows carry their own. */
  currencyCell: number | undefined;
  replaced: string;
  /** Cells whose distinct texts (as written) the scan lists as `mapped_<cell>`, read by the plan's map or choice (checkMapped); see withMapped. */
  mappedCells: number[];
  /** Cells of text columns whose distinct texts (trimmed, empty left out) the scan lists as `texts_<cell>`: see withTextTypes. */
  textCells: number[];
  /** With a plan's summary: the scan lists the skipped rows' cells as `skipped`. */
  summary: boolean;
  /** Over the written files of a service_demand upload: each channel's sum, for the summary's totals. */
  channelSums: string | undefined;
  /** True for the statements of a sampled first pass (see fastSql's sampleRows). */
  sampled: boolean;
  /** After a sample, with a currency cell: run with the one code as $1 before the copy, the ENUM the copy casts each row's currency to. */
  currencyType: string | undefined;
}

const cell = (i: number) => `c${i}`;
/** The copy's parameter for the region codes, bound last (fast-path.ts), after the resolver has read the names. */
const REGION_CODES = '{{region_codes}}';
/** The copy's parameter for the region names, bound after the codes (when the name is read from the same cells). */
const REGION_NAMES = '{{region_names}}';
/**
 * As JavaScript's trim() on a screened file: the screen lets no whitespace but the space through
 * (csv-screen.ts), so a cell that neither starts nor ends with one is already trimmed. Two LIKEs
 * cost a fifth of trim() on every cell (measured 0.02 s against 0.09 s of CPU at 1M rows).
 */
const trimmed = (c: string) => `CASE WHEN ${c} LIKE ' %' OR ${c} LIKE '% ' THEN trim(${c}, ' ') ELSE ${c} END`;

export function fill(template: string, parts: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => {
    if (!(k in parts)) throw new Error(`queries/ingest: no value for {{${k}}}`);
    return parts[k]!;
  });
}

const NULLS = (c: string) => `${c} IN ('-', '--')`;
/** The texts a count cell may hold besides null, `-` and `--`. */
const COUNT_PATTERN = '[0-9]{1,15}';
// parseMoneyMicros with a decimal point: plain amounts only (no thousands separators), at most 9
// digits before the point so millionths stay exact. With a decimal comma `1.696` means 1696: sent to the reader.
const MONEY_PATTERN = '-?[0-9]{1,9}(\\.[0-9]{1,6})?';
/** A money cell of a decimal-comma file (a decimal-point one is checked with the row's numbers, numbersFlag). */
const COMMA_MONEY_OK = (c: string) =>
  `(${c} IS NULL OR ${NULLS(c)} OR (regexp_full_match(${c}, '${MONEY_PATTERN}') AND NOT regexp_full_match(${c}, '-?[0-9]{1,3}(\\.[0-9]{3})+')))`;

/** A cell the row's one pattern match checks: empty (null, `''`), `-` and `--` pass too unless it is required. */
interface CellShape {
  cell: string;
  pattern: string;
  required?: boolean;
}

/** A date as the readers accept it without asking (fast-path.ts): YYYY-MM-DD from year 1000; TRY_CAST then checks the day exists. */
const DATE_PATTERN = '[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}';

/**
 * The flag of a row whose number cells are not all empty (null or `''`, as the reader reads an
 * empty cell), `-`, `--` or their pattern, with one pattern match a row however many cells (the
 * copy of a 5M-row Google report: 3.60-4.22 s against 3.87-4.66 s with a match per cell). The
 * cells are joined by \x01, a null as empty: no part's pattern holds \x01, so the text splits
 * into the cells' parts one way only, and a cell that holds a \x01 itself fails the match. Empty
 * as an alternative rather than a `n`/`v` prefix on each cell: 0.2-0.3 s less of a 2.5 s copy of
 * 5M Meta rows (no string made per cell).
 */
function numbersFlag(shapes: CellShape[]): string | undefined {
  const unique = [...new Map(shapes.map((s) => [`${s.cell} ${s.pattern}`, s])).values()];
  if (unique.length === 0) return undefined;
  if (unique.length === 1) {
    const only = unique[0]!;
    return only.required ? `NOT coalesce(regexp_full_match(${only.cell}, '${only.pattern}'), false)` : `NOT (${only.cell} IS NULL OR ${NULLS(only.cell)} OR regexp_full_match(${only.cell}, '${only.pattern}'))`;
  }
  const text = unique.map((s) => `coalesce(${s.cell}, '')`).join(', ');
  const pattern = unique.map((s) => (s.required ? `(${s.pattern})` : `(|-|--|${s.pattern})`)).join('\\x01');
  return `NOT regexp_full_match(concat_ws(chr(1), ${text}), '${pattern}')`;
}

/**
 * Statements for one bound file. `delimiter` is one of , ; TAB (csv-stream.ts detects no other).
 * `rows`: the records as cells c0..cN, when not the CSV's (a JSON list: json-sql.ts).
 * `sampleRows`: statements for a first pass over that many rows only (a CSV whose plan reads no
 * cell by its distinct texts alone: no summary, leave or mapped rules). The copy then checks on
 * every row what the full scan would have listed for TypeScript: each date's shape and day, the
 * currency cell; a region key or text the sample did not hold fails its ENUM cast, which stops
 * the copy, and fast-path.ts starts again with the full scan.
 * Returns undefined for a plan the fast path cannot check conservatively.
 */
export function fastSql(plan: ColumnPlan, cellCount: number, delimiter: string, upload: { id: string; seq: number }, skipLines = 0, rows?: string, sampleRows?: number): FastSql | undefined {
  if (![',', ';', '\t'].includes(delimiter) || !Number.isInteger(skipLines) || skipLines < 0) return undefined;
  const sampled = sampleRows !== undefined;
  if (sampled && (!Number.isSafeInteger(sampleRows) || sampleRows < 1 || rows !== undefined || plan.summary || plan.leave?.length)) return undefined;
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
  let regionRule: Extract<CellRule, { kind: 'region-code' }> | undefined;
  let currencyCell: number | undefined;
  const mappedCells: number[] = [];
  const textCells = new Set<number>();
  /** The text the resolver is given: the cell as written, or `cell, within` (or `cell, parts...`) as the reader joins them (regionOfKey says the same in TypeScript). */
  const regionText = (r: RegionPlace) =>
    r.parts !== undefined
      ? `concat_ws(', ', ${[r.cell, ...r.parts].map((i) => `nullif(nullif(${trimmed(cell(i))}, ''), '--')`).join(', ')})`
      : r.within === undefined ? `coalesce(${cell(r.cell)}, '')` : `concat_ws(', ', nullif(${trimmed(cell(r.cell))}, ''), nullif(${trimmed(cell(r.within))}, ''))`;
  /** The name's position in the ENUM of the distinct region keys (regions.sql): one hash lookup a row, no trimming. */
  const regionIndex = (r: RegionPlace) => `enum_code(CAST(${regionKey(r)} AS fast_region)) + 1`;

  const value = (r: CellRule, bind: (v: string) => string): string => {
    switch (r.kind) {
      case 'const':
        return r.value === null ? 'NULL' : bind(r.value);
      case 'text':
        return `nullif(${trimmed(cell(r.cell))}, '')`;
      case 'region-name':
        // The region code's cells: the name TypeScript made of each distinct key (regionOfKey), by the key's position.
        if (regionRule && samePlace(r, regionRule)) return `(${REGION_NAMES}::fast_region_name[])[${regionIndex(r)}]`;
        return r.within === undefined && r.parts === undefined ? `nullif(${trimmed(cell(r.cell))}, '')` : `nullif(${regionText(r)}, '')`;
      case 'currency':
        // TypeScript has checked every distinct text is a code as written (fast-path.ts); after a
        // sample, the one code as an ENUM, which any other text fails.
        return sampled ? `CAST(${cell(r.cell)} AS ${CURRENCY_TYPE})` : cell(r.cell);
      // The checks let through only plain digits (or amounts), `-`, `--` and empty: TRY_CAST
      // makes the last three null, as the reader does.
      case 'count':
        return `TRY_CAST(${cell(r.cell)} AS BIGINT)`;
      case 'money':
        return `CAST(TRY_CAST(${cell(r.cell)} AS DECIMAL(16, 6)) * 1000000 AS BIGINT)`;
      case 'date':
        return `TRY_CAST(${cell(r.cell)} AS DATE)`;
      case 'region-code':
        // By the key's position in an ENUM of the distinct keys, in the list of their codes (a
        // parameter, so a constant): a lookup per row with no join (DuckDB underestimates a CSV's
        // rows and would build the join's hash table on the file). An ENUM of the codes (and of the
        // names), so the partition buffers hold a byte or two a row and the writer hashes no string.
        return `(${REGION_CODES}::fast_region_code[])[${regionIndex(r)}]`;
      case 'granularity':
        return `CASE WHEN ${dateText(rule('date_start'))} = ${dateText(rule('date_end'))} THEN 'day' ELSE 'period' END`;
      case 'choice':
      case 'mapped':
        // Filled in once TypeScript has read every distinct text as written with the plan's rule (withMapped).
        return `{{mapped_${r.cell}}}`;
      case 'partner':
        return r.given === undefined ? `nullif(${trimmed(cell(r.cell))}, '')` : `coalesce(nullif(${trimmed(cell(r.cell))}, ''), ${bind(r.given)})`;
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
  const numbers: CellShape[] = [];
  for (const r of Object.values(plan.columns)) {
    if ('cell' in r && (r.cell < 0 || r.cell >= cellCount)) return undefined;
    if ('within' in r && r.within !== undefined && (r.within < 0 || r.within >= cellCount)) return undefined;
    if (r.kind === 'count') numbers.push({ cell: cell(r.cell), pattern: COUNT_PATTERN });
    else if (r.kind === 'money' && r.decimal !== ',') numbers.push({ cell: cell(r.cell), pattern: MONEY_PATTERN });
    else if (r.kind === 'money') flags.push(`NOT ${COMMA_MONEY_OK(cell(r.cell))}`);
    else if (r.kind === 'date') {
      dateCells.add(r.cell);
      if (sampled) {
        numbers.push({ cell: cell(r.cell), pattern: DATE_PATTERN, required: true });
        flags.push(`TRY_CAST(${cell(r.cell)} AS DATE) IS NULL`);
      } else flags.push(`${cell(r.cell)} IS NULL`);
    } else if (r.kind === 'region-code') {
      if (regionRule) return undefined;
      regionRule = r;
    } else if (r.kind === 'currency') {
      if (currencyCell !== undefined) return undefined;
      currencyCell = r.cell;
      if (sampled) flags.push(`${cell(r.cell)} IS NULL`);
    }
    const more = extraFlags(r, inCopy);
    if (more === undefined) return undefined;
    flags.push(...more);
    if (r.kind === 'mapped' || r.kind === 'choice') mappedCells.push(r.cell);
    if (r.kind === 'text' && table.columns.some((c) => c.type === 'string' && plan.columns[c.name] === r)) textCells.add(r.cell);
    if ('parts' in r && r.parts?.some((p) => p < 0 || p >= cellCount)) return undefined;
  }
  if (sampled && mappedCells.length) return undefined;
  const numbersCheck = numbersFlag(numbers);
  if (numbersCheck) flags.push(numbersCheck);
  if (plan.skip && (plan.skip.cell < 0 || plan.skip.cell >= cellCount || !/^[a-z]+$/.test(plan.skip.word))) return undefined;
  // As the reader's /^word\b/i on the trimmed cell (the screen lets only spaces through as whitespace).
  // A cell that starts with a digit (a date) cannot match: compared as bytes, one string test before the pattern.
  const skipped = plan.skip
    ? `CASE WHEN ${cell(plan.skip.cell)} >= '0' AND ${cell(plan.skip.cell)} < ':' THEN false ELSE regexp_matches(ltrim(coalesce(${cell(plan.skip.cell)}, ''), ' '), '^(?i:${plan.skip.word})${plan.skip.colon ? '\\s*:' : '\\b'}') END`
    : undefined;
  // Every cell empty or spaces: then so is their concatenation (concat reads null as empty). A
  // first cell that starts with anything but a space is not blank: tested before concatenating.
  const blank = plan.skipBlank ? `CASE WHEN c0 <> '' AND c0 NOT LIKE ' %' THEN false ELSE trim(concat(${Array.from({ length: cellCount }, (_, i) => cell(i)).join(', ')})) = '' END` : undefined;
  const keep = skipped || blank ? [skipped, blank].filter(Boolean).map((k) => `NOT (${k})`).join(' AND ') : 'true';
  const filtered = (e: string) => `${e}${plan.summary ? ` FILTER (WHERE ${keep})` : ''}`;
  // Each cell's distinct texts as written (null among them) once, however many lists and checks
  // read them: every DISTINCT aggregate holds its own hash tables, and a dozen of them ran out of
  // the 128 MB memory limit. The lists below are made from these small lists.
  const listedCells = new Set<number>();
  const distinct = (c: number) => {
    listedCells.add(c);
    return `cells_${c}`;
  };
  const eachText = (c: number, f: string) => `list_distinct(list_transform(${distinct(c)}, v -> ${f}))`;
  const leave = leaveCheck(plan, cellCount, distinct);
  if (leave === undefined) return undefined;
  const multiCellRegion = regionRule !== undefined && placeCells(regionRule).length > 1;
  const derived = [
    'row_count',
    ...[...dateCells].map((c) => `${distinct(c)} AS dates_${c}`),
    ...(regionRule ? [`${multiCellRegion ? 'region_keys' : eachText(regionRule.cell, `coalesce(v, '')`)} AS regions`] : []),
    ...(currencyCell !== undefined ? [`${eachText(currencyCell, `coalesce(v, '')`)} AS currencies`] : []),
    ...mappedCells.map((c) => `${eachText(c, `coalesce(v, '')`)} AS mapped_${c}`),
    ...[...textCells].map((c) => `${eachText(c, `nullif(${trimmed('v')}, '')`)} AS texts_${c}`),
    `${leave} AS leave`,
  ];
  const lists = [
    ...[...listedCells].map((c) => `${filtered(`list(DISTINCT ${cell(c)})`)} AS cells_${c}`),
    ...(multiCellRegion ? [`${filtered(`list(DISTINCT ${regionKey(regionRule!)})`)} AS region_keys`] : []),
  ];
  const source = rows ?? csvSource(cellCount, delimiter, skipLines);
  const scanSource = sampled ? `(SELECT * FROM ${source} LIMIT ${sampleRows})` : source;
  if (plan.summary && (!skipped || blank)) return undefined;
  // With a summary check the scan reads the skipped rows too, and lists their cells.
  const scanParts = { derived: derived.join(', '), lists: lists.length ? lists.join(', ') : 'NULL AS nothing', source: scanSource, keep };
  const scan = plan.summary
    ? fill(loadQuery('ingest/scan-summary'), { ...scanParts, cells: Array.from({ length: cellCount }, (_, i) => `coalesce(${cell(i)}, '')`).join(', ') })
    : fill(loadQuery('ingest/scan'), scanParts);

  const partitionCol = table.partitionKey.name;
  const periodCol = periodColumn(table);
  // The partition as a number (YYYY or YYYYMM; partitionOfFolder turns it back): DuckDB's
  // partitioned writer hashes an integer instead of a string on every row, and the date's cast is
  // the one the period column already makes (0.1-0.2 s of a 2.2 s copy of a 5M-row Google report).
  const day = `TRY_CAST(${dateText(rule(periodCol))} AS DATE)`;
  const partition = table.partitionKey.kind === 'year' ? `year(${day})` : `(year(${day}) * 100 + month(${day}))::INTEGER`;
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
    // A text column as an ENUM of its distinct texts, once the scan has listed them (withTextTypes).
    if (c.type === 'string' && r.kind === 'text') return `CAST(${expr} AS ${textType(r.cell)}) AS ${quoteIdent(c.name)}`;
    // The region's ENUMs stay ENUMs: written as the same UTF8 column, without a cast back to text.
    if (c.type === 'string' && regionRule && (r.kind === 'region-code' || (r.kind === 'region-name' && samePlace(r, regionRule)))) return `${expr} AS ${quoteIdent(c.name)}`;
    if (c.type === 'string' && sampled && r.kind === 'currency') return `${expr} AS ${quoteIdent(c.name)}`;
    return `CAST(${expr} AS ${DUCK_TYPE[c.type]}) AS ${quoteIdent(c.name)}`;
  });
  for (const name of plan.required) flags.push(`${value(rule(name), inCopy)} IS NULL`);
  for (const [a, b] of plan.ordered) flags.push(`coalesce(${dateText(rule(b))} < ${dateText(rule(a))}, false)`);
  const copy = fill(loadQuery('ingest/copy'), {
    columns: columns.join(',\n    '),
    partition,
    partition_name: quoteIdent(partitionCol),
    source,
    // Each check once: two columns read from one cell (Google's clicks and link clicks) have the same one.
    flagged: flags.length ? [...new Set(flags)].map((f) => `(${f})`).join(' OR ') : 'false',
    keep,
    target: '{{target}}',
  })
    .replaceAll(REGION_CODES, `$${copyParams.length + 2}`)
    .replaceAll(REGION_NAMES, `$${copyParams.length + 3}`);
  const summed = SUMMED.filter((m) => ['count', 'money'].includes(rule(m).kind));
  // The key's columns that can differ between two rows of this file: a constant (or all-null)
  // column cannot tell two rows apart, nor can the granularity beside both its dates. Hashing six
  // columns of a Meta export rather than fourteen halves the check's 0.27 s at 5M rows.
  const varying = key.filter((k) => rule(k).kind !== 'const' && !(rule(k).kind === 'granularity' && key.includes('date_start') && key.includes('date_end')));
  const distinctKeys = fill(loadQuery('ingest/distinct-keys'), { key: varying.length ? varying.map(quoteIdent).join(', ') : 'NULL' });
  const stats = fill(loadQuery('ingest/stats'), {
    period: quoteIdent(periodCol),
    sums: summed.length ? summed.map((m) => `sum(${quoteIdent(m)}) AS "sum_${m}", count(${quoteIdent(m)}) AS "n_${m}"`).join(', ') : 'NULL AS nothing',
  });
  const replaced = fill(loadQuery('ingest/replaced'), {
    period: quoteIdent(periodCol),
    key: key.map(quoteIdent).join(', '),
    key_match: key.map((k) => `n.${quoteIdent(k)} IS NOT DISTINCT FROM o.${quoteIdent(k)}`).join(' AND '),
  });
  const channelSums = table.name === 'service_demand' ? loadQuery('ingest/channel-sums') : undefined;
  const regionNames = regionRule !== undefined && copy.includes(`$${copyParams.length + 3}`);
  return { scan, copy, copyParams, constantTypes, stats, distinctKeys, dateCells: [...dateCells], region: regionRule, regionNames, currencyCell, replaced, mappedCells, textCells: [...textCells], summary: plan.summary !== undefined, channelSums, sampled, currencyType: sampled && currencyCell !== undefined ? fill(loadQuery('ingest/constant-type'), { name: CURRENCY_TYPE }) : undefined };
}

/**
 * The scan's check of the plan's `leave` rules, over each cell's distinct texts as written (a
 * lambda over the list, once per file, rather than the patterns on every row: 0.2 s of CPU
 * against about 1 s at 1M partner rows): true when any text matches a pattern or is too long.
 * `^` and `$` are the cell's ends. Undefined for a rule naming a cell beyond the record.
 */
function leaveCheck(plan: ColumnPlan, cellCount: number, distinct: (cell: number) => string): string | undefined {
  const tests: string[] = [];
  for (const l of plan.leave ?? []) {
    if (l.cells.some((c) => c < 0 || c >= cellCount)) return undefined;
    // Spaces around count too: never fewer than the reader counts.
    const test = [l.pattern !== undefined ? `regexp_matches(v, ${sqlString(l.pattern)})` : undefined, l.longerThan !== undefined ? `strlen(v) > ${Math.floor(l.longerThan)}` : undefined].filter(Boolean).join(' OR ');
    if (test) for (const c of new Set(l.cells)) tests.push(`len(list_filter(${distinct(c)}, v -> ${test})) > 0`);
  }
  return tests.length ? tests.join(' OR ') : 'false';
}

/** Where a region is read from: one cell, `cell, within`, or `cell, parts...` (column-plan.ts). */
export type RegionPlace = { cell: number; within?: number; parts?: number[] };

const placeCells = (r: RegionPlace) => [r.cell, ...(r.within !== undefined ? [r.within] : []), ...(r.parts ?? [])];
const samePlace = (a: RegionPlace, b: RegionPlace) => placeCells(a).join() === placeCells(b).join() && (a.within === undefined) === (b.within === undefined);

/** The region's cells as written, one key a row: the cell, or the cells joined by a line break (the screen lets none inside a cell). */
function regionKey(r: RegionPlace): string {
  const cells = placeCells(r);
  return cells.length === 1 ? `coalesce(${cell(r.cell)}, '')` : `concat(${cells.map(cell).join(", chr(10), ")})`;
}

/**
 * What regionText makes of the cells of one key, in TypeScript: the text the resolver is given,
 * and the region name (trimmed; empty is null). JavaScript's trim() is DuckDB's on a screened file.
 */
export function regionOfKey(r: RegionPlace, key: string): { text: string; name: string | null } {
  if (placeCells(r).length === 1) return { text: key, name: key.trim() || null };
  const parts = key.split('\n').map((p) => p.trim()).filter((p) => p !== '' && (r.parts === undefined || p !== '--'));
  const text = parts.join(', ');
  return { text, name: text || null };
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
      // Checked in TypeScript over each distinct text (plan-checks.ts checkMapped).
      return Object.keys(r.values).every((k) => /^[a-z]+$/.test(k)) && [r.otherwise, ...Object.values(r.values)].every(Number.isSafeInteger) ? [] : undefined;
    case 'partner':
      return r.given === undefined ? [] : [`coalesce(nullif(${trimmed(c)}, '') <> ${bind(r.given)}, false)`];
    default:
      return [];
  }
}

/** The ENUM of a sampled file's one currency code (fast-path.ts makes it after the sample: FastSql.currencyType). */
const CURRENCY_TYPE = 'fast_currency';

/** The type a text cell's column is written as: filled in after the scan (withTextTypes). */
const textType = (cellIndex: number) => `{{text_type_${cellIndex}}}`;

/** The name of the ENUM of a text cell's distinct texts (queries/ingest/text-type.sql). */
export const textTypeName = (cellIndex: number) => `fast_text_${cellIndex}`;

/** The copy with a text cell's type filled in: its ENUM when there is one, else VARCHAR. */
export function withTextType(copy: string, cellIndex: number, asEnum: boolean): string {
  return copy.replaceAll(textType(cellIndex), asEnum ? textTypeName(cellIndex) : 'VARCHAR');
}

/** The copy with a mapped (or choice) cell's values filled in: `pairs` is every distinct text as written (null as empty) with what the plan's rule made of it. */
export function withMapped(copy: string, cellIndex: number, pairs: [string, string | number][]): string {
  const cases = pairs.map(([text, value]) => `WHEN ${sqlString(text)} THEN ${typeof value === 'number' ? String(value) : sqlString(value)}`).join(' ');
  return copy.replaceAll(`{{mapped_${cellIndex}}}`, `CASE coalesce(${cell(cellIndex)}, '') ${cases} END`);
}

/**
 * The CSV as text cells c0..cN: the quoting csv-stream.ts reads, no type guessing, a record of at
 * most 1 MB as there. Read in 4 MB buffers (four records at the longest) rather than DuckDB's
 * default of 16 times the longest record: its CSV buffers are outside the memory limit, and the
 * default held 60-80 MB more at the peak of a 5M-row Google report, no faster.
 */
function csvSource(cellCount: number, delimiter: string, skipLines = 0): string {
  const columns = Array.from({ length: cellCount }, (_, i) => `'${cell(i)}': 'VARCHAR'`).join(', ');
  return `read_csv($1, header = true, ${skipLines ? `skip = ${skipLines}, ` : ''}columns = {${columns}}, auto_detect = false, delim = '${delimiter}', quote = '"', escape = '"', strict_mode = true, max_line_size = 1048576, buffer_size = 4194304, null_padding = false, ignore_errors = false)`;
}

/** The partition value of a folder the copy wrote (`month=202401` holds 2024-01), or undefined for a name it cannot have written. */
export function partitionOfFolder(kind: TableDef['partitionKey']['kind'], value: string): string | undefined {
  if (kind === 'year') return /^[0-9]{4}$/.test(value) ? value : undefined;
  return /^[0-9]{4}(0[1-9]|1[0-2])$/.test(value) ? `${value.slice(0, 4)}-${value.slice(4)}` : undefined;
}

/** The COPY statement with its scratch folder filled in. */
export function copyTo(copy: string, folder: string): string {
  return copy.replace('{{target}}', sqlString(folder));
}
