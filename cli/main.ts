import { EXIT, InputError } from './io.ts';

type Command = { summary: string; load: () => Promise<{ run: (args: string[]) => Promise<number> }> };

/** Commands load lazily, so `campaign --help` does not start DuckDB or the AWS SDK. */
const COMMANDS: Record<string, Command> = {
  demo: { summary: 'generate, register, ingest and analyse a sample campaign; print where the report is', load: () => import('./commands/demo.ts') },
  register: { summary: 'register a campaign definition (YAML or JSON)', load: () => import('./commands/register.ts') },
  ingest: { summary: 'ingest ad-platform exports or partner counts (FILE...)', load: () => import('./commands/ingest.ts') },
  uploads: { summary: 'list uploads with what each replaced and its status [--partner ID]', load: () => import('./commands/uploads.ts') },
  withdraw: { summary: "withdraw an upload (UPLOAD_ID): its counts disappear, earlier ones apply again", load: () => import('./commands/withdraw.ts') },
  reprocess: { summary: 're-read raw uploads as new versions (UPLOAD_ID or --all), e.g. after adding a region alias', load: () => import('./commands/reprocess.ts') },
  compact: { summary: 'merge small upload files into one per partition (safe while others read)', load: () => import('./commands/compact.ts') },
  upload: { summary: 'upload exports to the AWS lake bucket with their options as metadata (FILE...)', load: () => import('./commands/upload.ts') },
  redrive: { summary: 'send an AWS dead-letter queue back to its function once the cause is fixed', load: () => import('./commands/redrive.ts') },
  analyse: { summary: 'analyse a campaign and write its report (ID)', load: () => import('./commands/analyse.ts') },
  sql: { summary: 'run SQL over the curated tables', load: () => import('./commands/sql.ts') },
  lift: { summary: 'geo-lift estimate for any panel CSV', load: () => import('./commands/lift.ts') },
  plan: { summary: 'minimum detectable lift before launch', load: () => import('./commands/plan-lift.ts') },
  serve: { summary: 'run the partner portal and report viewer on 127.0.0.1 (--port N)', load: () => import('./commands/serve.ts') },
  'purge-raw': { summary: 'delete raw partner uploads past retention (--older-than DAYS) or one by mistake (--file KEY)', load: () => import('./commands/purge-raw.ts') },
  partner: { summary: 'portal accounts: partner add NAME --regions CODES, list, token ID, remove ID', load: () => import('./commands/partner.ts') },
};

const HELP = `campaign: geo-targeted campaign analytics

Usage: campaign <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

Common options:
  --data DIR   data folder (default ./.campaign-data, or CAMPAIGN_DATA; CAMPAIGN_STORE=s3://bucket/prefix for S3)
  --json       machine-readable output

Exit codes: 0 success, 2 input rejected (the message names file, row, column and reason), 1 unexpected failure.
Run "campaign <command> --help" for a command's options.
`;

/** Entry point of the `campaign` binary; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  // `campaign uploads | head`: the reader went away; that is not a failure.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`campaign: unknown command "${name}"\n\n${HELP}`);
    return EXIT.rejected;
  }
  try {
    if (rest.includes('--help') || rest.includes('-h')) {
      const usage = ((await command.load()) as { USAGE?: string }).USAGE;
      process.stdout.write(`campaign ${name}: ${command.summary}\n${usage ? `\nUsage: ${usage}\n` : ''}`);
      return EXIT.ok;
    }
    return await (await command.load()).run(rest);
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`campaign ${name}: ${e.message}\n`);
      return EXIT.rejected;
    }
    process.stderr.write(`campaign ${name}: unexpected failure: ${(e as Error).stack ?? e}\n`);
    return EXIT.failure;
  }
}
