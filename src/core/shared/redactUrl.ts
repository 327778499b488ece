/**
 * Secrets inside URLs, hidden before a URL is shown, logged or journaled. One rule for every
 * place that prints a database, center or webhook address (pure).
 */

/** One URL with its password shown as *** (`postgres://u:PW@h/db` → `postgres://u:***@h/db`); the user stays readable. */
export function redactUrl(url: string): string {
  // Up to the last @ before the path: a password may hold a raw @ (not percent-encoded), and
  // stopping at the first one would show the rest of it.
  return url.replace(/^([a-z][a-z0-9+]*:\/\/[^:/@]*):[^/]*@/i, '$1:***@');
}

/** Every URL in a text (a setting's value, a message) with its password shown as ***. */
export function redactUrlsInText(text: string): string {
  return text.replace(/([a-z][a-z0-9+]*:\/\/[^:/@\s]*):[^/\s]*@/gi, '$1:***@');
}

/**
 * Only the scheme and host of a URL, its path shown as `/…` (`https://robot.example/send?key=K` →
 * `https://robot.example/…`): for a webhook or robot address, whose key sits in the path or query.
 */
export function redactUrlPath(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname.length > 1 ? '/…' : ''}`;
  } catch {
    return '(url)';
  }
}

/**
 * One URL with its whole user information shown as *** (`https://tok:x@h` → `https://***@h`): for
 * a center address, where a user part alone may be an access token.
 */
export function redactUserInfo(url: string): string {
  return url.replace(/(\/\/)[^/\s]*@/, '$1***@');
}
