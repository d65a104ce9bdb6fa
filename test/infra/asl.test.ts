import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { createResolver } from '../../lib/local-runtime/intrinsics.js';
import { createNaming } from '../../lib/local-runtime/naming.js';
import { parseDefinition } from '../../lib/local-runtime/step-functions/state-machines.js';
import { resourcesOfType, type CfnTemplate } from '../../lib/local-runtime/template.js';
import { synthStack } from './synth.js';

/**
 * Every state machine of the synthesized template, found by type, checked with asl-validator
 * (the Amazon States Language schema, JSONPath syntax, transitions and ARNs) as resolved for
 * a deployment: Lambda ARNs in their real format.
 */
const template = synthStack().template.toJSON() as CfnTemplate;
const resolve = createResolver(template, createNaming(template, 'KiaraDsr', 'eu-west-1'));
const definitions = resourcesOfType(template, 'AWS::StepFunctions::StateMachine').map(([logicalId, resource]) => {
  const where = `AWS::StepFunctions::StateMachine ${logicalId}`;
  return [logicalId, parseDefinition(resolve(resource.Properties, where) as Record<string, unknown>, where) as Record<string, any>] as const;
});

describe('state machine definitions (asl-validator)', () => {
  it('finds the workflow and the deadline watch among them', () => {
    const ids = definitions.map(([logicalId]) => logicalId).join(' ');
    expect(ids).toMatch(/Workflow/);
    expect(ids).toMatch(/DeadlineWatch/);
  });

  it.each(definitions)('%s is valid Amazon States Language', (_logicalId, definition) => {
    const { isValid, errorsText } = aslValidator(definition);
    expect(isValid, errorsText('\n')).toBe(true);
  });

  it('refuses a definition with a transition to a state that does not exist', () => {
    const [, definition] = definitions[0]!;
    const broken = structuredClone(definition);
    const [first] = Object.values<any>(broken.States);
    first.Next = 'NoSuchState';
    delete first.End;
    expect(aslValidator(broken).isValid).toBe(false);
  });
});
