/**
 * The ARN of a request's execution of a state machine: executions are named by request
 * id, so each request has at most one workflow and one deadline-watch execution.
 */
export function executionArnOf(stateMachineArn: string, requestId: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${requestId}`;
}
