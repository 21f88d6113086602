import type { ComposeStep } from "@/lib/protocol";

/** A step's row key: one row per engine object, updated as its steps come in. */
export const stepKey = (step: ComposeStep) => `${step.kind}:${step.target}`;

/**
 * `steps` with `incoming` folded in: a new target adds a row at the end, a known one takes the
 * latest action and state. A failure's message stays when later messages about the same target
 * carry none.
 */
export function foldStep(steps: readonly ComposeStep[], incoming: ComposeStep): ComposeStep[] {
  const key = stepKey(incoming);
  const index = steps.findIndex((s) => stepKey(s) === key);
  if (index < 0) return [...steps, incoming];
  const before = steps[index]!;
  const merged: ComposeStep = {
    ...incoming,
    message: incoming.message ?? (before.state === "failed" ? before.message : undefined),
  };
  return steps.map((s, i) => (i === index ? merged : s));
}

/** Every step of a finished call folded into rows (the answer's list, after the live ones). */
export function foldSteps(
  steps: readonly ComposeStep[],
  more: readonly ComposeStep[],
): ComposeStep[] {
  return more.reduce<ComposeStep[]>((rows, step) => foldStep(rows, step), [...steps]);
}

/** The first failed step: what the page names when a deploy fails. */
export function firstFailure(steps: readonly ComposeStep[]): ComposeStep | null {
  return steps.find((s) => s.state === "failed") ?? null;
}

/** "web: Creating failed: port is already allocated" */
export function describeFailure(step: ComposeStep): string {
  const who = step.service ?? step.target;
  return `${who}: ${step.action} failed${step.message ? `: ${step.message}` : "."}`;
}
