import { agentPing } from "./agent-ping";
import type { CommandRegistry } from "./command-types";
import { composePlan } from "./compose-plan";
import { composeDown } from "./compose-down";
import { composeLifecycle } from "./compose-lifecycle";
import { composeList } from "./compose-list";
import { composeUp } from "./compose-up";
import { containerCommit } from "./container-commit";
import { containerCreate } from "./container-create";
import { containerDiff } from "./container-diff";
import { containerInspect } from "./container-inspect";
import { containerKill } from "./container-kill";
import { containerList } from "./container-list";
import { containerPause } from "./container-pause";
import { containerRecreate } from "./container-recreate";
import { containerRemove } from "./container-remove";
import { containerRename } from "./container-rename";
import { containerRestart } from "./container-restart";
import { containerStart } from "./container-start";
import { containerStop } from "./container-stop";
import { containerTop } from "./container-top";
import { containerUnpause } from "./container-unpause";
import { engineInfo } from "./engine-info";
import { enginePing } from "./engine-ping";
import { hostInterfaces } from "./host-interfaces";
import { hostResolvePaths } from "./host-resolve-paths";
import { imageBuild } from "./image-build";
import { imageHistory } from "./image-history";
import { imageInspect } from "./image-inspect";
import { imageList } from "./image-list";
import { imageLoad } from "./image-load";
import { imagePrune } from "./image-prune";
import { imagePull } from "./image-pull";
import { imagePush } from "./image-push";
import { imageRemove } from "./image-remove";
import { imageTag } from "./image-tag";
import { networkConnect } from "./network-connect";
import { networkCreate } from "./network-create";
import { networkDisconnect } from "./network-disconnect";
import { networkInspect } from "./network-inspect";
import { networkList } from "./network-list";
import { networkPrune } from "./network-prune";
import { networkRemove } from "./network-remove";
import { serviceCreate } from "./service-create";
import { serviceInspect } from "./service-inspect";
import { serviceList } from "./service-list";
import { serviceLogs } from "./service-logs";
import { serviceRemove } from "./service-remove";
import { serviceRollback } from "./service-rollback";
import { serviceUpdate } from "./service-update";
import { swarmInit } from "./swarm-init";
import { swarmJoin } from "./swarm-join";
import { swarmJoinTokens } from "./swarm-join-tokens";
import { swarmLeave } from "./swarm-leave";
import { swarmNetworkCreate } from "./swarm-network-create";
import { swarmNetworkRemove } from "./swarm-network-remove";
import { swarmNetworks } from "./swarm-networks";
import { swarmNodeRemove } from "./swarm-node-remove";
import { swarmNodeUpdate } from "./swarm-node-update";
import { swarmNodes } from "./swarm-nodes";
import { swarmStatus } from "./swarm-status";
import { volumeBrowse } from "./volume-browse";
import { volumeClone } from "./volume-clone";
import { volumeCreate } from "./volume-create";
import { volumeInspect } from "./volume-inspect";
import { volumeList } from "./volume-list";
import { volumeMkdir } from "./volume-mkdir";
import { volumePreview } from "./volume-preview";
import { volumePrune } from "./volume-prune";
import { volumeRemove } from "./volume-remove";
import { volumeRestore } from "./volume-restore";
import { volumeStat } from "./volume-stat";
import { volumeUpload } from "./volume-upload";

/** Command name → handler. One file per command under src/engine/. */
export const commandRegistry: CommandRegistry = {
  "engine.info": engineInfo,
  "engine.ping": enginePing,
  "agent.ping": agentPing,
  "container.list": containerList,
  "container.inspect": containerInspect,
  "container.create": containerCreate,
  "container.recreate": containerRecreate,
  "container.start": containerStart,
  "container.stop": containerStop,
  "container.restart": containerRestart,
  "container.kill": containerKill,
  "container.pause": containerPause,
  "container.unpause": containerUnpause,
  "container.rename": containerRename,
  "container.remove": containerRemove,
  "container.commit": containerCommit,
  "container.top": containerTop,
  "container.diff": containerDiff,
  "image.list": imageList,
  "image.inspect": imageInspect,
  "image.history": imageHistory,
  "image.tag": imageTag,
  "image.remove": imageRemove,
  "image.prune": imagePrune,
  "image.pull": imagePull,
  "image.push": imagePush,
  "image.build": imageBuild,
  "image.load": imageLoad,
  "network.list": networkList,
  "network.inspect": networkInspect,
  "network.create": networkCreate,
  "network.remove": networkRemove,
  "network.connect": networkConnect,
  "network.disconnect": networkDisconnect,
  "network.prune": networkPrune,
  "host.resolvePaths": hostResolvePaths,
  "host.interfaces": hostInterfaces,
  "volume.list": volumeList,
  "volume.inspect": volumeInspect,
  "volume.create": volumeCreate,
  "volume.remove": volumeRemove,
  "volume.prune": volumePrune,
  "volume.clone": volumeClone,
  "volume.stat": volumeStat,
  "volume.browse": volumeBrowse,
  "volume.preview": volumePreview,
  "volume.upload": volumeUpload,
  "volume.mkdir": volumeMkdir,
  "volume.restore": volumeRestore,
  // swarm: joining, leaving, nodes, overlay networks, services
  "swarm.status": swarmStatus,
  "swarm.init": swarmInit,
  "swarm.join": swarmJoin,
  "swarm.leave": swarmLeave,
  "swarm.joinTokens": swarmJoinTokens,
  "swarm.nodes": swarmNodes,
  "swarm.nodeUpdate": swarmNodeUpdate,
  "swarm.nodeRemove": swarmNodeRemove,
  "swarm.networks": swarmNetworks,
  "swarm.networkCreate": swarmNetworkCreate,
  "swarm.networkRemove": swarmNetworkRemove,
  "service.list": serviceList,
  "service.inspect": serviceInspect,
  "service.create": serviceCreate,
  "service.update": serviceUpdate,
  "service.rollback": serviceRollback,
  "service.remove": serviceRemove,
  "service.logs": serviceLogs,
  "compose.plan": composePlan,
  "compose.up": composeUp,
  "compose.down": composeDown,
  "compose.lifecycle": composeLifecycle,
  "compose.list": composeList,
};
