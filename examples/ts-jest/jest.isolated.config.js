// ts-jest transpile-only (`isolatedModules: true` in the tsconfig): the syntactic subset of ts-slots.
/** @type {import('jest').Config} */
module.exports = {
  ...require("./jest.config"),
  testPathIgnorePatterns: ["/node_modules/", "\\.types\\.test\\.ts$"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { compiler: "ts-patch/compiler", tsconfig: "tsconfig.isolated.json" }],
  },
};
