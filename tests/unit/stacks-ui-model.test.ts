import { describe, expect, it } from "vitest";
import type { ComposeAction, ComposeProblem, ComposeStep } from "@/lib/protocol";
import type { StackRow } from "@/lib/services/stacks/stack-row";
import { lineColumnAt, positionOf, problemsByLine } from "@/components/stacks/editor/text-position";
import {
  addFile,
  contentOf,
  newDraft,
  newPathError,
  orderedPaths,
  removeFile,
  toSource,
  withContent,
} from "@/components/stacks/editor/draft-model";
import { gitBodyOf } from "@/components/stacks/git-fields";
import { changesAnything, sortActions, summariseActions } from "@/components/stacks/plan-model";
import { filterStacks } from "@/components/stacks/stack-list-model";
import {
  describeFailure,
  firstFailure,
  foldStep,
  foldSteps,
} from "@/components/stacks/steps-model";

describe("editor positions", () => {
  const text = "services:\n  web:\n    image: [\n";

  it("finds the offset of a 1-based line and column", () => {
    expect(positionOf(text, 1, 1)).toEqual({ line: 1, column: 1, offset: 0 });
    expect(positionOf(text, 3, 12)).toEqual({ line: 3, column: 12, offset: 28 });
    expect(text.slice(positionOf(text, 2, 3).offset)).toMatch(/^web:/);
  });

  it("keeps a stale position inside the text", () => {
    // past the end of line 2 goes to its end, past the last line to the last one
    expect(positionOf(text, 2, 99)).toEqual({ line: 2, column: 7, offset: 16 });
    expect(positionOf(text, 40, 1)).toEqual({ line: 4, column: 1, offset: text.length });
    expect(positionOf(text, 0, 0)).toEqual({ line: 1, column: 1, offset: 0 });
  });

  it("reads a caret back as line and column", () => {
    expect(lineColumnAt(text, 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumnAt(text, 28)).toEqual({ line: 3, column: 12 });
    for (const [line, column] of [
      [1, 5],
      [2, 3],
      [3, 10],
    ] as const)
      expect(lineColumnAt(text, positionOf(text, line, column).offset)).toEqual({ line, column });
  });

  it("groups a file's problems by line, in column order, whatever the path's ./", () => {
    const problems: ComposeProblem[] = [
      { file: "./compose.yaml", line: 3, column: 12, message: "flow sequence not closed" },
      { file: "compose.yaml", line: 3, column: 5, message: "image must be a string" },
      { file: ".env", line: 1, column: 1, message: "bad line" },
    ];
    const byLine = problemsByLine(problems, "compose.yaml");
    expect([...byLine.keys()]).toEqual([3]);
    expect(byLine.get(3)?.map((p) => p.column)).toEqual([5, 12]);
    expect(problemsByLine(problems, ".env").get(1)).toHaveLength(1);
  });
});

describe("plan preview", () => {
  const action = (a: ComposeAction["action"], target: string): ComposeAction => ({
    kind: "container",
    target,
    action: a,
  });

  it("counts the actions in the user's words, changes first", () => {
    const actions = [
      action("keep", "app-db-1"),
      action("recreate", "app-web-1"),
      action("create", "app-cache-1"),
      action("keep", "app-api-1"),
      { kind: "network", target: "app_default", action: "create" } as ComposeAction,
    ];
    expect(summariseActions(actions)).toBe("2 to create, 1 to recreate, 2 unchanged");
    expect(sortActions(actions).map((a) => a.target)).toEqual([
      "app-cache-1",
      "app_default",
      "app-web-1",
      "app-api-1",
      "app-db-1",
    ]);
    expect(changesAnything(actions)).toBe(true);
    expect(changesAnything([action("keep", "x")])).toBe(false);
    expect(summariseActions([])).toBe("Nothing to do");
  });
});

describe("deploy steps", () => {
  const step = (target: string, state: ComposeStep["state"], action: string, message?: string) =>
    ({
      kind: "container",
      target,
      service: target.split("-")[1],
      action,
      state,
      message,
    }) as ComposeStep;

  it("keeps one row per target, taking its latest action and state", () => {
    let rows = foldStep([], step("app-db-1", "running", "Creating"));
    rows = foldStep(rows, step("app-web-1", "running", "Waiting for db to be healthy"));
    rows = foldStep(rows, step("app-db-1", "done", "Started"));
    expect(rows.map((r) => [r.target, r.action, r.state])).toEqual([
      ["app-db-1", "Started", "done"],
      ["app-web-1", "Waiting for db to be healthy", "running"],
    ]);
  });

  it("names the service that failed and why, and keeps the reason", () => {
    const rows = foldSteps(
      [step("app-web-1", "running", "Starting")],
      [
        step("app-web-1", "failed", "Starting", "port is already allocated"),
        step("app-web-1", "failed", "Starting"),
      ],
    );
    const failed = firstFailure(rows);
    expect(failed?.message).toBe("port is already allocated");
    expect(describeFailure(failed!)).toBe("web: Starting failed: port is already allocated");
    expect(firstFailure([step("app-db-1", "done", "Started")])).toBeNull();
  });
});

describe("stack list", () => {
  const row = (over: Partial<StackRow>): StackRow => ({
    id: "s",
    hostId: "h1",
    hostName: "edge-01",
    hostOnline: true,
    name: "app",
    source: "editor",
    state: "running",
    services: 1,
    containers: { running: 1, total: 1 },
    lastDeploy: null,
    updatedAt: null,
    ...over,
  });
  const rows = [
    row({ id: "a", name: "shop", state: "partial", containers: { running: 1, total: 3 } }),
    row({ id: null, name: "legacy", hostId: "h2", hostName: "edge-02", source: "discovered" }),
    row({ id: "c", name: "blog", state: "stopped", containers: { running: 0, total: 2 } }),
  ];
  const base = { host: "", q: "", state: "", sort: "name", dir: "asc" } as const;

  it("filters by host, state and text", () => {
    expect(filterStacks(rows, { ...base, host: "h2" }).map((r) => r.name)).toEqual(["legacy"]);
    expect(filterStacks(rows, { ...base, state: "stopped" }).map((r) => r.name)).toEqual(["blog"]);
    expect(filterStacks(rows, { ...base, q: "EDGE-02" }).map((r) => r.name)).toEqual(["legacy"]);
    expect(filterStacks(rows, { ...base, q: "sho" }).map((r) => r.name)).toEqual(["shop"]);
  });

  it("sorts by the chosen column either way", () => {
    expect(filterStacks(rows, base).map((r) => r.name)).toEqual(["blog", "legacy", "shop"]);
    expect(filterStacks(rows, { ...base, dir: "desc" }).map((r) => r.name)).toEqual([
      "shop",
      "legacy",
      "blog",
    ]);
    expect(filterStacks(rows, { ...base, sort: "state" }).map((r) => r.name)).toEqual([
      "legacy",
      "shop",
      "blog",
    ]);
    expect(
      filterStacks(rows, { ...base, sort: "containers", dir: "desc" }).map((r) => r.name),
    ).toEqual(["shop", "legacy", "blog"]);
  });
});

describe("stack files draft", () => {
  const draft = newDraft("services: {}\n");

  it("orders tabs: compose files in merge order, the env file, then the others", () => {
    let d = addFile(draft, "Dockerfile", false);
    d = addFile(d, "compose.override.yaml", true);
    d = addFile(d, "config/app.conf", false);
    expect(orderedPaths(d)).toEqual([
      "compose.yaml",
      "compose.override.yaml",
      ".env",
      "config/app.conf",
      "Dockerfile",
    ]);
    expect(removeFile(d, "compose.override.yaml").composeFiles).toEqual(["compose.yaml"]);
    // the first compose file stays: a stack needs one
    expect(removeFile(d, "compose.yaml")).toBe(d);
  });

  it("refuses paths that leave the stack's folder or exist already", () => {
    expect(newPathError(draft, "../etc/passwd")).toMatch(/climb out/);
    expect(newPathError(draft, "/etc/passwd")).toMatch(/relative/);
    expect(newPathError(draft, "./compose.yaml")).toMatch(/already has/);
    expect(newPathError(draft, ".env")).toMatch(/already has/);
    expect(newPathError(draft, "web/Dockerfile")).toBeNull();
  });

  it("sends the files as typed and leaves an untouched empty .env out", () => {
    expect(toSource(draft)).toEqual({
      files: [{ path: "compose.yaml", content: "services: {}\n" }],
      composeFiles: ["compose.yaml"],
    });
    const withEnv = withContent(draft, ".env", "TAG=1\n");
    expect(toSource(withEnv).files.map((f) => f.path)).toEqual(["compose.yaml", ".env"]);
    expect(contentOf(withEnv, ".env")).toBe("TAG=1\n");
  });
});

describe("git source form", () => {
  const form = {
    url: "https://git.example.com/team/app.git",
    branch: "main",
    path: "compose.yaml",
    auth: "none" as const,
    secret: "",
    knownHost: "",
    pollSeconds: "",
  };
  const base = { url: form.url, branch: "main", path: "compose.yaml" };

  it("makes the body, with the secret only when one is typed", () => {
    expect(gitBodyOf(form)).toEqual({
      body: {
        url: form.url,
        branch: "main",
        path: "compose.yaml",
        auth: "none",
        pollSeconds: null,
      },
    });
    expect(gitBodyOf({ ...form, auth: "token", secret: "t0k", pollSeconds: "300" })).toEqual({
      body: { ...base, auth: "token", secret: "t0k", pollSeconds: 300 },
    });
    // editing with a stored key: an empty key keeps it; a host key pins an ssh server
    expect(gitBodyOf({ ...form, auth: "ssh", knownHost: " ssh-ed25519 AAAA " }, true)).toEqual({
      body: { ...base, auth: "ssh", pollSeconds: null, knownHost: "ssh-ed25519 AAAA" },
    });
    // a token form's host key field is not sent
    expect(gitBodyOf({ ...form, auth: "token", secret: "t", knownHost: "x" })).toEqual({
      body: { ...base, auth: "token", secret: "t", pollSeconds: null },
    });
  });

  it("says which field is wrong", () => {
    const out = gitBodyOf({ ...form, url: "file:///srv/repo", auth: "token", pollSeconds: "5" });
    expect(out).toEqual({
      errors: {
        url: expect.stringMatching(/https/),
        secret: expect.stringMatching(/token/),
        pollSeconds: expect.stringMatching(/60 seconds/),
      },
    });
    expect(gitBodyOf({ ...form, pollSeconds: "90000" })).toHaveProperty("errors.pollSeconds");
    expect(gitBodyOf({ ...form, url: "git@git.example.com:team/app.git" })).toHaveProperty("body");
  });
});
