/** Which store the e2e hubs use: `sqlite` (the default, as `npm start` runs) or `postgres` (WARROOM_E2E_STORE). */
export function e2eStore(env: NodeJS.ProcessEnv = process.env): 'sqlite' | 'postgres' {
  const value = env.WARROOM_E2E_STORE ?? 'sqlite';
  if (value !== 'sqlite' && value !== 'postgres')
    throw new Error(`WARROOM_E2E_STORE must be sqlite or postgres, not "${value}"`);
  return value;
}
