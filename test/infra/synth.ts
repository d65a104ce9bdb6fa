import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../lib/app.js';

/** Synthesizes the real stack without esbuild bundling (the handlers are not run here). */
export function synthStack(context: Record<string, unknown> = {}) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } });
  const { stack } = buildApp(app);
  return { app, stack, template: Template.fromStack(stack) };
}

/** The state machine definition with its Fn::Join resolved, Lambda ARNs as logical ids. */
export function definitionOf(template: Template, logicalIdPrefix: string): Record<string, any> {
  const machines = template.findResources('AWS::StepFunctions::StateMachine');
  const [, machine] = Object.entries(machines).find(([id]) => id.startsWith(logicalIdPrefix)) ?? [];
  if (!machine) throw new Error(`no state machine ${logicalIdPrefix}`);
  const parts = machine.Properties.DefinitionString['Fn::Join'][1] as unknown[];
  const text = parts
    .map((part: any) => {
      if (typeof part === 'string') return part;
      if (part.Ref === 'AWS::Partition') return 'aws';
      return `arn:fn:${part['Fn::GetAtt']?.[0] ?? part.Ref}`;
    })
    .join('');
  return JSON.parse(text);
}

/** Every state of a definition, including those inside Parallel branches. */
export function allStates(definition: Record<string, any>): Record<string, any> {
  const states: Record<string, any> = {};
  const walk = (def: Record<string, any>) => {
    for (const [name, state] of Object.entries<any>(def.States)) {
      states[name] = state;
      for (const branch of state.Branches ?? []) walk(branch);
      if (state.ItemProcessor) walk(state.ItemProcessor);
    }
  };
  walk(definition);
  return states;
}
