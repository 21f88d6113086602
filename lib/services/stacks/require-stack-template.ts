import { BerthError } from "@/lib/protocol";
import {
  loadStackTemplates,
  StackTemplateCatalogueError,
} from "@/lib/stacks/templates/load-stack-templates";
import type { StackTemplate } from "@/lib/stacks/templates/stack-template";

/** One template of the catalogue, for creating a stack from it. */
export async function requireStackTemplate(id: string): Promise<StackTemplate> {
  let templates: StackTemplate[];
  try {
    templates = await loadStackTemplates();
  } catch (err) {
    if (!(err instanceof StackTemplateCatalogueError)) throw err;
    console.error("stack templates:", err.message);
    throw new BerthError(
      "INTERNAL",
      "The template catalogue cannot be read; an administrator can see why.",
      "templateId",
    );
  }
  const template = templates.find((t) => t.id === id);
  if (!template) throw new BerthError("NOT_FOUND", `There is no template ${id}.`, "templateId");
  return template;
}
