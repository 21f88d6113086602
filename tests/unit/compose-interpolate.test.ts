import { parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { interpolateDocument, interpolateTemplate } from "../../agent/src/compose/interpolate";

const env: Record<string, string> = { HOST: "example.org", EMPTY: "", TAG: "1.2", B: "bee" };
const lookup = (name: string) => env[name];
const expand = (template: string) => interpolateTemplate(template, lookup).value;

describe("interpolateTemplate", () => {
  it.each([
    ["$HOST:80", "example.org:80"],
    ["${HOST}x", "example.orgx"],
    ["${MISSING:-d}|${EMPTY:-d}|${HOST:-d}", "d|d|example.org"],
    ["${MISSING-d}|${EMPTY-d}", "d|"],
    ["${MISSING:+alt}|${EMPTY:+alt}|${HOST:+alt}", "||alt"],
    ["${MISSING+alt}|${EMPTY+alt}", "|alt"],
    ["${MISSING:-${ALSO:-${B}}}", "bee"],
    ["${HOST:-${MISSING:?never evaluated}}", "example.org"],
    ["price $$5 and $$HOST", "price $5 and $HOST"],
    ["$1 $ trailing$", "$1 $ trailing$"],
    ["${EMPTY?set but empty}", ""],
  ])("expands %s", (template, expected) => {
    expect(expand(template)).toBe(expected);
  });

  it("reports variables used unset without an operator, and substitutes nothing", () => {
    expect(interpolateTemplate("a${NOPE}b$NADA", lookup)).toEqual({
      value: "ab",
      unset: ["NOPE", "NADA"],
    });
  });

  it.each([
    ["${MISSING:?need it}", "required variable MISSING is missing a value: need it"],
    ["${EMPTY:?no empties}", "required variable EMPTY is missing a value: no empties"],
    ["${MISSING?}", "required variable MISSING is missing a value"],
    ["${MISSING:?tag $TAG}", "required variable MISSING is missing a value: tag 1.2"],
  ])("fails on %s", (template, message) => {
    expect(() => expand(template)).toThrow(message);
  });

  it.each(["${}", "${1A}", "${HOST", "${HOST x}"])(
    "rejects the malformed template %s",
    (template) => {
      expect(() => expand(template)).toThrow(/Invalid template/);
    },
  );
});

describe("interpolateDocument", () => {
  it("expands values, never mapping keys", () => {
    const doc = parseDocument(
      "services:\n  web:\n    image: nginx:${TAG}\n    labels:\n      $HOST: v-$HOST\n",
    );
    const result = interpolateDocument(doc, lookup);
    expect(result.errors).toEqual([]);
    expect(doc.toJS()).toEqual({
      services: { web: { image: "nginx:1.2", labels: { $HOST: "v-example.org" } } },
    });
  });

  it("names the path and the offset of a missing required variable", () => {
    const text =
      "services:\n  web:\n    image: ${IMAGE:?set IMAGE}\n    ports:\n      - ${P:?port}\n";
    const doc = parseDocument(text);
    const result = interpolateDocument(doc, lookup);
    expect(result.errors).toEqual([
      {
        message: "required variable IMAGE is missing a value: set IMAGE (at services.web.image)",
        path: "services.web.image",
        offset: text.indexOf("${IMAGE"),
      },
      {
        message: "required variable P is missing a value: port (at services.web.ports[0])",
        path: "services.web.ports[0]",
        offset: text.indexOf("${P:"),
      },
    ]);
  });

  it("warns about unset variables at their path", () => {
    const doc = parseDocument("name: app-$STAGE\n");
    expect(interpolateDocument(doc, lookup).warnings.map((w) => w.path)).toEqual(["name"]);
    expect(doc.toJS()).toEqual({ name: "app-" });
  });
});
