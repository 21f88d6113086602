import { describe, expect, it } from "vitest";
import { compilePlan } from "../../agent/src/compose/compile-plan";
import { planActions, type ProjectContainer } from "../../agent/src/compose/plan-actions";
import { ComposeSourceSchema, type ComposePlan } from "../../lib/protocol/compose";

function planOf(compose: string): ComposePlan {
  const source = ComposeSourceSchema.parse({
    project: "app",
    files: [{ path: "compose.yaml", content: compose }],
    composeFiles: ["compose.yaml"],
  });
  const { plan, problems } = compilePlan(source, "/srv/stacks");
  if (!plan) throw new Error(JSON.stringify(problems));
  return plan;
}

const host = (containers: ProjectContainer[]) => ({
  containers,
  networks: new Set(["app_default", "shared"]),
  volumes: new Set<string>(),
  hasImage: () => true,
});

describe("planned actions", () => {
  it("removes surplus replicas, highest numbers included, and keeps the rest", () => {
    const plan = planOf("services:\n  web:\n    image: nginx\n    scale: 2\n");
    const hash = plan.services[0]?.configHash ?? "";
    const replica = (number: number): ProjectContainer => ({
      name: `app-web-${number}`,
      service: "web",
      number,
      configHash: hash,
      running: true,
    });
    const { actions } = planActions(plan, host([replica(1), replica(2), replica(3)]));
    expect(actions.filter((action) => action.kind === "container")).toEqual([
      { kind: "container", target: "app-web-1", service: "web", action: "keep" },
      { kind: "container", target: "app-web-2", service: "web", action: "keep" },
      {
        kind: "container",
        target: "app-web-3",
        service: "web",
        action: "remove",
        reason: "scaled down",
      },
    ]);
  });

  it("finds a container_name container by its name and warns about missing external resources", () => {
    const plan = planOf(
      "services:\n  db:\n    image: postgres\n    container_name: main-db\n    networks: [shared, gone]\nnetworks:\n  shared: { external: true }\n  gone: { external: true }\n",
    );
    const { actions, warnings } = planActions(
      plan,
      host([{ name: "main-db", service: "db", number: null, configHash: "x", running: true }]),
    );
    expect(actions).toEqual([
      {
        kind: "container",
        target: "main-db",
        service: "db",
        action: "recreate",
        reason: "configuration changed",
      },
    ]);
    expect(warnings).toEqual(["external network gone does not exist on this host"]);
  });

  it("pulls images that must always be pulled and warns about missing ones it may not pull", () => {
    const plan = planOf(
      "services:\n  a:\n    image: a\n    pull_policy: always\n  b:\n    image: b\n    pull_policy: never\n",
    );
    const { actions, warnings } = planActions(plan, {
      ...host([]),
      hasImage: (ref) => ref === "a",
    });
    expect(actions.filter((action) => action.kind === "image")).toEqual([
      { kind: "image", target: "a", service: "a", action: "pull", reason: "pull_policy always" },
    ]);
    expect(warnings).toEqual(["service b: image b is missing and its pull_policy is never"]);
  });
});
