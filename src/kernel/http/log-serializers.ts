/**
 * What an error may carry into the logs. A database error's `detail` (and `where`, `hint`)
 * quotes the row it tripped on — « Key (email_normalized)=(jeanne@exemple.fr) already
 * exists » — so only its kind, message, SQLSTATE code, constraint, table, column and stack
 * are kept: enough to find the bug, never the person.
 */
export interface SerializedError {
  [key: string]: unknown;
  type: string;
  message: string;
  stack: string;
}

export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { type: typeof error, message: String(error), stack: '' };
  const fields = error as Error & Record<string, unknown>;
  const kept: SerializedError = { type: error.name, message: error.message, stack: error.stack ?? '' };
  for (const key of ['code', 'constraint', 'table', 'column', 'statusCode'] as const) {
    if (typeof fields[key] === 'string' || typeof fields[key] === 'number') kept[key] = fields[key];
  }
  if (error.cause !== undefined) kept.cause = serializeError(error.cause);
  return kept;
}
