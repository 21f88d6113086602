/**
 * Splits a pasted shell line into words the way a POSIX shell would, without running or
 * expanding anything: `$VAR`, `$(cmd)` and backticks stay literal text. Pure and browser-safe.
 */

export interface ShellWords {
  words: string[];
  /** Plain-words problems, e.g. a quote that is never closed. */
  errors: string[];
  /** The shell operator (`&&`, `|`, `;`, `>` …) where reading stopped, or null. */
  stoppedAt: string | null;
}

const OPERATOR_CHARS = new Set([";", "&", "|", "<", ">"]);
const isBlank = (c: string) => c === " " || c === "\t" || c === "\n" || c === "\r";

/** Reads from `open` (a `(` after `$`) to its matching `)`; returns the index after it. */
function skipParens(line: string, open: number): number {
  let depth = 0;
  for (let i = open; i < line.length; i += 1) {
    const c = line[i];
    if (c === "\\") i += 1;
    else if (c === "(") depth += 1;
    else if (c === ")") {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

export function splitShellWords(line: string): ShellWords {
  const words: string[] = [];
  const errors: string[] = [];
  let word: string | null = null;
  let stoppedAt: string | null = null;
  const end = () => {
    if (word !== null) words.push(word);
    word = null;
  };

  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (isBlank(c)) {
      end();
      i += 1;
    } else if (c === "\\") {
      const next = line[i + 1];
      if (next === "\n") i += 2;
      else if (next === "\r" && line[i + 2] === "\n") i += 3;
      else if (next === undefined) i += 1;
      else {
        word = (word ?? "") + next;
        i += 2;
      }
    } else if (c === "'") {
      const close = line.indexOf("'", i + 1);
      if (close < 0) {
        errors.push("A single quote (') is never closed.");
        word = (word ?? "") + line.slice(i + 1);
        i = line.length;
      } else {
        word = (word ?? "") + line.slice(i + 1, close);
        i = close + 1;
      }
    } else if (c === '"') {
      let text = "";
      let j = i + 1;
      let closed = false;
      while (j < line.length) {
        const d = line[j]!;
        if (d === '"') {
          closed = true;
          break;
        }
        if (d === "\\") {
          const next = line[j + 1];
          if (next === "\n") {
            j += 2;
            continue;
          }
          if (next === "\r" && line[j + 2] === "\n") {
            j += 3;
            continue;
          }
          if (next === "$" || next === "`" || next === '"' || next === "\\") {
            text += next;
            j += 2;
            continue;
          }
        }
        text += d;
        j += 1;
      }
      if (!closed) errors.push('A double quote (") is never closed.');
      word = (word ?? "") + text;
      i = closed ? j + 1 : line.length;
    } else if (c === "#" && word === null) {
      const nl = line.indexOf("\n", i);
      i = nl < 0 ? line.length : nl;
    } else if (c === "$" && line[i + 1] === "(") {
      const close = skipParens(line, i + 1);
      const stop = close < 0 ? line.length : close;
      if (close < 0) errors.push("A $( is never closed.");
      word = (word ?? "") + line.slice(i, stop);
      i = stop;
    } else if (c === "`") {
      const close = line.indexOf("`", i + 1);
      const stop = close < 0 ? line.length : close + 1;
      if (close < 0) errors.push("A backquote (`) is never closed.");
      word = (word ?? "") + line.slice(i, stop);
      i = stop;
    } else if (OPERATOR_CHARS.has(c)) {
      // A redirection's file descriptor (`2>`) belongs to the operator, not to the command.
      const fd: string | null =
        word !== null && (c === ">" || c === "<") && /^\d+$/.test(word) ? word : null;
      if (fd === null) end();
      let op = fd ?? "";
      while (i < line.length && OPERATOR_CHARS.has(line[i]!)) op += line[i++];
      stoppedAt = op;
      word = null;
      break;
    } else {
      word = (word ?? "") + c;
      i += 1;
    }
  }
  end();
  return { words, errors, stoppedAt };
}

const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes one word so a POSIX shell reads it back unchanged. */
export function quoteShellWord(word: string): string {
  if (word === "") return "''";
  if (SAFE_WORD.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Joins words into one line a POSIX shell splits back into the same words. */
export function joinShellWords(words: readonly string[]): string {
  return words.map(quoteShellWord).join(" ");
}
