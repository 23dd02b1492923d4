// ts-jest with full type information; ts-patch/compiler is TypeScript with the tsconfig `plugins` applied.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  // ts-jest caches compiled files by source and tsconfig, not by transformer version: keep the cache local.
  cacheDirectory: "<rootDir>/node_modules/.cache/jest",
  testPathIgnorePatterns: ["/node_modules/", "\\.isolated\\.test\\.ts$"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { compiler: "ts-patch/compiler", tsconfig: "tsconfig.json" }],
  },
};
