import type { CommandHandler } from "./command-types";
import { SERVICE_LABEL } from "./service-spec-body";

type Inspect = { ID: string; Spec?: { Name?: string } };

/**
 * `docker service rm`, then the secrets and configs Berth made for the service. Those stay in
 * use until the last task stopped: removing them is retried briefly, and left when it fails.
 */
export const serviceRemove: CommandHandler<"service.remove"> = async ({ id }, ctx) => {
  const { docker } = ctx;
  const service = (await docker.getService(id).inspect()) as Inspect;
  await docker.getService(service.ID).remove();
  ctx.swarmChanged?.();
  const name = service.Spec?.Name ?? "";
  const filters = { label: [`${SERVICE_LABEL}=${name}`] };
  const [secrets, configs] = await Promise.all([
    docker.listSecrets({ filters }) as Promise<Array<{ ID: string }>>,
    docker.listConfigs({ filters }) as Promise<Array<{ ID: string }>>,
  ]);
  const removals = [
    ...secrets.map((s) => () => docker.getSecret(s.ID).remove()),
    ...configs.map((c) => () => docker.getConfig(c.ID).remove()),
  ];
  for (const remove of removals) {
    for (let attempt = 0; attempt < 20; attempt++) {
      const done = await remove().then(
        () => true,
        () => false,
      );
      if (done) break;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return { ok: true };
};
