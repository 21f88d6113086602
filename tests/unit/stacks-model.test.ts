import { describe, expect, it } from "vitest";
import type { ComposeContainer, ComposeProjectSummary } from "@/lib/protocol";
import { checkStackContent, withVariables } from "@/lib/services/stacks/stack-input";
import { stackState } from "@/lib/services/stacks/stack-view";

const compose = { path: "compose.yaml", content: "services: {}\n" };
const content = (
  files: Array<{ path: string; content: string }>,
  envFile: string | null = null,
) => ({
  files,
  composeFiles: ["compose.yaml"],
  envFile,
  profiles: [],
});

function project(states: string[], oneoff = false): ComposeProjectSummary {
  const containers: ComposeContainer[] = states.map((state, i) => ({
    id: `c${i}`,
    name: `p-app-${i + 1}`,
    service: "app",
    number: i + 1,
    state,
    status: state,
    health: null,
    image: "busybox",
    ports: [],
    configHash: null,
    oneoff,
    created: 0,
  }));
  return {
    name: "p",
    workingDir: null,
    configFiles: [],
    services: [{ name: "app", image: "busybox", containers }],
    networks: [],
    volumes: [],
  };
}

describe("a stack's files", () => {
  it("stay inside the stack's folder and are written without clashes", () => {
    expect(checkStackContent("p", content([compose]))).toEqual(content([compose]));
    for (const path of ["../x", "/etc/passwd", "a/../../b", "a//b", "a\\b", "a\0b"]) {
      expect(
        () => checkStackContent("p", content([compose, { path, content: "" }])),
        path,
      ).toThrow();
    }
    expect(() => checkStackContent("p", content([compose, compose]))).toThrow("twice");
    expect(() =>
      checkStackContent(
        "p",
        content([compose, { path: "a", content: "" }, { path: "a/b", content: "" }]),
      ),
    ).toThrow("needs a to be a folder");
    expect(() => checkStackContent("p", content([compose], ".env"))).toThrow("not a file");
    expect(() => checkStackContent("../p", content([compose]))).toThrow();
  });

  it("may be none yet only for a git stack, whose files come with its first fetch", () => {
    const none = { files: [], composeFiles: [], envFile: null, profiles: [] };
    expect(checkStackContent("p", none, { fromGit: true })).toEqual(none);
    expect(() => checkStackContent("p", none)).toThrow("Name the stack's compose file");
    expect(() => checkStackContent("p", { ...none, files: [compose] }, { fromGit: true })).toThrow(
      "Name the stack's compose file",
    );
  });

  it("take template fill-ins into the env file, replacing a variable of the same name", () => {
    const env = { path: ".env", content: "A=1\nexport B=2\n# note\n" };
    const filled = withVariables(content([compose, env]), { B: "two words", C: "$HOME" });
    expect(filled.envFile).toBe(".env");
    expect(filled.files).toEqual([
      compose,
      { path: ".env", content: "A=1\n# note\nB='two words'\nC='$HOME'\n" },
    ]);
    const fresh = withVariables(content([compose], "config/app.env"), { A: "1" });
    expect(fresh.files.at(-1)).toEqual({ path: "config/app.env", content: "A='1'\n" });
    expect(withVariables(content([compose]), {})).toEqual(content([compose]));
  });
});

describe("a stack's state", () => {
  it("says what runs, leaving one-off containers out, and unknown when the host cannot say", () => {
    expect(stackState(project(["running", "running"]), true)).toBe("running");
    expect(stackState(project(["running", "exited"]), true)).toBe("partial");
    expect(stackState(project(["exited", "created"]), true)).toBe("stopped");
    expect(stackState(project(["running"], true), true)).toBe("not deployed");
    expect(stackState(null, true)).toBe("not deployed");
    expect(stackState(project(["running"]), false)).toBe("unknown");
  });
});
