export * from "./version";
export * from "./errors";
export * from "./engine";
export * from "./containers";
export * from "./metrics";
export * from "./agent";
export * from "./ui";
export * from "./users";
