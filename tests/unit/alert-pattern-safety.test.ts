import { describe, expect, it } from "vitest";
import { AlertConditionSchema, nestsUnboundedRepetition } from "@/lib/protocol";

describe("log patterns that could stall the server", () => {
  it.each(["(a+)+$", "(\\w*\\s)*x", "([a-z]+)*", "(?:x{2,})+", "((ab)+c)*"])(
    "refuses %s",
    (pattern) => {
      expect(nestsUnboundedRepetition(pattern)).toBe(true);
      const parsed = AlertConditionSchema.safeParse({ kind: "log_pattern", pattern });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(/can stall the server/);
    },
  );

  it.each(["ERROR", "timeout after \\d+ ms", "(foo|bar)+", "[a+]+", "\\(a+\\)+", "(a)+", "a+b+"])(
    "accepts %s",
    (pattern) => {
      expect(nestsUnboundedRepetition(pattern)).toBe(false);
      expect(AlertConditionSchema.safeParse({ kind: "log_pattern", pattern }).success).toBe(true);
    },
  );
});
