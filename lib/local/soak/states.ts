import type { CfnTemplate } from '../../local-runtime/index.js';

interface AslStates {
  States?: Record<string, { Retry?: unknown[]; ItemProcessor?: AslStates; Iterator?: AslStates; Branches?: AslStates[] }>;
}

/**
 * The names of every state with a Retry in the template's state machines, nested Map and
 * Parallel states included: a soak gives them all a short retry interval (the local
 * runtime's `retryIntervalOverrides`), so that hours of production backoff take seconds.
 * The definitions are read as their Fn::Join strings with each token left out: the names
 * and Retry blocks are literal text, the tokens only ARNs inside strings.
 */
export function retryingStates(template: CfnTemplate): string[] {
  const names = new Set<string>();
  const visit = (asl: AslStates | undefined) => {
    for (const [name, state] of Object.entries(asl?.States ?? {})) {
      if (state.Retry?.length) names.add(name);
      visit(state.ItemProcessor ?? state.Iterator);
      state.Branches?.forEach(visit);
    }
  };
  for (const resource of Object.values<any>(template.Resources)) {
    if (resource.Type !== 'AWS::StepFunctions::StateMachine') continue;
    visit(JSON.parse(literalText(resource.Properties.DefinitionString)) as AslStates);
  }
  return [...names].sort();
}

function literalText(value: unknown): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (!join) return 'token';
  return join[1].map(literalText).join(join[0]);
}
