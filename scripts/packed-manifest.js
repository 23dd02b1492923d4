// The package.json that goes into ts-slots' tarball: the repository's, without what only a clone uses: `scripts`
// (its `prepare` builds dist/ on `npm install` in a clone, and in a tarball or git install it would be an install
// script the user has to approve: npm 11 warns `install-scripts ... ts-slots (prepare: ...)`), `devDependencies`,
// `workspaces` and jest's configuration.
//   node scripts/packed-manifest.js write     (prepack) package.json -> package.json.repository, cleaned manifest written
//   node scripts/packed-manifest.js restore   (postpack) package.json.repository -> package.json
// This works because `npm pack` reads the manifest it packs from disk after `prepack` (libnpmpack runs prepack, then
// pacote's DirFetcher reads package.json afresh, finds no `prepare` to run, and tars the file as it is on disk), and
// runs `postpack` from the manifest it read before. test/package-build.test.js checks the tarball's package.json.
"use strict";
const fs = require("fs");
const path = require("path");

/** The fields a user's install has no use for. */
const repositoryOnly = ["scripts", "devDependencies", "workspaces", "jest"];

/** The manifest as packed: the same object without the repository-only fields. */
function packedManifest(manifest) {
  return Object.fromEntries(Object.entries(manifest).filter(([key]) => !repositoryOnly.includes(key)));
}

function write(dir) {
  const manifestPath = path.join(dir, "package.json");
  const backupPath = `${manifestPath}.repository`;
  // A backup left by a pack that died before postpack is the original: never overwrite it with a cleaned manifest.
  if (!fs.existsSync(backupPath)) fs.copyFileSync(manifestPath, backupPath);
  const manifest = JSON.parse(fs.readFileSync(backupPath, "utf8"));
  fs.writeFileSync(manifestPath, `${JSON.stringify(packedManifest(manifest), null, 2)}\n`);
}

function restore(dir) {
  const manifestPath = path.join(dir, "package.json");
  const backupPath = `${manifestPath}.repository`;
  if (fs.existsSync(backupPath)) fs.renameSync(backupPath, manifestPath);
}

if (require.main === module) {
  const [command] = process.argv.slice(2);
  const dir = process.cwd();
  if (command === "write") write(dir);
  else if (command === "restore") restore(dir);
  else {
    console.error("usage: node scripts/packed-manifest.js write|restore");
    process.exit(2);
  }
}

module.exports = { packedManifest, repositoryOnly };
