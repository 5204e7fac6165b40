import nodeSqlParser from 'node-sql-parser';
import { MAX_PARAMETER_CHARS, type QueryEngine, type QueryParam } from '../../shared/query/query-engine.ts';
import { toExecutionParameter } from '../../shared/query/athena-engine.ts';

const { Parser } = nodeSqlParser;

/** Every `?` placeholder in a Trino AST, each with whether it sits inside a WHERE clause. */
export function placeholders(sql: string): { inWhere: boolean }[] {
  const found: { inWhere: boolean }[] = [];
  const walk = (node: unknown, inWhere: boolean): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, inWhere));
    if (node === null || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.type === 'origin' && o.value === '?') found.push({ inWhere });
    for (const [k, v] of Object.entries(o)) walk(v, inWhere || k === 'where');
  };
  walk(new Parser().astify(sql, { database: 'trino' }), false);
  return found;
}

/** A call that broke one of Athena's parameter rules. */
export interface LimitViolation {
  sql: string;
  reason: string;
}

/**
 * A QueryEngine that forwards to a real one and records every call that Athena would refuse: a
 * parameter longer than {@link MAX_PARAMETER_CHARS} as sent, or a parameter count that differs
 * from the query's placeholders.
 */
export function limitCheckingEngine(inner: QueryEngine): QueryEngine & { violations: LimitViolation[]; calls: number } {
  const violations: LimitViolation[] = [];
  const engine = {
    name: inner.name,
    violations,
    calls: 0,
    async queryColumns(sql: string, params: QueryParam[] = []) {
      engine.check(sql, params);
      return inner.queryColumns(sql, params);
    },
    async query(sql: string, params: QueryParam[] = []) {
      engine.check(sql, params);
      return inner.query(sql, params);
    },
    check(sql: string, params: QueryParam[]) {
      engine.calls++;
      const expected = placeholders(sql).length;
      if (expected !== params.length) violations.push({ sql, reason: `${params.length} parameters for ${expected} placeholders` });
      for (const p of params) {
        const sent = typeof p === 'string' ? `'${p.replace(/'/g, "''")}'` : toExecutionParameter(p);
        if (sent.length > MAX_PARAMETER_CHARS) violations.push({ sql, reason: `parameter of ${sent.length} characters` });
      }
    },
    close: () => inner.close(),
  };
  return engine;
}
