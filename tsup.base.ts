import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { dirname, join, relative, resolve } from "node:path"
import { defineConfig, type Options } from "tsup"
import ts from "typescript"

/**
 * One tsup configuration for every published package. The entry points are read from the
 * package's own `exports` map (the single source of truth): each public module is its own entry.
 *
 * JavaScript: bundled by tsup (esbuild), one file per entry plus shared chunks.
 *
 * Declarations: NOT bundled. A bundled `.d.ts` (tsup's `dts` option) kept only the type half of
 * every name that is both a Schema value and a type (`export const X = Schema…; export type X`)
 * behind `export * as Module`, so 63 documented values were missing for TypeScript users, and type
 * errors named hashed chunks. TypeScript's own emitter writes one `.d.ts` per source file under
 * `dist/types/` (the same module graph as `src/`), and each entry point gets a one-line
 * `dist/<entry>.d.ts` that re-exports its module — the path the `exports` map already names.
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
    // Node >= 20.19 (require(esm)) and the browsers of partner tools: nothing newer than ES2022 is needed
    target: "es2022",
    dts: false,
    sourcemap: true,
    clean: true,
    treeshake: true,
    onSuccess: async () => {
      emitDeclarations(dir, entry)
    }
  }
  return defineConfig(options)
}

/** Emits `dist/types/**` with the TypeScript compiler and one re-exporting `dist/<entry>.d.ts` per entry. */
export const emitDeclarations = (dir: string, entry: Record<string, string>): void => {
  const src = resolve(dir, "src")
  const configPath = join(dir, "tsconfig.json")
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"))
      }
    }
  )
  if (parsed === undefined) throw new Error(`cannot read ${configPath}`)
  const own = parsed.fileNames.filter((f) => resolve(f).startsWith(src + "/"))
  const outDir = resolve(dir, "dist", "types")
  const program = ts.createProgram({
    rootNames: own,
    options: {
      ...parsed.options,
      rootDir: src,
      outDir,
      declaration: true,
      emitDeclarationOnly: true,
      declarationMap: false,
      sourceMap: false,
      composite: false,
      incremental: false,
      tsBuildInfoFile: undefined,
      noEmit: false
    }
  })
  const problems: Array<ts.Diagnostic> = []
  for (const file of own) {
    const sourceFile = program.getSourceFile(file)
    if (sourceFile === undefined) continue
    const result = program.emit(sourceFile, undefined, undefined, true)
    problems.push(...result.diagnostics)
  }
  if (problems.length > 0) {
    const host: ts.FormatDiagnosticsHost = {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => dir,
      getNewLine: () => "\n"
    }
    throw new Error(ts.formatDiagnostics(problems, host))
  }
  for (const [name, target] of Object.entries(entry)) {
    const stub = resolve(dir, "dist", `${name}.d.ts`)
    const module = resolve(outDir, relative(src, resolve(dir, target))).replace(/\.ts$/, ".js")
    let specifier = relative(dirname(stub), module)
    if (!specifier.startsWith(".")) specifier = `./${specifier}`
    mkdirSync(dirname(stub), { recursive: true })
    writeFileSync(stub, `export * from ${JSON.stringify(specifier)}\n`)
  }
}
