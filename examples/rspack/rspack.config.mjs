// ts-slots/rspack adds a pre-loader that rewrites @slots classes; Rspack's builtin SWC loader then strips the types.
import path from "path";
import slots from "ts-slots/rspack";

export default {
  mode: "production",
  target: "node",
  entry: "./src/main.ts",
  output: {
    path: path.resolve("dist"),
    filename: "main.js",
    // Real paths in the source map, so that `node --enable-source-maps` names src/shapes.ts in stack traces.
    devtoolModuleFilenameTemplate: "[absolute-resource-path]",
  },
  devtool: "source-map",
  resolve: { extensions: [".ts", ".js"] },
  optimization: { minimize: false },
  module: {
    rules: [
      {
        test: /\.ts$/,
        loader: "builtin:swc-loader",
        options: { jsc: { parser: { syntax: "typescript" }, target: "es2022" } },
        type: "javascript/auto",
      },
    ],
  },
  // A production build seals only when asked: the default, "development", leaves the seal out of production builds.
  plugins: [slots({ seal: "always" })],
};
