/**
 * Builds the partner widget into a folder: `index.html` and `widget.js`, the widget bundled for
 * the browser (esbuild: ESM, minified) from the packages' built `dist/` — what a partner's bundler
 * does with the published tarball.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { build as esbuild } from "esbuild"

const here = import.meta.dirname
const root = path.resolve(here, "..", "..")

/** Writes the page and its bundle into `outDir`; returns the bundle's size in bytes. */
export const build = async (outDir: string): Promise<number> => {
  fs.mkdirSync(outDir, { recursive: true })
  fs.copyFileSync(path.join(here, "index.html"), path.join(outDir, "index.html"))
  const out = path.join(outDir, "widget.js")
  await esbuild({
    entryPoints: [path.join(here, "widget.ts")],
    outfile: out,
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    // the published JavaScript, not the workspace's sources
    alias: { "@soltrace/rules": path.join(root, "packages", "rules", "dist", "index.js") },
    logLevel: "error"
  })
  return fs.statSync(out).size
}
