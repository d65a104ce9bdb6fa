/** The executions parked on a task token, waiting for a person (Step Functions' callback pattern). */
export interface WorkflowCallbacks {
  /**
   * Resumes the execution parked with this task token, handing it `output`; false when
   * it no longer waits (the task timed out, the execution ended, the token is unknown).
   */
  resume(taskToken: string, output: Record<string, unknown>): Promise<boolean>;
}
