import { transformSync, types as t, type PluginObj, type TransformOptions } from "@babel/core"
import { createRequire } from "node:module"
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { basename, dirname, join, relative, resolve } from "node:path"
import { defineConfig, type Options } from "tsup"
import ts from "typescript"

/**
 * One tsup configuration for every published package. The entry points are read from the
 * package's own `exports` map (the single source of truth): each public module is its own entry.
 *
 * JavaScript: every module of `src/` transpiled to its own file of `dist/` (esbuild, through tsup),
 * its top-level calls marked pure.
 *
 * Declarations: not bundled either. A bundled `.d.ts` (tsup's `dts` option) kept only the type
 * half of every name that is both a Schema value and a type (`export const X = Schema…; export
 * type X`) behind `export * as Module`, so 63 documented values were missing for TypeScript users,
 * and type errors named hashed chunks. TypeScript's own emitter writes one `.d.ts` per module.
 */
export const packageConfig = (dir: string) => {
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { exports: Record<string, unknown> }
  const entry: Record<string, string> = {}
  for (const [key, target] of Object.entries(manifest.exports)) {
    if (typeof target === "string" && target.endsWith(".ts")) entry[key === "." ? "index" : key.slice(2)] = target
  }
  const sources = readdirSync(join(dir, "src"), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .map((f) => `src/${f}`)
  const options: Options = {
    entry: sources,
    // One JavaScript module per source module, not a bundle: a bundle turns every
    // `export * as Module` into a runtime object that references all of the module's members, so a
    // partner's bundler kept every Schema of every rule for one `decide`. Module by module, the
    // `export * as` stays a static re-export that bundlers tree-shake.
    bundle: false,
    format: ["esm"],
    // Node >= 20.19 (require(esm)) and the browsers of partner tools: nothing newer than ES2022 is needed
    target: "es2022",
    dts: false,
    sourcemap: true,
    clean: true,
    onSuccess: async () => {
      // the tarball carries the project's licence (npm and pnpm pack a package's LICENSE file)
      copyFileSync(join(dir, "..", "..", "LICENSE"), join(dir, "LICENSE"))
      annotatePureCalls(dir)
      emitDeclarations(dir, entry)
    }
  }
  return defineConfig(options)
}

/**
 * Marks the top-level calls of the built modules `/*#__PURE__*\/` (babel-plugin-annotate-pure-calls)
 * so that a bundler drops a module-level Schema nobody uses: without the mark it must assume that
 * `Schema.Struct(…)` has side effects and keep it, and effect's whole Schema machinery with it.
 */
const annotatePureCalls = (dir: string): void => {
  const dist = join(dir, "dist")
  const resolve = createRequire(join(dir, "package.json")).resolve
  const effectModule = (name: string): boolean => {
    try {
      return /^[A-Z]/.test(name) && resolve(`effect/${name}`).endsWith(`/dist/${name}.js`)
    } catch {
      return false
    }
  }
  for (const file of readdirSync(dist, { recursive: true, encoding: "utf8" })) {
    if (!file.endsWith(".js")) continue
    const path = join(dist, file)
    const mapPath = `${path}.map`
    const inputSourceMap = existsSync(mapPath)
      ? (JSON.parse(readFileSync(mapPath, "utf8")) as Exclude<TransformOptions["inputSourceMap"], boolean>)
      : undefined
    const out = transformSync(readFileSync(path, "utf8"), {
      filename: path,
      plugins: [effectNamespaceImports(effectModule), "babel-plugin-annotate-pure-calls"],
      configFile: false,
      babelrc: false,
      sourceType: "module",
      sourceMaps: inputSourceMap !== undefined,
      inputSourceMap
    })
    if (out?.code == null) throw new Error(`babel returned nothing for ${path}`)
    const name = basename(path)
    const code = out.code.replace(/^\/\/# sourceMappingURL=.*$/gm, "").trimEnd()
    writeFileSync(path, out.map ? `${code}\n//# sourceMappingURL=${name}.map\n` : `${code}\n`)
    if (out.map) writeFileSync(mapPath, JSON.stringify({ ...out.map, file: name }))
  }
}

/**
 * `import { Schema, Result } from "effect"` → `import * as Schema from "effect/Schema"` (and so on):
 * the same modules, imported directly. Bundlers (esbuild, which size-limit uses, among them) turn a
 * namespace re-exported by a barrel (`export * as Schema` in effect's index) into one object that
 * references every export of the module, so a single surviving `Schema.Int` kept all of Schema; a
 * direct namespace import lets them keep only what is used. Hand-written: no maintained Babel plugin
 * rewrites named imports into namespace imports of subpaths (babel-plugin-transform-imports makes
 * default or named imports).
 */
const effectNamespaceImports = (isModule: (name: string) => boolean): PluginObj => ({
  visitor: {
    ImportDeclaration(path) {
      if (path.node.source.value !== "effect" || path.node.importKind === "type") return
      const specifiers = path.node.specifiers
      const names = specifiers.map((s) =>
        t.isImportSpecifier(s) && t.isIdentifier(s.imported) && isModule(s.imported.name)
          ? ([s.imported.name, s.local.name] as const)
          : undefined
      )
      if (names.length === 0 || names.some((n) => n === undefined)) return
      path.replaceWithMultiple(
        names.map((n) =>
          t.importDeclaration([t.importNamespaceSpecifier(t.identifier(n![1]))], t.stringLiteral(`effect/${n![0]}`))
        )
      )
    }
  }
})

/**
 * Emits one `.d.ts` per source module next to its `.js` (TypeScript's own emitter), then, for each
 * entry point whose `exports` path is not its module's path (`dist/CommandHandler.js` for
 * `src/kernel/CommandHandler.ts`), a one-line `.js` and `.d.ts` that re-export the module.
 */
export const emitDeclarations = (dir: string, entry: Record<string, string>): void => {
  const src = resolve(dir, "src")
  const dist = resolve(dir, "dist")
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
  const program = ts.createProgram({
    rootNames: own,
    options: {
      ...parsed.options,
      rootDir: src,
      outDir: dist,
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
    problems.push(...program.emit(sourceFile, undefined, undefined, true).diagnostics)
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
    const module = resolve(dist, relative(src, resolve(dir, target))).replace(/\.ts$/, "")
    const stub = resolve(dist, name)
    if (module === stub) continue
    if (existsSync(`${stub}.js`)) throw new Error(`entry ${name}: dist/${name}.js is already a module of src/`)
    let specifier = relative(dirname(stub), module)
    if (!specifier.startsWith(".")) specifier = `./${specifier}`
    mkdirSync(dirname(stub), { recursive: true })
    for (const ext of [".js", ".d.ts"])
      writeFileSync(`${stub}${ext}`, `export * from ${JSON.stringify(`${specifier}.js`)}\n`)
  }
}
