// Generated exports of the other large formats, for the JavaScript (ingest Lambda) path's bench.
import { iso31662 } from 'iso-3166';
import { fromEpochDay, epochDay } from '../shared/domain/dates.ts';
import { resolvableRegionNames, writeLines } from './generate.ts';

/** US state names with the country as Google and TikTok write them (50 regions that resolve). */
const STATES = iso31662.filter((s) => s.parent === 'US' && /^[A-Za-z ]+$/.test(s.name)).slice(0, 50).map((s) => s.name);
const START = epochDay('2020-01-01');
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const longDate = (day: string) => `${MONTHS[Number(day.slice(5, 7)) - 1]} ${Number(day.slice(8))}, ${day.slice(0, 4)}`;

/** Rows a day of the generated ad exports: 40 campaigns x 50 states (fewer campaigns spread the rows over more days). */
export const PER_DAY = 2000;

/** Rows of days x `perDay / 50` campaigns x 50 states, from 2020-01-01: `cells(day, campaign, state, i)` makes each line. */
function* adRows(rows: number, cells: (day: string, campaign: string, state: string, i: number) => string, perDay = PER_DAY): Iterable<string> {
  for (let i = 0; i < rows; i++) {
    const day = fromEpochDay(START + Math.floor(i / perDay));
    yield `${cells(day, `Helpline ${Math.floor((i % perDay) / 50)}`, STATES[i % 50]!, i)}\n`;
  }
}

/** A Google Ads "Location report" (user location by day), with its two title lines. */
export async function writeGoogleExport(file: string, rows: number, perDay = PER_DAY): Promise<number> {
  const last = fromEpochDay(START + Math.ceil(rows / perDay) - 1);
  const head = ['Location report', `"${longDate('2020-01-01')} - ${longDate(last)}"`, 'Day,Campaign,Region (User location),Country/Territory (User location),Impr.,Clicks,Currency code,Cost'];
  await writeLines(file, head.map((l) => `${l}\n`), adRows(rows, (day, campaign, state, i) => `${day},${campaign},${state},United States,${500 + (i % 700)},${i % 13},USD,${((i % 900) / 100).toFixed(2)}`, perDay));
  return rows;
}

/** A TikTok Ads Manager export by day and subregion. */
export async function writeTikTokExport(file: string, rows: number): Promise<number> {
  const head = ['By Day,Campaign name,Ad group name,Subregion,Country/Region,Cost,Impressions,Reach,Clicks (destination),Clicks (all),Video views,Currency\n'];
  await writeLines(file, head, adRows(rows, (day, campaign, state, i) => `${day},${campaign},All ages,${state},United States,${((i % 900) / 100).toFixed(2)},${500 + (i % 700)},${400 + (i % 300)},${i % 11},${i % 13},${i % 200},USD`));
  return rows;
}

/** A partner's weekly counts: sites x weeks x 4 channels (rows / 1,000 sites), from 2021-01-04. */
export async function writePartnerExport(file: string, rows: number): Promise<number> {
  const sites = rows / 1000;
  const channels = ['helpline_calls', 'referrals', 'web_chats', 'walk_ins'];
  const lines = function* () {
    for (let w = 0; w < 250; w++) {
      const week = fromEpochDay(epochDay('2021-01-04') + 7 * w);
      for (let s = 0; s < sites; s++) for (const c of channels) yield `lincs-support,GB-LIN,site ${s},${week},week,${c},${(s + w) % 40}\n`;
    }
  };
  await writeLines(file, ['partner,region,location,period_start,period,channel,count\n'], lines());
  return rows;
}

/** A Meta Marketing API insights response (`{"data": [...]}`), days x 40 campaigns x 50 regions. */
export async function writeMetaJsonExport(file: string, rows: number, perDay = PER_DAY): Promise<number> {
  await writeLines(file, ['{"data":[\n'], metaJsonItems(rows, perDay), [']}\n']);
  return rows;
}

/** The same items as a top-level array: what DuckDB's read_json streams (the baseline of bench/ingest-formats.ts). */
export async function writeMetaJsonArray(file: string, rows: number, perDay = PER_DAY): Promise<number> {
  await writeLines(file, ['[\n'], metaJsonItems(rows, perDay), [']\n']);
  return rows;
}

function* metaJsonItems(rows: number, perDay = PER_DAY): Iterable<string> {
  const regions = resolvableRegionNames(50);
  for (let i = 0; i < rows; i++) {
    const day = fromEpochDay(START + Math.floor(i / perDay));
    const item = {
      campaign_id: String(120200000000000 + Math.floor((i % perDay) / 50)),
      campaign_name: `Helpline ${Math.floor((i % perDay) / 50)}`,
      account_currency: 'EUR',
      region: regions[i % 50],
      date_start: day,
      date_stop: day,
      impressions: String(500 + (i % 700)),
      reach: String(400 + (i % 300)),
      clicks: String(i % 13),
      spend: ((i % 900) / 100).toFixed(2),
      actions: [{ action_type: 'link_click', value: String(i % 11) }],
    };
    yield `${i === 0 ? '' : ','}${JSON.stringify(item)}\n`;
  }
}
