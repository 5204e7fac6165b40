/** Exchange rates by pair: `{ "EUR/GBP": 0.86 }` = 0.86 GBP for 1 EUR. */
export type ExchangeRates = Record<string, number>;

/** Units of `to` for one unit of `from`: 1 for the same currency, the rate or its inverse, else undefined. */
export function rateBetween(rates: ExchangeRates, from: string, to: string): number | undefined {
  if (from === to) return 1;
  const direct = rates[`${from}/${to}`];
  if (direct !== undefined) return direct;
  const inverse = rates[`${to}/${from}`];
  return inverse === undefined ? undefined : 1 / inverse;
}
