import { z } from "zod";

/** Personal API tokens start with this, so secret scanners and people recognise them. */
export const API_TOKEN_PREFIX = "berth_";

export const CreateApiTokenSchema = z.object({
  name: z.string().trim().min(1, "Give the token a name.").max(100, "Use at most 100 characters."),
  expiresInDays: z.coerce
    .number()
    .int("Use whole days.")
    .min(1, "A token lives at least a day.")
    .max(365, "A token lives at most 365 days."),
});
export type CreateApiToken = z.infer<typeof CreateApiTokenSchema>;

/** A token as its owner sees it in the list: never the token itself. */
export const ApiTokenViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.number(),
  expiresAt: z.number(),
  lastUsedAt: z.number().nullable(),
  revokedAt: z.number().nullable(),
});
export type ApiTokenView = z.infer<typeof ApiTokenViewSchema>;
