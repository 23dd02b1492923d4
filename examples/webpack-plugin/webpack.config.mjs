// ts-slots/webpack adds a pre-loader that rewrites @slots classes; ts-loader (transpileOnly) then compiles the file.
import path from "path";
import slots from "ts-slots/webpack";

export default {
  // A development build: the default seal mode ("development") seals it. With `mode: "production"` (webpack's
  // default) the same slots and placeholders are written without `Object.seal`.
  mode: "development",
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
      // ts-loader writes source maps only when asked; webpack chains them with the plugin's.
      { test: /\.ts$/, loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { sourceMap: true } } },
    ],
  },
  plugins: [slots()],
};
