/**
 * Adds a service to a compose file's text, keeping the user's comments and layout: the file is
 * edited as a YAML document, not rebuilt from data. Pure and browser-safe.
 */
import { isMap, isScalar, parseDocument, visit, type Node } from "yaml";
import type { ServiceFromRunSpec } from "./service-from-run-spec";

export type AppendServiceResult = { text: string } | { error: string };

/** The service keys of a compose file's text (none when it does not parse). */
export function serviceNames(text: string): Set<string> {
  const doc = parseDocument(text);
  const services = doc.errors.length === 0 ? doc.get("services") : null;
  if (!isMap(services)) return new Set();
  return new Set(
    services.items.flatMap((pair) => (isScalar(pair.key) ? [String(pair.key.value)] : [])),
  );
}

/** Quotes values YAML readers could take for numbers or times ("8080:80", "1.10"). */
function quoteAmbiguous(node: Node): void {
  visit(node, {
    Scalar(key, scalar) {
      if (key !== "key" && typeof scalar.value === "string" && /^[\d.:]+$/.test(scalar.value))
        scalar.type = "QUOTE_DOUBLE";
    },
  });
}

/**
 * `text` with `added` appended under `services:` and the volumes and external networks it needs
 * declared at the top level (existing declarations are left as they are).
 */
export function appendService(text: string, added: ServiceFromRunSpec): AppendServiceResult {
  const doc = parseDocument(text);
  if (doc.errors.length > 0)
    return {
      error: "Fix the compose file's YAML first; the service is added to a file that parses.",
    };
  if (doc.contents !== null && !isMap(doc.contents))
    return { error: "The compose file's top level is not a mapping." };
  const services = doc.get("services");
  if (services !== undefined && services !== null && !isMap(services))
    return { error: "services: is not a mapping in this file." };

  const serviceNode = doc.createNode(added.service);
  quoteAmbiguous(serviceNode);
  doc.setIn(["services", added.name], serviceNode);
  for (const volume of added.volumes)
    if (!doc.hasIn(["volumes", volume])) doc.setIn(["volumes", volume], doc.createNode({}));
  for (const network of added.externalNetworks)
    if (!doc.hasIn(["networks", network]))
      doc.setIn(["networks", network], doc.createNode({ external: true }));
  return { text: doc.toString() };
}
