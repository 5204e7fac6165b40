import { LambdaClient } from '@aws-sdk/client-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import { redrive } from '../../shared/aws/redrive.ts';
import { EXIT, InputError, parseCommandArgs, printJson } from '../io.ts';

export const USAGE = 'campaign redrive --queue URL --function NAME [--max N] [--dry-run] [--json]   (stack outputs *DeadLetterQueueUrl and *FunctionName)';

/** `campaign redrive`: send a dead-letter queue's messages back to their function, once the cause is fixed. */
export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    { queue: { type: 'string' }, function: { type: 'string' }, max: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
    USAGE,
  );
  if (!values.queue || !values.function) throw new InputError(`give --queue and --function\n\nUsage: ${USAGE}`);
  const max = values.max === undefined ? undefined : Number(values.max);
  if (max !== undefined && !(Number.isInteger(max) && max > 0)) throw new InputError(`--max must be a whole number above 0, got "${values.max}"`);
  const region = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? /^https:\/\/sqs\.([a-z0-9-]+)\./.exec(values.queue)?.[1];
  if (!region) throw new InputError('set AWS_REGION to the region of the stack');
  const sqs = new SQSClient({ region });
  const lambda = new LambdaClient({ region });
  try {
    const result = await redrive({ sqs, lambda }, { queueUrl: values.queue, functionName: values.function, max, dryRun: values['dry-run'] });
    if (values.json) printJson(result);
    else {
      for (const w of result.waiting) process.stdout.write(`waiting ${w.messageId}: ${w.body}\n`);
      for (const k of result.kept) process.stdout.write(`kept ${k.messageId}: ${k.reason}\n`);
      process.stdout.write(values['dry-run'] ? `${result.waiting.length} message(s) waiting; nothing sent\n` : `sent back ${result.sent.length}, kept ${result.kept.length}\n`);
    }
    return result.kept.length > 0 ? EXIT.failure : EXIT.ok;
  } finally {
    sqs.destroy();
    lambda.destroy();
  }
}
