import { errorResponse } from "@/lib/http/respond";
import { requestOrigin } from "@/lib/server/public-url";
import { renderInstallScript } from "@/lib/services/hosts/render-install-script";

export async function GET(request: Request) {
  try {
    return new Response(renderInstallScript(requestOrigin(request)), {
      headers: { "content-type": "text/x-shellscript; charset=utf-8", "cache-control": "no-store" },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
