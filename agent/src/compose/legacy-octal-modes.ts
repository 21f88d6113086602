import { isPair, isScalar, visit, type Document } from "yaml";

/**
 * `mode: 0440` is octal to compose (Go's YAML reads legacy octal) but decimal 440 to YAML 1.2.
 * File modes are only ever meant as octal, so plain `mode` values written with a leading zero
 * are read as octal, before the document becomes plain values.
 */
export function readLegacyOctalModes(doc: Document): void {
  visit(doc, {
    Pair(_key, pair) {
      if (!isPair(pair) || !isScalar(pair.key) || pair.key.value !== "mode") return;
      const value = pair.value;
      if (!isScalar(value) || value.type !== "PLAIN") return;
      if (typeof value.source === "string" && /^0[0-7]+$/.test(value.source)) {
        value.value = parseInt(value.source, 8);
      }
    },
  });
}
