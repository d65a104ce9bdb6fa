/** Reads a handler's configuration from its environment, failing loudly on a missing name. */
export function requireEnv(env: Record<string, string | undefined>, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}
