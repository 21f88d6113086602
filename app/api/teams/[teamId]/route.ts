import { changeAndDeleteRoutes } from "@/lib/http/change-and-delete-routes";
import { TeamNameSchema } from "@/lib/protocol";
import { deleteTeam } from "@/lib/services/teams/delete-team";
import { renameTeam } from "@/lib/services/teams/rename-team";

export const { PATCH, DELETE } = changeAndDeleteRoutes(
  "teamId",
  TeamNameSchema,
  renameTeam,
  deleteTeam,
);
