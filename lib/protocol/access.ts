import { z } from "zod";

export const HostRoleSchema = z.enum(["VIEWER", "OPERATOR", "DEPLOYER", "HOST_ADMIN"]);

const NameSchema = z
  .string()
  .trim()
  .min(1, "Enter a name.")
  .max(64, "Use at most 64 characters.")
  .regex(/^[\p{L}\p{N} ._()-]+$/u, "Use letters, digits, spaces and . _ - ( ) only.");

export const TeamNameSchema = z.object({ name: NameSchema });
export type TeamName = z.infer<typeof TeamNameSchema>;

export const HostGroupNameSchema = z.object({ name: NameSchema });
export type HostGroupName = z.infer<typeof HostGroupNameSchema>;

export const TeamMemberSchema = z.object({ userId: z.string().min(1, "Choose a user.").max(64) });
export type TeamMember = z.infer<typeof TeamMemberSchema>;

export const HostGroupsSchema = z.object({ groupIds: z.array(z.string().min(1).max(64)).max(200) });
export type HostGroups = z.infer<typeof HostGroupsSchema>;

export const GroupHostsSchema = z.object({ hostIds: z.array(z.string().min(1).max(64)).max(5000) });
export type GroupHosts = z.infer<typeof GroupHostsSchema>;

/** A grant to exactly one of a team or a user. */
export const GrantSchema = z
  .object({
    teamId: z.string().min(1).max(64).optional(),
    userId: z.string().min(1).max(64).optional(),
    role: HostRoleSchema,
  })
  .refine((g) => (g.teamId ? 1 : 0) + (g.userId ? 1 : 0) === 1, {
    message: "Choose one team or one user.",
    path: ["grantee"],
  });
export type Grant = z.infer<typeof GrantSchema>;

const DateParam = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    // A time without a zone (as a datetime-local field sends it) is UTC, like the log's times.
    const d = new Date(/^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(v) ? `${v}Z` : v);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({
        code: "custom",
        message: "Use a date such as 2026-01-31 or 2026-01-31T12:00.",
      });
      return z.NEVER;
    }
    return d;
  });

/** Audit log filters, as they appear in the page's and the export's query string. */
export const AuditQuerySchema = z.object({
  user: z.string().trim().max(64).optional(),
  host: z.string().trim().max(64).optional(),
  action: z.string().trim().max(100).optional(),
  from: DateParam,
  to: DateParam,
  /** Rows older than this id (the next page). */
  before: z
    .string()
    .regex(/^\d{1,19}$/, "Not a page marker.")
    .optional(),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;
