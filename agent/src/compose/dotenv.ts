import { interpolateTemplate, InterpolationError, type VariableLookup } from "./interpolate";

/** A malformed line of a `.env` or `env_file`; `line` is 1-based. */
export class DotenvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

export interface DotenvOptions {
  /** Variables for `${X}` and for bare `KEY` lines; keys parsed earlier in the file come next. */
  lookup?: VariableLookup;
  /** `env_file` with `format: raw`: the text after `=` is the value, with no unquoting. */
  raw?: boolean;
}

const KEY = /^[A-Za-z0-9_.\-[\]]+$/;
const ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", "\\": "\\", '"': '"' };

/**
 * Parses dotenv text as compose-go's dotenv parser does: `#` comment lines, an optional
 * `export `, `=` or `:` between key and value, single quotes literal, double quotes with escapes
 * and spanning lines, unquoted values trimmed and cut at ` #`, and a bare `KEY` taking its value
 * from the lookup (skipped when unset there). Double-quoted and unquoted values are interpolated.
 */
export function parseDotenv(text: string, options: DotenvOptions = {}): Map<string, string> {
  const values = new Map<string, string>();
  const lookup: VariableLookup = (name) => options.lookup?.(name) ?? values.get(name);
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  for (let index = 0; index < lines.length; index++) {
    const lineNumber = index + 1;
    const line = (lines[index] ?? "").trimStart();
    if (line === "" || line.startsWith("#")) continue;
    const body = line.startsWith("export ") ? line.slice("export ".length).trimStart() : line;
    const separator = body.search(/[=:]/);
    const key = (separator < 0 ? body : body.slice(0, separator)).trimEnd();
    if (!KEY.test(key)) {
      throw new DotenvError(`invalid variable name ${JSON.stringify(key)}`, lineNumber);
    }
    if (separator < 0) {
      const inherited = lookup(key);
      if (inherited !== undefined) values.set(key, inherited);
      continue;
    }
    let rest = body.slice(separator + 1);
    if (options.raw) {
      values.set(key, rest);
      continue;
    }
    rest = rest.trimStart();
    const quote = rest[0];
    if (quote === "'" || quote === '"') {
      // A quoted value may continue on the following lines until its closing quote.
      let joined = rest;
      let last = index;
      let close = closingQuote(joined, quote);
      while (close < 0 && last + 1 < lines.length) {
        joined += `\n${lines[++last] ?? ""}`;
        close = closingQuote(joined, quote);
      }
      if (close < 0) throw new DotenvError(`unterminated ${quote} quote`, lineNumber);
      const after = joined.slice(close + 1).trim();
      if (after !== "" && !after.startsWith("#")) {
        throw new DotenvError(`unexpected text after the closing quote: ${after}`, last + 1);
      }
      const inner = joined.slice(1, close);
      values.set(key, quote === "'" ? inner : expand(unescape(inner), lookup, lineNumber));
      index = last;
      continue;
    }
    const comment = rest.search(/\s#/);
    const value = (comment < 0 ? rest : rest.slice(0, comment)).trim();
    values.set(key, expand(value, lookup, lineNumber));
  }
  return values;
}

/** Index of the closing quote, skipping backslash escapes inside double quotes. */
function closingQuote(text: string, quote: string): number {
  for (let i = 1; i < text.length; i++) {
    if (quote === '"' && text[i] === "\\") i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}

/** Double-quote escapes; `\$` becomes `$$` so that interpolation then leaves a literal `$`. */
function unescape(text: string): string {
  return text.replace(/\\(.)/gs, (whole, char: string) =>
    char === "$" ? "$$" : (ESCAPES[char] ?? whole),
  );
}

function expand(value: string, lookup: VariableLookup, line: number): string {
  try {
    return interpolateTemplate(value, lookup).value;
  } catch (error) {
    if (error instanceof InterpolationError) throw new DotenvError(error.message, line);
    throw error;
  }
}
