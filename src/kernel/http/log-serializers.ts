/**
 * What an error may carry into the logs. A database error's `detail` (and `where`, `hint`)
 * quotes the row it tripped on — « Key (email_normalized)=(jeanne@exemple.fr) already
 * exists » — so only its kind, message, SQLSTATE code, constraint, table, column and stack
 * are kept (and not even the message of a data exception, which quotes the value): enough
 * to find the bug, never the person.
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
  // Data exceptions (SQLSTATE class 22: « invalid input syntax for type uuid: "jeanne@…" »)
  // quote the value in their message, and the stack starts with the message.
  if (typeof fields.code === 'string' && fields.code.startsWith('22')) {
    kept.message = `valeur refusée par la base (SQLSTATE ${fields.code})`;
    kept.stack = kept.stack.split('\n').filter((line) => /^\s+at /.test(line)).join('\n');
  }
  for (const key of ['code', 'constraint', 'table', 'column', 'statusCode'] as const) {
    if (typeof fields[key] === 'string' || typeof fields[key] === 'number') kept[key] = fields[key];
  }
  if (error.cause !== undefined) kept.cause = serializeError(error.cause);
  return kept;
}
