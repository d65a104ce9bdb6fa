import './polyfill.js';
import { StateMachine } from 'aws-local-stepfunctions';
import type { Resolve } from '../intrinsics.js';
import type { Naming } from '../naming.js';
import { resourcesOfType, type CfnTemplate } from '../template.js';
import { prepareDefinition, type PreparedDefinition } from './definition.js';

/** Standard runs up to a year, exactly once; Express at most 5 minutes, without callbacks or .sync tasks. */
export type StateMachineKind = 'STANDARD' | 'EXPRESS';

export interface LocalStateMachine {
  logicalId: string;
  type: StateMachineKind;
  name: string;
  arn: string;
  roleArn: string;
  prepared: PreparedDefinition;
  machine: StateMachine;
}

/**
 * Reads every AWS::StepFunctions::StateMachine: resolves its definition (DefinitionString
 * or Definition, with DefinitionSubstitutions) to plain ASL, validates it as AWS would,
 * and prepares it for the library. Anything the library would silently run wrong
 * (JSONata) is refused with the state machine's name.
 */
export function loadStateMachines(template: CfnTemplate, naming: Naming, resolve: Resolve): LocalStateMachine[] {
  return resourcesOfType(template, 'AWS::StepFunctions::StateMachine').map(([logicalId, resource]) => {
    const where = `AWS::StepFunctions::StateMachine ${logicalId}`;
    const props = (resolve(resource.Properties ?? {}, where) ?? {}) as Record<string, unknown>;
    const definition = parseDefinition(props, where);
    if (JSON.stringify(definition).includes('"QueryLanguage":"JSONata"')) {
      throw new Error(`${where}: JSONata definitions cannot run locally (aws-local-stepfunctions ignores JSONata); write it in JSONPath`);
    }
    try {
      // Validates with asl-validator, as AWS validates on deployment.
      new StateMachine(definition as ConstructorParameters<typeof StateMachine>[0]);
    } catch (error) {
      throw new Error(`${where}: ${(error as Error).message}`);
    }
    const type = props.StateMachineType === 'EXPRESS' ? 'EXPRESS' : 'STANDARD';
    if (type === 'EXPRESS') refuseWaitingTasks(definition, where);
    const prepared = prepareDefinition(definition, where, type === 'EXPRESS' ? EXPRESS_MAX_SECONDS : undefined);
    return {
      logicalId,
      type,
      name: naming.name(logicalId),
      arn: naming.arn(logicalId),
      roleArn: typeof props.RoleArn === 'string' ? props.RoleArn : `arn:aws:iam::000000000000:role/${naming.name(logicalId)}`,
      prepared,
      machine: new StateMachine(prepared.definition, { validationOptions: { noValidate: true } }),
    };
  });
}

/** AWS ends an Express execution after 5 minutes (States.Timeout). */
export const EXPRESS_MAX_SECONDS = 300;

/** AWS refuses to create an Express state machine with a .sync or .waitForTaskToken task. */
function refuseWaitingTasks(definition: unknown, where: string): void {
  const waiting = /"Resource":"(arn:aws:states:::[^"]*\.(?:sync(?::2)?|waitForTaskToken))"/.exec(JSON.stringify(definition));
  if (waiting) throw new Error(`${where}: an EXPRESS state machine cannot run ${waiting[1]} (AWS allows it in STANDARD only)`);
}

/** The plain ASL of a resolved state machine resource's properties. */
export function parseDefinition(props: Record<string, unknown>, where: string): unknown {
  let text: string;
  if (typeof props.DefinitionString === 'string') text = props.DefinitionString;
  else if (props.Definition && typeof props.Definition === 'object') text = JSON.stringify(props.Definition);
  else throw new Error(`${where}: needs DefinitionString or Definition (DefinitionS3Location cannot run locally)`);
  const substitutions = (props.DefinitionSubstitutions ?? {}) as Record<string, unknown>;
  text = text.replace(/\$\{([^}]+)\}/g, (match, key: string) => (key in substitutions ? String(substitutions[key]) : match));
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${where}: the definition is not JSON: ${(error as Error).message}`);
  }
}
