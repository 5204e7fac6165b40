/**
 * The fast path's TypeScript checks of what DuckDB listed, for the newer parts of a column plan
 * (column-plan.ts): a cell read by the plan's map, the reader's check of its skipped rows, a
 * partner's regions, and a partner upload's channel totals. Each answers "the reader must
 * decide" (a reason, for CAMPAIGN_DEBUG) rather than wording any message itself.
 */
import type { CellRule, ColumnPlan } from '../../sources/column-plan.ts';
import type { PartnerRules } from '../partner-rules.ts';
import { Totals } from '../totals.ts';
import { SUMMED } from './sql.ts';

/** Distinct texts no file of the kind has more of (a partner's channels): more go to the reader. */
const MAX_MAPPED_TEXTS = 1000;

/**
 * Every distinct text (as written, null as empty) of a mapped or choice cell with its value, or
 * why the reader must decide. Trimmed by JavaScript's trim(), which on a screened file is DuckDB's.
 */
export function checkMapped(plan: ColumnPlan, cell: number, texts: string[]): { pairs: [string, string | number][] } | { why: string } {
  const rule = Object.values(plan.columns).find((r) => (r.kind === 'mapped' || r.kind === 'choice') && r.cell === cell);
  if ((rule?.kind !== 'mapped' && rule?.kind !== 'choice') || texts.length > MAX_MAPPED_TEXTS) return { why: `cell ${cell}: ${texts.length} distinct texts` };
  const pairs: [string, string | number][] = [];
  for (const text of texts) {
    const value = rule.kind === 'mapped' ? rule.map(text.trim()) : choiceOf(rule, text.trim());
    if (value === undefined) return { why: `cell ${cell}: ${JSON.stringify(text)}` };
    pairs.push([text, value]);
  }
  return { pairs };
}

/** A choice cell's number: empty is `otherwise`, else plain letters whose lower case is a key (no other spelling: the reader decides). */
function choiceOf(rule: Extract<CellRule, { kind: 'choice' }>, text: string): number | undefined {
  if (text === '') return rule.otherwise;
  return /^[A-Za-z]+$/.test(text) && Object.hasOwn(rule.values, text.toLowerCase()) ? rule.values[text.toLowerCase()] : undefined;
}

/** Why a partner's upload holds a region outside the account's, if it does. */
export function checkPartnerRules(rules: PartnerRules | undefined, codes: string[]): string | undefined {
  if (!rules?.regions) return undefined;
  const outside = codes.find((c) => !rules.regions!.has(c));
  return outside === undefined ? undefined : `region ${outside} is not one of the partner's`;
}

/**
 * The plan's summary check of every skipped row, with the sums of the written rows (the stats
 * query's `sum_<column>`; a column with no value sums to 0, as the reader adds `?? 0`).
 */
export function checkSummary(plan: ColumnPlan, skipped: unknown[], stats: Record<string, unknown>): string | undefined {
  const sums: Record<string, number> = {};
  for (const m of SUMMED) {
    const v = stats[`sum_${m}`];
    const n = v === null || v === undefined ? 0 : Number(v);
    if (!Number.isSafeInteger(n)) return `the sum of ${m} is beyond exact numbers`;
    sums[m] = n;
  }
  for (const row of skipped) {
    const cells = ((row as { items?: unknown[] }).items ?? []).map(String);
    const problems = plan.summary!(cells, sums);
    if (problems.length) return `a skipped row does not agree with the rows: ${problems[0]!.reason}`;
  }
  return undefined;
}

/** The totals of a partner upload from the channel-sums query, or undefined beyond exact numbers. */
export function channelTotals(rows: Record<string, unknown>[]): Totals | undefined {
  const sums: [string, number][] = rows.map((r) => [String(r.channel), Number(r.total)]);
  return sums.every(([, n]) => Number.isSafeInteger(n)) ? Totals.ofChannelSums(sums) : undefined;
}
