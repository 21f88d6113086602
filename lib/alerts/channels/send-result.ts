/** What one attempt to notify a channel came to: the receiver's status and answer, in words. */
export type SendResult = {
  ok: boolean;
  /** HTTP status or SMTP reply code; null when nothing answered */
  code: number | null;
  /** the receiver's answer or the error, at most RESPONSE_MAX_BYTES, secrets scrubbed */
  response: string;
};

/** How much of a receiver's answer is kept. */
export const RESPONSE_MAX_BYTES = 1024;

/**
 * The secret values replaced in everything stored or shown about a delivery. A URL that is
 * itself a secret (Slack, Discord) also hides its path alone, as error texts may quote just that.
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  const needles = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    needles.add(secret);
    needles.add(encodeURIComponent(secret));
    try {
      const url = new URL(secret);
      const rest = url.pathname + url.search;
      if (rest.length > 1) {
        needles.add(rest);
        needles.add(url.pathname);
      }
    } catch {
      // not a URL: the value itself is enough
    }
  }
  let scrubbed = text;
  // the longest first, so a URL is hidden whole before its path is
  for (const needle of [...needles].sort((a, b) => b.length - a.length)) {
    if (needle.length < 2) continue;
    scrubbed = scrubbed.split(needle).join("[secret]");
  }
  return scrubbed;
}
