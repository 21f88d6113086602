import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseDotenv } from "../../agent/src/compose/dotenv";
import { loadProject } from "../../agent/src/compose/load-project";
import { BerthError, ComposeSourceSchema } from "@/lib/protocol";
import {
  loadStackTemplates,
  StackTemplateCatalogueError,
} from "@/lib/stacks/templates/load-stack-templates";
import { renderStackTemplate } from "@/lib/stacks/templates/render-stack-template";

const dir = mkdtempSync("/tmp/berth-templates-");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function catalogueFile(content: unknown): { BERTH_STACK_TEMPLATES: string } {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return { BERTH_STACK_TEMPLATES: file };
}

const wiki = {
  id: "wiki",
  title: "Wiki",
  description: "A wiki.",
  compose:
    "services:\n  wiki:\n    image: example/wiki:1\n    ports: ['${PORT}:80']\n    environment:\n      TITLE: ${TITLE}\n      KEY: ${API_KEY}\n",
  variables: [
    { name: "PORT", label: "Port", default: "8080", required: true },
    { name: "TITLE", label: "Title", required: true },
    { name: "API_KEY", label: "API key", secret: true, generate: true },
  ],
};

/** What the agent makes of a rendered template: the project, or its problems. */
function load(rendered: ReturnType<typeof renderStackTemplate>) {
  const text = (p: string) => rendered.files.find((f) => f.path === p)?.content;
  const env = text(".env");
  return loadProject({
    files: [{ file: "compose.yaml", text: text("compose.yaml") ?? "" }],
    dotenv: env === undefined ? undefined : { file: ".env", text: env },
    environment: rendered.environment,
    stack: { files: new Map(rendered.files.map((f) => [f.path, f.content])), projectDir: "." },
  });
}

describe("the default catalogue", () => {
  it("holds small stacks of public images that the agent loads once filled in", async () => {
    const templates = await loadStackTemplates({});
    expect(templates.map((t) => t.id)).toEqual([
      "nginx-static-site",
      "uptime-kuma",
      "wordpress-mariadb",
      "gitea-postgres",
      "nextcloud",
    ]);
    for (const template of templates) {
      const values = Object.fromEntries(
        template.variables
          .filter((v) => v.required && v.default === undefined)
          .map((v) => [v.name, `filled-${v.name}`]),
      );
      const rendered = renderStackTemplate(template, values);
      // what the server sends to the agent
      ComposeSourceSchema.parse({ project: template.id, ...rendered });
      const result = load(rendered);
      if (!result.ok) throw new Error(`${template.id}: ${JSON.stringify(result.errors)}`);
      for (const [name, service] of Object.entries(result.project.services)) {
        expect(service.image, `${template.id} ${name}`).toMatch(/^[a-z0-9./-]+:[\w.-]+$/);
        expect(service.build, `${template.id} ${name}`).toBeUndefined();
      }
    }
    const nextcloud = templates.find((t) => t.id === "nextcloud")!;
    const project = load(renderStackTemplate(nextcloud, { ADMIN_PASSWORD: "pw" }));
    if (!project.ok) throw new Error("nextcloud does not load");
    expect(Object.keys(project.project.services)).toEqual(["db", "redis", "app"]);
    expect(project.project.services.app?.environment.NEXTCLOUD_ADMIN_PASSWORD).toBe("pw");
  });
});

describe("an admin's catalogue (BERTH_STACK_TEMPLATES)", () => {
  it("is read from the file named", async () => {
    const templates = await loadStackTemplates(catalogueFile({ templates: [wiki] }));
    expect(templates).toHaveLength(1);
    expect(templates[0]).toMatchObject({ id: "wiki", files: [] });
    expect(templates[0]?.variables[0]).toMatchObject({ required: true, secret: false });
  });

  it.each([
    [
      { templates: [wiki, { ...wiki, id: "notes", variables: [{ name: "PORT" }] }] },
      /^The stack templates file \/tmp\/.*\.json is not valid: template notes \(#2\): variables\[0\]\.label: missing\.$/,
    ],
    [
      { templates: [{ ...wiki, variables: [{ name: "MY-VAR", label: "x" }] }] },
      /template wiki \(#1\): variables\[0\]\.name: a variable name uses letters, digits and '_'/,
    ],
    [
      {
        templates: [
          { ...wiki, variables: [{ name: "K", label: "K", secret: true, default: "s" }] },
        ],
      },
      /template wiki \(#1\): variables\[0\]\.default: a secret has no default/,
    ],
    [{ templates: [wiki, wiki] }, /template wiki \(#2\): id: the id wiki is used twice/],
    [
      { templates: [{ ...wiki, logo: "http://example.com/a.png" }] },
      /template wiki \(#1\): logo: a logo is an https:\/\/ URL/,
    ],
    [
      { templates: [{ ...wiki, files: [{ path: "../x", content: "" }] }] },
      /template wiki \(#1\): files\[0\]\.path: /,
    ],
    [{ templates: [{ ...wiki, colour: "red" }] }, /template wiki \(#1\): .*colour/],
    [{ template: [] }, /is not valid: .*templates/],
    ["{ not json", /is not valid JSON/],
  ])("says which template and field are wrong (%#)", async (content, message) => {
    await expect(loadStackTemplates(catalogueFile(content))).rejects.toThrow(message);
  });

  it("says when the file cannot be read", async () => {
    const err = await loadStackTemplates({
      BERTH_STACK_TEMPLATES: path.join(dir, "missing.json"),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StackTemplateCatalogueError);
    expect((err as Error).message).toMatch(/missing\.json cannot be read: ENOENT/);
  });
});

describe("filling in a template", () => {
  const parsed = async () => (await loadStackTemplates(catalogueFile({ templates: [wiki] })))[0]!;

  it("puts plain values in .env and secrets in the deploy environment only", async () => {
    const rendered = renderStackTemplate(await parsed(), {
      TITLE: 'Team\'s "wiki" $HOME',
      API_KEY: "k-123",
    });
    expect(rendered.composeFiles).toEqual(["compose.yaml"]);
    expect(rendered.envFile).toBe(".env");
    expect(rendered.environment).toEqual({ API_KEY: "k-123" });
    const env = rendered.files.find((f) => f.path === ".env")!.content;
    expect(env).not.toContain("k-123");
    expect(Object.fromEntries(parseDotenv(env))).toEqual({
      PORT: "8080",
      TITLE: 'Team\'s "wiki" $HOME',
    });
    const result = load(rendered);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.project.services.wiki?.environment).toEqual({
      TITLE: 'Team\'s "wiki" $HOME',
      KEY: "k-123",
    });
  });

  it("makes a random secret when asked and left empty", async () => {
    const a = renderStackTemplate(await parsed(), { TITLE: "t" });
    const b = renderStackTemplate(await parsed(), { TITLE: "t", API_KEY: "" });
    expect(a.environment.API_KEY).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(a.environment.API_KEY).not.toBe(b.environment.API_KEY);
  });

  it("refuses a missing required value, an unknown variable and a value over one line", async () => {
    const t = await parsed();
    const refusal = (values: Record<string, string>) => {
      try {
        renderStackTemplate(t, values);
      } catch (err) {
        if (err instanceof BerthError) return [err.field, err.message];
      }
      return null;
    };
    expect(refusal({})).toEqual(["variables.TITLE", "Fill in Title."]);
    expect(refusal({ TITLE: "" })).toEqual(["variables.TITLE", "Fill in Title."]);
    expect(refusal({ TITLE: "t", PORT: "" })).toBeNull();
    expect(refusal({ TITLE: "t", EXTRA: "x" })).toEqual([
      "variables.EXTRA",
      "The template Wiki has no variable EXTRA.",
    ]);
    expect(refusal({ TITLE: "a\nB=2" })).toEqual([
      "variables.TITLE",
      "Title must be one line of text.",
    ]);
  });
});
