import { ComposeFieldError } from "./compose-field-error";

/**
 * Splits a `command:` or `entrypoint:` string as compose does (shellwords, no shell run): spaces
 * separate words, quotes group them, a backslash escapes the next character outside single quotes.
 */
export function shellWords(text: string, path: (string | number)[]): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? "";
    if (quote) {
      if (char === quote) quote = undefined;
      else if (char === "\\" && quote === '"' && i + 1 < text.length) word += text[++i];
      else word += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      inWord = true;
    } else if (char === "\\" && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (quote) throw new ComposeFieldError(path, `unterminated ${quote} quote`);
  if (inWord) words.push(word);
  return words;
}

/** A string or list `command:`/`entrypoint:` as the engine's argument list; null and absent stay unset. */
export function argumentList(value: unknown, path: (string | number)[]): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map(String);
  return shellWords(String(value), path);
}
