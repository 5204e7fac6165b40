import type { ExchangeRates } from '../domain/currency.ts';
import type { ObjectStore } from '../storage/object-store.ts';

export type { ExchangeRates };

/** Where the user keeps exchange rates: `{ "EUR/GBP": 0.86 }` = 0.86 GBP for 1 EUR. */
export const EXCHANGE_RATES_KEY = 'config/exchange-rates.json';


/** The user's exchange-rate table, or none. A malformed file is an error, not "no rates". */
export async function loadExchangeRates(store: ObjectStore): Promise<ExchangeRates> {
  if (!(await store.exists(EXCHANGE_RATES_KEY))) return {};
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder().decode(await store.get(EXCHANGE_RATES_KEY)));
  } catch (e) {
    throw new Error(`${EXCHANGE_RATES_KEY} is not valid JSON: ${(e as Error).message}`);
  }
  const rates: ExchangeRates = {};
  for (const [pair, rate] of Object.entries(doc as Record<string, unknown>)) {
    if (!/^[A-Z]{3}\/[A-Z]{3}$/.test(pair) || typeof rate !== 'number' || !(rate > 0))
      throw new Error(`${EXCHANGE_RATES_KEY}: "${pair}": ${JSON.stringify(rate)} is not a rate; write e.g. "EUR/GBP": 0.86 (GBP for 1 EUR)`);
    rates[pair] = rate;
  }
  return rates;
}
