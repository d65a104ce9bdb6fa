import { LOCAL_ACCOUNT, type Naming } from './naming.js';
import type { CfnTemplate } from './template.js';

/** Resolves CloudFormation intrinsics in a value; `where` names its place in error messages. */
export type Resolve = (value: unknown, where: string) => unknown;

/** Marks a property that `Ref: AWS::NoValue` removes. */
const NO_VALUE = Symbol('AWS::NoValue');

/**
 * Resolves the intrinsics CDK emits for the resources the local runtime runs: Ref,
 * Fn::GetAtt, Fn::Join, Fn::Sub, Fn::Select and Fn::Split, against the local names of
 * `naming`. Any other intrinsic fails loudly with the place it was found, rather than
 * handing a half-resolved object to a handler.
 */
export function createResolver(template: CfnTemplate, naming: Naming): Resolve {
  const pseudo: Record<string, string> = {
    'AWS::Region': naming.region,
    'AWS::AccountId': LOCAL_ACCOUNT,
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::StackName': naming.prefix,
    'AWS::StackId': `arn:aws:cloudformation:${naming.region}:${LOCAL_ACCOUNT}:stack/${naming.prefix}/local`,
  };

  const ref = (target: string, where: string): unknown => {
    if (target === 'AWS::NoValue') return NO_VALUE;
    if (target in pseudo) return pseudo[target];
    const parameter = template.Parameters?.[target];
    if (parameter) return parameter.Default ?? '';
    const resource = template.Resources[target];
    if (!resource) throw new Error(`${where}: Ref to unknown resource or parameter ${target}`);
    switch (resource.Type) {
      // Ref gives an ARN for these types, a name for the other emulated ones.
      case 'AWS::StepFunctions::StateMachine':
      case 'AWS::SNS::Topic':
        return naming.arn(target);
      default:
        return naming.name(target);
    }
  };

  const getAtt = (logicalId: string, attribute: string, where: string): string => {
    const resource = template.Resources[logicalId];
    if (!resource) throw new Error(`${where}: Fn::GetAtt of unknown resource ${logicalId}`);
    const name = naming.name(logicalId);
    switch (attribute) {
      case 'Arn':
        return naming.arn(logicalId);
      case 'Name':
        return name;
      case 'DomainName':
        return `${name}.s3.amazonaws.com`;
      case 'RegionalDomainName':
        return `${name}.s3.${naming.region}.amazonaws.com`;
      default:
        // Other attributes (a user pool's ProviderURL, a key's KeyId...) only need to be a
        // recognisable string locally.
        return `${name}.${attribute}`;
    }
  };

  const sub = (text: string, variables: Record<string, unknown>, where: string): string =>
    text.replace(/\$\{([^}]+)\}/g, (match, expression: string) => {
      if (expression.startsWith('!')) return `\${${expression.slice(1)}}`;
      if (expression in variables) return String(variables[expression]);
      const dot = expression.indexOf('.');
      if (dot > 0 && !expression.startsWith('AWS::')) {
        return getAtt(expression.slice(0, dot), expression.slice(dot + 1), where);
      }
      const value = ref(expression, where);
      if (value === NO_VALUE) throw new Error(`${where}: ${match} cannot be used in Fn::Sub`);
      return String(value);
    });

  const asString = (value: unknown, fn: string, where: string): string => {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw new Error(`${where}: ${fn} expects strings, got ${JSON.stringify(value)}`);
  };

  const asList = (value: unknown, fn: string, where: string): unknown[] => {
    if (Array.isArray(value)) return value;
    throw new Error(`${where}: ${fn} expects a list, got ${JSON.stringify(value)}`);
  };

  const intrinsic = (fn: string, args: unknown, where: string): unknown => {
    switch (fn) {
      case 'Ref':
        return ref(asString(args, fn, where), where);
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = typeof args === 'string' ? args.split(/\.(.*)/s) : asList(args, fn, where);
        return getAtt(asString(logicalId, fn, where), asString(resolve(attribute, where), fn, where), where);
      }
      case 'Fn::Join': {
        const [delimiter, list] = asList(args, fn, where);
        return asList(resolve(list, where), fn, where)
          .map((part) => asString(part, fn, where))
          .join(asString(delimiter, fn, where));
      }
      case 'Fn::Sub': {
        if (typeof args === 'string') return sub(args, {}, where);
        const [text, variables] = asList(args, fn, where);
        return sub(asString(text, fn, where), (resolve(variables, where) ?? {}) as Record<string, unknown>, where);
      }
      case 'Fn::Select': {
        const [index, list] = asList(args, fn, where);
        const items = asList(resolve(list, where), fn, where);
        const position = Number(resolve(index, where));
        if (!Number.isInteger(position) || position < 0 || position >= items.length) {
          throw new Error(`${where}: Fn::Select index ${position} is out of range`);
        }
        return items[position];
      }
      case 'Fn::Split': {
        const [delimiter, text] = asList(args, fn, where);
        return asString(resolve(text, where), fn, where).split(asString(delimiter, fn, where));
      }
      default:
        throw new Error(`${where}: the local runtime does not support the intrinsic ${fn}`);
    }
  };

  const resolve = (value: unknown, where: string): unknown => {
    if (Array.isArray(value)) return value.map((item) => resolve(item, where)).filter((item) => item !== NO_VALUE);
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value);
    const [first] = entries;
    if (entries.length === 1 && first && (first[0] === 'Ref' || first[0].startsWith('Fn::'))) {
      return intrinsic(first[0], first[1], where);
    }
    const resolved: Record<string, unknown> = {};
    for (const [key, item] of entries) {
      const result = resolve(item, `${where}.${key}`);
      if (result !== NO_VALUE) resolved[key] = result;
    }
    return resolved;
  };

  return (value, where) => {
    const resolved = resolve(value, where);
    return resolved === NO_VALUE ? undefined : resolved;
  };
}
