import { changeAndDeleteRoutes } from "@/lib/http/change-and-delete-routes";
import { UpdateUserSchema } from "@/lib/protocol";
import { deleteUser } from "@/lib/services/users/delete-user";
import { updateUser } from "@/lib/services/users/update-user";

export const { PATCH, DELETE } = changeAndDeleteRoutes(
  "userId",
  UpdateUserSchema,
  updateUser,
  deleteUser,
);
