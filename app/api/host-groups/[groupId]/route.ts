import { changeAndDeleteRoutes } from "@/lib/http/change-and-delete-routes";
import { HostGroupNameSchema } from "@/lib/protocol";
import { deleteHostGroup } from "@/lib/services/host-groups/delete-host-group";
import { renameHostGroup } from "@/lib/services/host-groups/rename-host-group";

export const { PATCH, DELETE } = changeAndDeleteRoutes(
  "groupId",
  HostGroupNameSchema,
  renameHostGroup,
  deleteHostGroup,
);
