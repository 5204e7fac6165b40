import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { CampaignAnalyticsStack } from '../../infra/stack.ts';

/** A synthesised stack with its template. */
export interface Synthesised {
  app: App;
  stack: CampaignAnalyticsStack;
  template: Template;
}

/**
 * Synthesise the stack once. `stubCode` swaps the esbuild bundles for inline stubs (the template
 * is otherwise identical), so only the bundle test pays for bundling. CDK's built-in
 * CloudFormation Validate pass is off here: it takes ~20 s and `cdk synth` runs it anyway.
 */
export function synth(stubCode: boolean): Synthesised {
  const app = new App({ builtinCloudFormationValidation: false });
  const stack = new CampaignAnalyticsStack(app, 'Test', { stubCode });
  return { app, stack, template: Template.fromStack(stack) };
}

/** Logical id of a construct's CloudFormation resource. */
export function logicalId(construct: IConstruct): string {
  const cfn = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(cfn).getLogicalId(cfn);
}

/** Flat text of a CloudFormation value, cdk-nag style: GetAtt -> `<Id.Attr>`, Ref -> `<Id>`. */
export function flat(node: unknown): string {
  if (typeof node === 'string') return node;
  const o = node as Record<string, unknown>;
  if (o['Fn::Join']) {
    const [d, items] = o['Fn::Join'] as [string, unknown[]];
    return items.map(flat).join(d);
  }
  if (o['Fn::GetAtt']) return `<${(o['Fn::GetAtt'] as string[]).join('.')}>`;
  if (o['Ref']) return `<${o['Ref'] as string}>`;
  return JSON.stringify(node);
}

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

const list = <T>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);

/** Every statement granted to a role: its inline policies and each AWS::IAM::Policy attached to it. */
export function statementsOf(template: Template, roleId: string): Statement[] {
  const out: Statement[] = [];
  const role = template.toJSON().Resources[roleId];
  for (const p of role?.Properties?.Policies ?? []) out.push(...p.PolicyDocument.Statement);
  for (const p of Object.values(template.findResources('AWS::IAM::Policy')) as any[])
    if (p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId)) out.push(...p.Properties.PolicyDocument.Statement);
  return out;
}

/** Flat resources of the statements granting `action` to a role. */
export function resourcesFor(template: Template, roleId: string, action: string): string[] {
  return statementsOf(template, roleId)
    .filter((s) => s.Effect === 'Allow' && list(s.Action).includes(action))
    .flatMap((s) => list(s.Resource).map(flat))
    .sort();
}

export { list };
