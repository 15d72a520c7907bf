export * from "./claims";
