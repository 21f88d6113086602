import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node,
} from "yaml";
import type { ComposeProblem } from "@/lib/protocol";
import { interpolateDocument, type VariableLookup } from "./interpolate";
import { readLegacyOctalModes } from "./legacy-octal-modes";

/** One compose file, parsed and interpolated, with what is needed to place a problem in it. */
export interface ParsedComposeFile {
  file: string;
  doc: Document;
  lineCounter: LineCounter;
  /** The interpolated content as plain values. */
  content: unknown;
}

export interface ComposeFileParse {
  parsed?: ParsedComposeFile;
  errors: ComposeProblem[];
  warnings: ComposeProblem[];
}

/**
 * Parses and interpolates one file. `merge: true` because compose files rely on `<<` with anchors,
 * which YAML 1.2 leaves off; duplicate keys stay errors, as in compose. Interpolation runs per file
 * before extends and merge, as compose-go does.
 */
export function parseComposeFile(
  file: string,
  text: string,
  lookup: VariableLookup,
): ComposeFileParse {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, merge: true, prettyErrors: true });
  const at = (offset: number, message: string): ComposeProblem => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col, message };
  };
  const errors = doc.errors.map((error) =>
    at(error.pos[0], error.message.split("\n")[0] ?? error.message),
  );
  // Merge tags change how files combine; loading without their meaning would deploy the wrong thing.
  visit(doc, (_key, node) => {
    const tagged = isScalar(node) || isMap(node) || isSeq(node);
    if (tagged && (node.tag === "!reset" || node.tag === "!override")) {
      errors.push(at(node.range?.[0] ?? 0, `the ${node.tag} tag is not supported yet`));
    }
  });
  if (errors.length > 0) return { errors, warnings: [] };
  const interpolation = interpolateDocument(doc, lookup);
  const result = {
    errors: interpolation.errors.map((problem) => at(problem.offset, problem.message)),
    warnings: interpolation.warnings.map((problem) => at(problem.offset, problem.message)),
  };
  if (result.errors.length > 0) return result;
  readLegacyOctalModes(doc);
  return {
    ...result,
    parsed: { file, doc, lineCounter, content: doc.toJS({ maxAliasCount: 1000 }) },
  };
}

/**
 * Finds where a path of the merged model was written: the deepest node found along the path,
 * searching the later files first because their values won the merge. Falls back to the top of
 * the first file when no file has even the first segment.
 */
export function locateInFiles(
  files: ParsedComposeFile[],
  path: (string | number)[],
  message: string,
  atKey = false,
): ComposeProblem {
  let best: { file: ParsedComposeFile; node: Node; depth: number } | undefined;
  for (const file of [...files].reverse()) {
    let node: unknown = file.doc.contents;
    for (let depth = 0; depth < path.length; depth++) {
      const segment = path[depth];
      const last = depth === path.length - 1;
      const child =
        atKey && last && isMap(node)
          ? node.items.find(
              (pair) => isScalar(pair.key) && String(pair.key.value) === String(segment),
            )?.key
          : isMap(node) || isSeq(node)
            ? (node.get(segment, true) as unknown)
            : undefined;
      if (!child || typeof child !== "object" || !("range" in child)) break;
      node = child;
      if (!best || depth + 1 > best.depth) best = { file, node: child as Node, depth: depth + 1 };
    }
  }
  const target = best ?? (files[0] ? { file: files[0], node: undefined, depth: 0 } : undefined);
  if (!target) return { file: "", line: 1, column: 1, message };
  const offset = target.node?.range?.[0] ?? 0;
  const { line, col } = target.file.lineCounter.linePos(offset);
  return { file: target.file.file, line, column: col, message };
}
