import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_DATA_DIR, openEngine } from '../../shared/config.ts';
import { generateDemo } from '../../shared/demo/demo-data.ts';
import { parseCampaign } from '../../shared/domain/campaign.ts';
import { analyseCampaign } from '../../shared/pipeline/analyse-campaign.ts';
import { ingestFile } from '../../shared/pipeline/ingest-file.ts';
import { registerCampaign } from '../../shared/pipeline/register-campaign.ts';
import { LocalFolderStore } from '../../shared/storage/local-folder-store.ts';
import { EXIT, parseCommandArgs } from '../io.ts';

export const USAGE = 'campaign demo [--out DIR]';

/**
 * `campaign demo`: generate a realistic campaign (seeded), register it, ingest its Meta exports
 * and partner counts, analyse it after the campaign and at the follow-ups, and print where the
 * post-campaign report is. Starts from an empty lake each time, so it is repeatable.
 */
export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { out: { type: 'string' }, data: { type: 'string' } }, USAGE);
  const root = path.resolve(values.out ?? values.data ?? DEFAULT_DATA_DIR);
  await rm(root, { recursive: true, force: true });
  const store = new LocalFolderStore(root);
  const demo = generateDemo();
  const say = (s: string) => process.stdout.write(`${s}\n`);

  // The inputs as a user would have them, beside the lake, so they can be opened and re-used.
  const inputs = path.join(root, 'demo-inputs');
  await mkdir(inputs, { recursive: true });
  await writeFile(path.join(inputs, 'campaign.json'), JSON.stringify(demo.campaign, null, 2));
  const campaign = parseCampaign(demo.campaign, 'demo campaign');
  await registerCampaign(store, campaign);
  say(`1/4 registered campaign ${campaign.id}`);

  let files = 0;
  for (const [name, content] of Object.entries(demo.adExports)) {
    await writeFile(path.join(inputs, name), content);
    const r = await ingestFile(store, name, new TextEncoder().encode(content));
    if (r.status !== 'accepted') throw new Error(`demo export ${name} was rejected: ${JSON.stringify(r.errors.slice(0, 3))}`);
    files += 1;
  }
  for (const u of demo.partnerUploads) {
    await writeFile(path.join(inputs, u.fileName), u.content);
    const r = await ingestFile(store, u.fileName, new TextEncoder().encode(u.content), { partnerId: u.partnerId });
    if (r.status !== 'accepted') throw new Error(`demo upload ${u.fileName} was rejected: ${JSON.stringify(r.errors.slice(0, 3))}`);
    files += 1;
  }
  say(`2/4 ingested ${files} files (Meta exports and partner counts) into ${path.join(root, 'curated')}`);

  const engine = await openEngine(store);
  const reports: string[] = [];
  try {
    for (const runAt of demo.runs) {
      const { keys } = await analyseCampaign(store, engine, campaign.id, { asOf: runAt.asOf, label: runAt.label });
      reports.push(path.join(root, keys.html));
    }
  } finally {
    await engine.close();
  }
  say(`3/4 analysed the campaign after it ended and at the ${demo.runs.slice(1).map((r) => r.label).join(' and ')} follow-ups`);
  say(`4/4 reports written (Markdown and JSON beside each):`);
  say(`  post-campaign: ${reports[0]}`);
  for (const [i, r] of reports.slice(1).entries()) say(`  follow-up ${demo.runs[i + 1]!.label}: ${r}`);
  say(`\nReport: ${reports[0]}`);
  return EXIT.ok;
}
