/** Literals and identifiers spelled into SQL text where a statement takes no parameter (COPY ... TO, SET, a view's file list). */

/** A string literal: quotes doubled. */
export const sqlString = (s: string): string => `'${s.replaceAll("'", "''")}'`;

/** A quoted identifier: double quotes doubled. */
export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;
