import type { ComposeProblem } from "@/lib/protocol";

/** Where a problem sits in an editor's text: 1-based line and column, and the text offset. */
export type TextPosition = { line: number; column: number; offset: number };

/** The offset of each line's first character. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i += 1) if (text[i] === "\n") starts.push(i + 1);
  return starts;
}

/**
 * The offset of a 1-based line and column, kept inside the text: a line past the end goes to the
 * last line, a column past the line's end to its end (problems may point one past the last
 * character, or at a line the user has since deleted).
 */
export function positionOf(text: string, line: number, column: number): TextPosition {
  const starts = lineStarts(text);
  const lineIndex = Math.min(Math.max(line, 1), starts.length) - 1;
  const start = starts[lineIndex]!;
  const next = starts[lineIndex + 1];
  const end = next === undefined ? text.length : next - 1;
  const offset = Math.min(start + Math.max(column, 1) - 1, end);
  return { line: lineIndex + 1, column: offset - start + 1, offset };
}

/** The 1-based line and column of a text offset (a caret). */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lastBreak = before.lastIndexOf("\n");
  return { line: before.split("\n").length, column: before.length - lastBreak };
}

/** A stack file's path as problems name it: without a leading `./`. */
export function samePath(a: string, b: string): boolean {
  const clean = (p: string) => p.replace(/^(\.\/)+/, "");
  return clean(a) === clean(b);
}

/** The problems of one file, by line, each line's in column order. */
export function problemsByLine(
  problems: readonly ComposeProblem[],
  path: string,
): Map<number, ComposeProblem[]> {
  const byLine = new Map<number, ComposeProblem[]>();
  for (const problem of problems.filter((p) => samePath(p.file, path))) {
    const list = byLine.get(problem.line) ?? [];
    list.push(problem);
    byLine.set(problem.line, list);
  }
  for (const list of byLine.values()) list.sort((a, b) => a.column - b.column);
  return byLine;
}
