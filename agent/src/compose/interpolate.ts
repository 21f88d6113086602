import { isMap, isPair, isScalar, isSeq, visit, type Document } from "yaml";

/** Where interpolation reads variables: the shell environment over the project's .env. */
export type VariableLookup = (name: string) => string | undefined;

/** A template that cannot be expanded; `variable` is set when a required variable was missing. */
export class InterpolationError extends Error {
  constructor(
    message: string,
    readonly variable?: string,
  ) {
    super(message);
  }
}

export interface TemplateResult {
  value: string;
  /** Variables used without an operator while unset: compose warns and substitutes "". */
  unset: string[];
}

const NAME_START = /[_a-z]/i;
const NAME_CHAR = /[_a-z0-9]/i;
const BRACED = /^([_a-z][_a-z0-9]*)(:\?|:-|:\+|\?|-|\+)?([\s\S]*)$/i;

/**
 * Expands one string the way compose-go's template package does: `$$` is a literal `$`, a `$`
 * not followed by a name or `{` stays literal, and the operand of a braced operator is itself a
 * template, expanded only when it is used (so `${A:-${B:?}}` does not fail while A is set).
 */
export function interpolateTemplate(template: string, lookup: VariableLookup): TemplateResult {
  const unset: string[] = [];
  let out = "";
  let i = 0;
  while (i < template.length) {
    const dollar = template.indexOf("$", i);
    if (dollar < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, dollar);
    const next = template[dollar + 1];
    if (next === "$") {
      out += "$";
      i = dollar + 2;
    } else if (next !== undefined && NAME_START.test(next)) {
      let end = dollar + 2;
      while (end < template.length && NAME_CHAR.test(template[end] ?? "")) end++;
      out += substitute(template.slice(dollar + 1, end), undefined, "", lookup, unset);
      i = end;
    } else if (next === "{") {
      const close = closingBrace(template, dollar + 2);
      if (close < 0) throw new InterpolationError(`Invalid template: "${template.slice(dollar)}"`);
      const match = BRACED.exec(template.slice(dollar + 2, close));
      if (!match || (match[2] === undefined && match[3] !== "")) {
        throw new InterpolationError(`Invalid template: "${template.slice(dollar, close + 1)}"`);
      }
      out += substitute(match[1] ?? "", match[2], match[3] ?? "", lookup, unset);
      i = close + 1;
    } else {
      out += "$";
      i = dollar + 1;
    }
  }
  return { value: out, unset };
}

/** Index of the `}` closing a `${` whose content starts at `from`, counting nested braces. */
function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return i;
  }
  return -1;
}

function substitute(
  name: string,
  operator: string | undefined,
  operand: string,
  lookup: VariableLookup,
  unset: string[],
): string {
  const value = lookup(name);
  const expand = () => {
    const inner = interpolateTemplate(operand, lookup);
    unset.push(...inner.unset);
    return inner.value;
  };
  switch (operator) {
    case undefined:
      if (value === undefined) unset.push(name);
      return value ?? "";
    case ":-":
      return value === undefined || value === "" ? expand() : value;
    case "-":
      return value === undefined ? expand() : value;
    case ":+":
      return value !== undefined && value !== "" ? expand() : (value ?? "");
    case "+":
      return value !== undefined ? expand() : "";
    default: {
      const missing = operator === ":?" ? value === undefined || value === "" : value === undefined;
      if (!missing) return value ?? "";
      const message = expand();
      throw new InterpolationError(
        `required variable ${name} is missing a value${message ? `: ${message}` : ""}`,
        name,
      );
    }
  }
}

/** A problem found while interpolating a document, at a node's source offset. */
export interface InterpolationProblem {
  message: string;
  /** Dotted path to the value, e.g. `services.web.image` or `services.web.ports[0]`. */
  path: string;
  /** Character offset of the value in the file, for line and column. */
  offset: number;
}

export interface DocumentInterpolation {
  errors: InterpolationProblem[];
  warnings: InterpolationProblem[];
}

/**
 * Interpolates every string value of a parsed document in place. Keys are left alone: compose
 * never interpolates mapping keys (only `KEY=VAL` list entries, which are values here).
 */
export function interpolateDocument(doc: Document, lookup: VariableLookup): DocumentInterpolation {
  const result: DocumentInterpolation = { errors: [], warnings: [] };
  visit(doc, {
    Scalar(key, node, ancestors) {
      if (key === "key" || typeof node.value !== "string") return;
      const path = pathOf(ancestors, node);
      const offset = node.range?.[0] ?? 0;
      try {
        const expanded = interpolateTemplate(node.value, lookup);
        node.value = expanded.value;
        for (const name of expanded.unset) {
          result.warnings.push({
            message: `The "${name}" variable is not set. Defaulting to a blank string.`,
            path,
            offset,
          });
        }
      } catch (error) {
        if (!(error instanceof InterpolationError)) throw error;
        result.errors.push({ message: `${error.message} (at ${path})`, path, offset });
      }
    },
  });
  return result;
}

/** Builds the dotted path of a value node from the ancestors `visit` hands over. */
function pathOf(ancestors: readonly unknown[], node: unknown): string {
  let path = "";
  const chain = [...ancestors, node];
  for (let i = 0; i < chain.length - 1; i++) {
    const parent = chain[i];
    const child = chain[i + 1];
    if (isPair(parent) && isMap(chain[i - 1])) {
      const key = isScalar(parent.key) ? String(parent.key.value) : String(parent.key);
      path += path ? `.${key}` : key;
    } else if (isSeq(parent)) {
      path += `[${parent.items.indexOf(child as never)}]`;
    }
  }
  return path;
}
