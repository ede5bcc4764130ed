import { userNameSchema } from '../../shared/domain/primitives.js';
import { UsageError } from './cli-io.js';

/**
 * The NAME of `token create --user NAME`: held to the app's rule for single-line text (visible characters, no
 * text-direction controls, one line), the same schema everywhere, since the name is shown on every incident.
 */
export function userNameArg(value: string | undefined): string {
  if (value === undefined) throw new UsageError('--user NAME is required (1-100 characters)');
  const name = userNameSchema.safeParse(value);
  if (name.success) return name.data;
  const why = name.error.issues[0]?.message ?? 'The name is not valid.';
  throw new UsageError(`--user: ${why} Nothing was created.`);
}
