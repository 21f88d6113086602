import { z } from "zod";

export const REGISTRY_KINDS = ["DOCKER_HUB", "V2_BASIC", "V2_TOKEN", "ACR", "ECR"] as const;
export const RegistryKindSchema = z.enum(REGISTRY_KINDS);
export type RegistryKindName = z.infer<typeof RegistryKindSchema>;

export const REGISTRY_KIND_LABELS: Record<RegistryKindName, string> = {
  DOCKER_HUB: "Docker Hub",
  V2_BASIC: "Registry v2 (basic auth)",
  V2_TOKEN: "Registry v2 (token auth)",
  ACR: "Azure Container Registry",
  ECR: "Amazon ECR",
};

/** What an administrator enters for a registry; an omitted password keeps the stored one. */
export const RegistryInputSchema = z.object({
  name: z.string().trim().min(1, "Give the registry a name.").max(100),
  kind: RegistryKindSchema,
  /** Base URL of the v2 API; ignored for Docker Hub. */
  url: z
    .string()
    .trim()
    .max(500)
    .regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, "Use an http:// or https:// address.")
    .optional(),
  username: z.string().trim().max(200).optional(),
  password: z.string().max(10_000).optional(),
  /** Forget the stored password (anonymous access). */
  clearPassword: z.boolean().default(false),
  /** Amazon ECR: the AWS region; read from a `<account>.dkr.ecr.<region>.amazonaws.com` address. */
  region: z
    .string()
    .trim()
    .max(50)
    .regex(/^([a-z]{2}(-[a-z]+)+-\d+)?$/, "Use an AWS region name such as eu-west-1.")
    .optional(),
  /** Amazon ECR: API endpoint override (VPC or FIPS endpoint); empty means the region's default. */
  apiEndpoint: z
    .string()
    .trim()
    .max(500)
    .regex(/^(https?:\/\/[^\s/]+\/?)?$/, "Use an http:// or https:// address without a path.")
    .optional(),
});
export type RegistryInput = z.input<typeof RegistryInputSchema>;

/** A registry as the browser sees it: never the password itself. */
export const RegistryViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: RegistryKindSchema,
  host: z.string(),
  url: z.string(),
  username: z.string().nullable(),
  passwordSet: z.boolean(),
  region: z.string().nullable(),
  apiEndpoint: z.string().nullable(),
  teamIds: z.array(z.string()),
});
export type RegistryView = z.infer<typeof RegistryViewSchema>;

const ECR_HOST =
  /^\d{12}\.dkr\.ecr(?:-fips)?\.([a-z]{2}(?:-[a-z]+)+-\d+)\.amazonaws\.com(?:\.cn)?$/;

/** The region of an ECR registry host (`<account>.dkr.ecr.<region>.amazonaws.com`), if it has that form. */
export function ecrRegionOf(host: string): string | null {
  return ECR_HOST.exec(host.replace(/:443$/, ""))?.[1] ?? null;
}

export const defaultEcrEndpoint = (region: string) =>
  region.startsWith("cn-")
    ? `https://api.ecr.${region}.amazonaws.com.cn`
    : `https://api.ecr.${region}.amazonaws.com`;
