import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledge one cdk-nag (or CloudFormation Validate) finding on a construct and its children,
 * with the reason. cdk-nag v3 uses CDK's native acknowledgements; rules that report several
 * findings (IAM5) are acknowledged one finding at a time.
 */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/** cdk-nag's flat text of a resolved CloudFormation value: `${X}` -> `<X>`, GetAtt -> `<Id.Attr>`, Ref -> `<Id>`. */
function flatten(node: unknown): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  const o = node as Record<string, unknown>;
  if (o['Fn::Join']) {
    const [delimiter, items] = o['Fn::Join'] as [string, unknown[]];
    return items.map(flatten).join(delimiter);
  }
  if (o['Fn::Sub']) return flatten(o['Fn::Sub']);
  if (o['Fn::GetAtt']) {
    const [resource, attribute] = o['Fn::GetAtt'] as [unknown, unknown];
    return `<${flatten(resource)}.${flatten(attribute)}>`;
  }
  if (o['Ref']) return `<${flatten(o['Ref'])}>`;
  return JSON.stringify(node);
}

/**
 * Id of the AwsSolutions-IAM5 finding for a wildcard resource ARN, exactly as cdk-nag words it,
 * e.g. `AwsSolutions-IAM5[Resource::<LakeBucketA1B2.Arn>/raw/*]`.
 */
export function iam5Resource(scope: IConstruct, arn: string): string {
  return `AwsSolutions-IAM5[Resource::${flatten(Stack.of(scope).resolve(arn))}]`;
}
