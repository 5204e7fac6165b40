import { readFile } from 'node:fs/promises';
import { openStore } from '../../shared/config.ts';
import { parseCampaignText, registerCampaign } from '../../shared/pipeline/register-campaign.ts';
import { EXIT, InputError, parseCommandArgs, printJson } from '../io.ts';

export const USAGE = 'campaign register FILE [--data DIR] [--json]';

/** `campaign register FILE`: validate a campaign definition (YAML or JSON) and store it. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { data: { type: 'string' }, json: { type: 'boolean' } }, USAGE);
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new InputError(`give exactly one campaign file\n\nUsage: ${USAGE}`);
  const text = await readFile(file, 'utf8').catch(() => {
    throw new InputError(`cannot read ${file}`);
  });
  let campaign;
  try {
    campaign = parseCampaignText(text, file);
  } catch (e) {
    throw new InputError((e as Error).message);
  }
  const store = await openStore(values);
  const written = await registerCampaign(store, campaign);
  if (values.json) printJson({ id: campaign.id, baseline: campaign.baseline, followUps: campaign.followUps, goals: campaign.goals.map((g) => g.id), written });
  else
    process.stdout.write(
      `Registered ${campaign.id} (${campaign.start} to ${campaign.end}, baseline ${campaign.baseline.start} to ${campaign.baseline.end}) in ${store.location}\n`,
    );
  return EXIT.ok;
}

