import type { Metadata } from "next";
import { ApiTokens } from "@/components/settings/api-tokens";
import { requirePageUser } from "@/lib/auth/current-user";
import { listApiTokens } from "@/lib/services/tokens/list-api-tokens";

export const metadata: Metadata = { title: "API tokens" };

export default async function ApiTokensPage() {
  const user = await requirePageUser();
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">API tokens</h1>
      <p className="max-w-3xl text-sm text-slate-600">
        A personal token lets scripts and CI use the REST API under <code>/api/v1</code> with your
        rights: send it as <code>Authorization: Bearer &lt;token&gt;</code>. The API is described at{" "}
        <a className="text-sky-700 hover:underline" href="/api/v1/openapi.json">
          /api/v1/openapi.json
        </a>
        .
      </p>
      <ApiTokens initial={await listApiTokens(user)} />
    </div>
  );
}
