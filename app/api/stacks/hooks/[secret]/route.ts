import { stackHookRoute } from "@/lib/http/stack-routes";

/** A git stack's webhook: the secret in the URL is the credential (no session). */
export const POST = stackHookRoute;
