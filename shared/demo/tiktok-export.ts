import { splitRecord } from '../sources/csv-stream.ts';
import { metaDailyExportLines, type MetaExportSpec } from './meta-export.ts';

export const TIKTOK_DAILY_HEADER = 'By Day,Campaign name,Ad group name,Subregion,Cost,Impressions,Reach,Clicks (destination),Clicks (all),Results,Currency';

const csvCell = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * Lines of a TikTok Ads Manager export by day and subregion (the same deliveries as the Meta
 * export of that spec, in TikTok's columns), ending with TikTok's `Total of N results` row.
 */
export function* tiktokDailyExportLines(spec: MetaExportSpec, currency = 'GBP'): Generator<string> {
  yield `${TIKTOK_DAILY_HEADER}\r\n`;
  let rows = 0;
  let first = true;
  for (const line of metaDailyExportLines(spec)) {
    if (first) {
      first = false;
      continue;
    }
    const [day, , campaign, adSet, region, impressions, reach, link, all, spend, results] = splitRecord(line.trimEnd(), ',');
    rows += 1;
    yield `${day},${csvCell(campaign!)},${csvCell(adSet!)},${csvCell(region!)},${spend},${impressions},${reach},${link},${all},${results},${currency}\r\n`;
  }
  yield `Total of ${rows} results,-,-,-,-,-,-,-,-,-,${currency}\r\n`;
}
