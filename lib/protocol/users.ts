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
