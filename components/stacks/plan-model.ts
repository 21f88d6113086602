import type { ComposeAction } from "@/lib/protocol";

type Action = ComposeAction["action"];

/** The order actions are listed in: what changes first, what stays last. */
const ORDER: readonly Action[] = ["build", "pull", "create", "recreate", "start", "remove", "keep"];

const WORDS: Record<Action, string> = {
  build: "to build",
  pull: "to pull",
  create: "to create",
  recreate: "to recreate",
  start: "to start",
  remove: "to remove",
  keep: "unchanged",
};

/** "2 to create, 1 to recreate, 3 unchanged"; "Nothing to do" when there is nothing. */
export function summariseActions(actions: readonly ComposeAction[]): string {
  const counts = new Map<Action, number>();
  for (const a of actions) counts.set(a.action, (counts.get(a.action) ?? 0) + 1);
  const parts = ORDER.flatMap((action) => {
    const n = counts.get(action);
    return n ? [`${n} ${WORDS[action]}`] : [];
  });
  return parts.length > 0 ? parts.join(", ") : "Nothing to do";
}

/** The preview's rows: changes first (in ORDER), then by kind and target. */
export function sortActions(actions: readonly ComposeAction[]): ComposeAction[] {
  return [...actions].sort(
    (a, b) =>
      ORDER.indexOf(a.action) - ORDER.indexOf(b.action) ||
      a.kind.localeCompare(b.kind) ||
      a.target.localeCompare(b.target),
  );
}

/** Whether deploying would change anything on the host. */
export function changesAnything(actions: readonly ComposeAction[]): boolean {
  return actions.some((a) => a.action !== "keep");
}
