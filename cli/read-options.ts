/** The options that say how a file is read: the same for `campaign ingest` and `campaign upload`. */
export const READ_OPTIONS = {
  partner: { type: 'string' },
  format: { type: 'string' },
  // For exports that do not state them: Meta API JSON without account_currency, Google "All time" reports.
  currency: { type: 'string' },
  period: { type: 'string' },
  json: { type: 'boolean' },
} as const;
