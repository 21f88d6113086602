import { LOG_PATTERN_LINE_MAX } from "@/lib/protocol";

export type PatternTestResult =
  | { ok: false; error: string }
  | { ok: true; matched: false }
  | { ok: true; matched: true; match: string };

/**
 * Matches a pasted log line against a rule's pattern in the browser, as the server does: the
 * line's first LOG_PATTERN_LINE_MAX characters, a JavaScript regular expression.
 */
export function testPattern(pattern: string, ignoreCase: boolean, line: string): PatternTestResult {
  if (!pattern) return { ok: false, error: "Enter a pattern." };
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, ignoreCase ? "i" : "");
  } catch (err) {
    return {
      ok: false,
      error: `That is not a valid regular expression: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
  const found = regex.exec(line.slice(0, LOG_PATTERN_LINE_MAX));
  return found ? { ok: true, matched: true, match: found[0] } : { ok: true, matched: false };
}
