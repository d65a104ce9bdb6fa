/**
 * The Lambda entry point of a handler built by `createHandler(env)`. Building on first
 * call, not at import, lets the local runtime import the module and call createHandler
 * with each function's own environment.
 */
export function lambdaEntry<H extends (event: never, context: never) => unknown>(
  createHandler: (env: Record<string, string>) => H,
): H {
  let built: H | undefined;
  return ((event: never, context: never) => {
    built ??= createHandler(process.env as Record<string, string>);
    return built(event, context);
  }) as H;
}
