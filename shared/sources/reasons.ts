/**
 * Why a partner's row or file was refused, as a code and its parameters (the cell, the numbers),
 * so that the portal can say it in the partner's language while the CLI, quarantine records and
 * logs keep the English `reason`. The wording of every language is in shared/i18n/<lang>.ts.
 */
import { en, type Messages } from '../i18n/en.ts';
import type { RowError } from './reader.ts';

type Reasons = Messages['reasons'];
export type ReasonCode = keyof Reasons;
/** The parameters a reason takes (none for most fixed sentences). */
export type ReasonParams<C extends ReasonCode> = Parameters<Reasons[C]> extends [infer P, ...unknown[]] ? P : Record<string, never>;
/** The argument list after the code: nothing for a fixed sentence, else its parameters. */
export type ParamArgs<C extends ReasonCode> = Parameters<Reasons[C]> extends [] ? [] : [ReasonParams<C>];

/** A reason as stored beside its English text. */
export interface Why<C extends ReasonCode = ReasonCode> {
  code: C;
  params: ReasonParams<C>;
}

/** A reason in one language's words. */
export function explain<C extends ReasonCode>(t: Messages, code: C, params: ReasonParams<C>): string {
  return (t.reasons[code] as (p: ReasonParams<C>) => string)(params);
}

/** A coded reason with its English text. */
export function why<C extends ReasonCode>(code: C, ...params: ParamArgs<C>): Why<C> & { reason: string } {
  const p = (params[0] ?? {}) as ReasonParams<C>;
  return { code, params: p, reason: explain(en, code, p) };
}

/** A row error with a coded reason: `reason` is the English text, `code`/`params` let a page translate it. */
export function rowError<C extends ReasonCode>(row: number, column: string, code: C, ...params: ParamArgs<C>): RowError {
  const w = why(code, ...params);
  return { row, column, reason: w.reason, code: w.code, params: w.params as Record<string, string | number> };
}

/** A stored error's reason in the reader's language: its code when it has one, else its English text. */
export function reasonIn(t: Messages, e: Pick<RowError, 'reason' | 'code' | 'params'>): string {
  const fn = e.code ? (t.reasons as Record<string, ((p: unknown) => string) | undefined>)[e.code] : undefined;
  return fn ? fn(e.params ?? {}) : e.reason;
}
