import { readFileSync } from "node:fs"
import { join } from "node:path"
import { defineConfig, type Options } from "tsup"

/**
 * One tsup configuration for every published package. The entry points are read from the
 * package's own `exports` map (the single source of truth): each public module is its own entry,
 * so every exported type lives in a declaration file a consumer can name through `exports`
 * (no TS2742 "cannot be named" in a consumer's declaration emit).
 */
export const packageConfig = (dir: string) => {
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { exports: Record<string, unknown> }
  const entry: Record<string, string> = {}
  for (const [key, target] of Object.entries(manifest.exports)) {
    if (typeof target === "string" && target.endsWith(".ts")) entry[key === "." ? "index" : key.slice(2)] = target
  }
  const options: Options = {
    entry,
    format: ["esm"],
    target: "node22",
    dts: { compilerOptions: { composite: false, emitDeclarationOnly: false } },
    sourcemap: true,
    clean: true,
    treeshake: true
  }
  return defineConfig(options)
}
