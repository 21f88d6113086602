declare const __BERTH_AGENT_VERSION__: string | undefined;

/** Set by scripts/build-agent.mjs from package.json; "dev" when run from source. */
export const AGENT_VERSION: string =
  typeof __BERTH_AGENT_VERSION__ === "string" ? __BERTH_AGENT_VERSION__ : "0.0.0-dev";
