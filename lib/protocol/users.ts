import { z } from "zod";

export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .email("Enter a valid email address.")
  .max(254);
export const PasswordSchema = z
  .string()
  .min(10, "Use at least 10 characters.")
  .max(1024, "That password is too long.");

export const SetupAdminSchema = z.object({
  token: z.string().trim().min(1, "Paste the setup token the server printed."),
  name: z.string().trim().min(1, "Enter your name.").max(100),
  email: EmailSchema,
  password: PasswordSchema,
});
export type SetupAdmin = z.infer<typeof SetupAdminSchema>;

export const CreateEnrollmentSchema = z.object({
  hostName: z
    .string()
    .trim()
    .min(1, "Give the host a name.")
    .max(100, "Use at most 100 characters.")
    .regex(/^[\p{L}\p{N} ._()-]+$/u, "Use letters, digits, spaces and . _ - ( ) only."),
});
export type CreateEnrollment = z.infer<typeof CreateEnrollmentSchema>;

export const PersonNameSchema = z
  .string()
  .trim()
  .min(1, "Enter a name.")
  .max(100, "Use at most 100 characters.");
export const GlobalRoleSchema = z.enum(["ADMIN", "USER"]);

export const CreateUserSchema = z.object({
  name: PersonNameSchema,
  email: EmailSchema,
  password: PasswordSchema,
  role: GlobalRoleSchema.default("USER"),
});
export type CreateUser = z.infer<typeof CreateUserSchema>;

export const UpdateUserSchema = z
  .object({
    name: PersonNameSchema.optional(),
    role: GlobalRoleSchema.optional(),
    disabled: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "Nothing to change.");
export type UpdateUser = z.infer<typeof UpdateUserSchema>;

export const SetPasswordSchema = z.object({ password: PasswordSchema });
export type SetPassword = z.infer<typeof SetPasswordSchema>;

export const ChangeOwnPasswordSchema = z.object({
  currentPassword: z.string().min(1, "Enter your current password.").max(1024),
  newPassword: PasswordSchema,
});
export type ChangeOwnPassword = z.infer<typeof ChangeOwnPasswordSchema>;

export const CreateInviteSchema = z.object({
  email: EmailSchema,
  role: GlobalRoleSchema.default("USER"),
});
export type CreateInvite = z.infer<typeof CreateInviteSchema>;

const LinkTokenSchema = z.string().trim().min(1, "The link is incomplete.").max(200);

export const AcceptInviteSchema = z.object({
  token: LinkTokenSchema,
  email: EmailSchema,
  name: PersonNameSchema,
  password: PasswordSchema,
});
export type AcceptInvite = z.infer<typeof AcceptInviteSchema>;

export const ResetPasswordWithLinkSchema = z.object({
  token: LinkTokenSchema,
  password: PasswordSchema,
});
export type ResetPasswordWithLink = z.infer<typeof ResetPasswordWithLinkSchema>;
