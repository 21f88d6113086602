import { BerthError } from "@/lib/protocol";
import type { SessionUser } from "@/lib/auth/session-user";
import { recordAudit, type AuditEntry } from "./record-audit";

export type AuditContext = Omit<AuditEntry, "actor" | "outcome" | "error"> & { actor: SessionUser };

/**
 * Runs a mutating action and writes its one audit row: SUCCESS, DENIED when the guard refused,
 * FAILURE with the reason otherwise. The action's own error is rethrown unchanged.
 */
export async function audited<T>(context: AuditContext, action: () => Promise<T>): Promise<T> {
  try {
    const result = await action();
    await recordAudit({ ...context, outcome: "SUCCESS" });
    return result;
  } catch (err) {
    // a refusal when Berth says it (a foreign id), not when an engine or a registry does
    const denied =
      err instanceof BerthError &&
      !err.external &&
      (err.code === "FORBIDDEN" || err.code === "NOT_FOUND");
    await recordAudit({
      ...context,
      outcome: denied ? "DENIED" : "FAILURE",
      error: describeFailure(err),
    });
    throw err;
  }
}

/** The error's message; a policy refusal also names every rule it broke, for filtering. */
function describeFailure(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const rules = err instanceof BerthError ? (err.violations ?? []).map((v) => v.rule) : [];
  return rules.length ? `${err.message} [policy: ${[...new Set(rules)].join(", ")}]` : err.message;
}
