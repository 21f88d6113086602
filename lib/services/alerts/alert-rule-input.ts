import type { z } from "zod";
import { BerthError, describeValidationError, type AlertRuleInput } from "@/lib/protocol";
import { db, type Prisma } from "@/lib/db";
import { mayListChannels, requireScopeManage, type AlertAccess } from "./rule-access";

/** Refuses channel ids that do not exist or that the caller may not list, at the field. */
export async function requireKnownChannels(
  access: AlertAccess,
  channelIds: readonly string[],
): Promise<void> {
  if (channelIds.length === 0) return;
  const found = mayListChannels(access)
    ? await db.alertChannel.findMany({
        where: { id: { in: [...channelIds] } },
        select: { id: true },
      })
    : [];
  const ids = new Set(found.map((c) => c.id));
  const unknown = channelIds.find((id) => !ids.has(id));
  if (unknown) throw new BerthError("NOT_FOUND", `No such channel: ${unknown}.`, "channelIds");
}

/** Checks a whole rule the caller is about to save: scope within their rights, known channels. */
export async function checkRuleInput(access: AlertAccess, input: AlertRuleInput): Promise<void> {
  await requireScopeManage(access, input.scope);
  await requireKnownChannels(access, input.channelIds);
}

/** The rule's columns from its input (the kind is the condition's). */
export function ruleColumns(input: Omit<AlertRuleInput, "channelIds">) {
  return {
    name: input.name,
    enabled: input.enabled,
    severity: input.severity,
    kind: input.condition.kind,
    condition: input.condition as Prisma.InputJsonValue,
    scope: input.scope as Prisma.InputJsonValue,
  };
}

/** What the audit row keeps of a rule. */
export function ruleAuditParams(input: AlertRuleInput): Prisma.InputJsonValue {
  return {
    name: input.name,
    enabled: input.enabled,
    severity: input.severity,
    condition: input.condition,
    scope: input.scope,
    channelIds: input.channelIds,
  } as Prisma.InputJsonValue;
}

/**
 * Parses a body with a rule schema; a failure is a BAD_REQUEST naming the first problem's whole
 * path (`condition.pattern`), so a form shows it next to its field.
 */
export function parseAlertInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  throw new BerthError(
    "BAD_REQUEST",
    describeValidationError(parsed.error),
    first && first.path.length > 0 ? first.path.map(String).join(".") : undefined,
  );
}
