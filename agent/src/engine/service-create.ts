import type Docker from "dockerode";
import { BerthError } from "@/lib/protocol";
import type { CommandHandler } from "./command-types";
import {
  SERVICE_LABEL,
  serviceObjectName,
  serviceSpecBody,
  type SwarmObjectRef,
} from "./service-spec-body";

/**
 * `docker service create`: the service's secrets and configs are made first (labelled with the
 * service, so removing it removes them), then the service. A name in use is refused before
 * anything is made; when the engine refuses the service, what was made for it is removed again.
 */
export const serviceCreate: CommandHandler<"service.create"> = async (
  { spec, constraints },
  ctx,
) => {
  const { docker } = ctx;
  const existing = await docker.listServices({ filters: { name: [spec.name] } });
  if (existing.some((s) => s.Spec?.Name === spec.name)) {
    throw new BerthError("CONFLICT", `A service named ${spec.name} already exists.`, "name");
  }
  const made: Array<() => Promise<unknown>> = [];
  try {
    const secrets: SwarmObjectRef[] = [];
    for (const secret of spec.secrets) {
      const name = serviceObjectName(spec.name, secret.name);
      const { id } = (await docker.createSecret({
        Name: name,
        Labels: { [SERVICE_LABEL]: spec.name },
        Data: Buffer.from(secret.value).toString("base64"),
      })) as { id: string };
      made.push(() => docker.getSecret(id).remove());
      secrets.push({ id, name });
    }
    const configs: SwarmObjectRef[] = [];
    for (const config of spec.configs) {
      const name = serviceObjectName(spec.name, config.name);
      const { id } = (await docker.createConfig({
        Name: name,
        Labels: { [SERVICE_LABEL]: spec.name },
        Data: Buffer.from(config.value).toString("base64"),
      })) as { id: string };
      made.push(() => docker.getConfig(id).remove());
      configs.push({ id, name });
    }
    const created = (await docker.createService(
      serviceSpecBody(spec, constraints, secrets, configs) as Docker.CreateServiceOptions,
    )) as { id?: string; ID?: string; Warnings?: string[] | null };
    ctx.swarmChanged?.();
    return { id: created.id ?? created.ID ?? "", warnings: created.Warnings ?? [] };
  } catch (err) {
    for (const undo of made.reverse()) await undo().catch(() => undefined);
    throw err;
  }
};
