/** Hidden field carrying the anti-CSRF token; every state-changing form includes it. */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}
