import { BerthError } from "@/lib/protocol";

export function nameTaken(what: "team" | "host group"): BerthError {
  return new BerthError("CONFLICT", `A ${what} with this name already exists.`, "name");
}
