// Two builds of src/main.ts: ts-loader with the type checker, and ts-loader transpileOnly (one file at a time).
const path = require("path");

const build = (name, transpileOnly) => ({
  name,
  mode: "production",
  target: "node",
  entry: "./src/main.ts",
  output: { path: path.resolve(__dirname, "dist", name), filename: "main.js" },
  resolve: { extensions: [".ts", ".js"] },
  optimization: { minimize: false },
  module: {
    rules: [{ test: /\.ts$/, loader: "ts-loader", options: { compiler: "ts-patch/compiler", transpileOnly } }],
  },
});

module.exports = [build("checked", false), build("transpile-only", true)];
