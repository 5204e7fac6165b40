import { App, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { CampaignAnalyticsStack } from '../../infra/stack.ts';
import { synth } from './support.ts';

/** Every acknowledgement recorded in a construct tree: id -> reason. */
function acknowledgements(root: IConstruct): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of root.node.findAll())
    for (const m of c.node.metadata)
      if (m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY) for (const [id, reason] of Object.entries(m.data as Record<string, string>)) out.set(id, reason);
  return out;
}

describe('cdk-nag AwsSolutions checks', () => {
  it('report no unacknowledged error or warning on the stack', () => {
    const { app, stack } = synth(true);
    const result = new AwsSolutionsChecks(app).validateScope(app);
    const findings = result.violations.map((v) => `${v.severity} ${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
    expect(findings).toEqual([]);
    expect(result.success).toBe(true);
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
  });

  it('let synthesis finish when registered the v3 way (Validations.of(app).addPlugins)', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    new CampaignAnalyticsStack(app, 'Nagged', { stubCode: true });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).not.toThrow();
  });

  it('are live: an unprotected bucket is reported', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    new s3.Bucket(new Stack(app, 'Bare'), 'Open');
    const rules = new AwsSolutionsChecks(app).validateScope(app).violations.map((v) => v.ruleName);
    expect(rules).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']));
  });

  it('every acknowledgement carries a specific reason', () => {
    const { stack } = synth(true);
    const acks = acknowledgements(stack);
    expect(acks.size).toBeGreaterThan(0);
    for (const [id, reason] of acks) {
      expect(reason.length, id).toBeGreaterThan(40);
      // Only these kinds of findings are ever acknowledged (APIG4: the portal's public template and stylesheet routes).
      expect(id, id).toMatch(/^(Annotation::)?(AwsSolutions-(IAM5\[Resource::.+\]|S1|SQS3|SNS2|APIG4|COG2))$/);
    }
  });
});
