import { BerthError } from "@/lib/protocol";
import type { SessionUser } from "@/lib/auth/session-user";
import {
  loadStackTemplates,
  StackTemplateCatalogueError,
} from "@/lib/stacks/templates/load-stack-templates";
import type { StackTemplate } from "@/lib/stacks/templates/stack-template";

export type StackTemplateList = {
  templates: StackTemplate[];
  /** Set when the catalogue could not be read: what a non-admin is told instead of the cause. */
  message?: string;
};

/**
 * The stack template catalogue for any signed-in user (what a template deploys is judged when
 * it is deployed). An invalid catalogue file is the administrators' to fix: they get the error
 * naming the file, template and field; everyone else an empty list and a sentence, never the
 * server's paths.
 */
export async function listStackTemplates(user: SessionUser): Promise<StackTemplateList> {
  try {
    return { templates: await loadStackTemplates() };
  } catch (err) {
    if (!(err instanceof StackTemplateCatalogueError)) throw err;
    if (user.role === "ADMIN") throw new BerthError("INTERNAL", err.message);
    console.error("stack templates:", err.message);
    return {
      templates: [],
      message: "The template catalogue cannot be read; an administrator can see why.",
    };
  }
}
