/**
 * `pnpm --filter @soltrace/docs run api`: the API reference (TypeDoc) of every public entry point
 * of every published package, each module named as it is imported (`@soltrace/core/testing`,
 * not `core/src/testing/index`), titled with the packages' real version. Entry points are read
 * from each package's `exports` map, so a new package is documented without touching this file.
 * Writes docs/api/ (git-ignored).
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { Application } from "typedoc"

const docs = path.resolve(import.meta.dirname, "..")
const root = path.resolve(docs, "..")
const stubs = path.join(docs, ".api-entries")

interface Manifest {
  readonly name: string
  readonly version: string
  readonly private?: boolean
  readonly exports: Record<string, unknown>
}

const manifests = fs
  .readdirSync(path.join(root, "packages"))
  .map((dir) => path.join(root, "packages", dir))
  .filter((dir) => fs.existsSync(path.join(dir, "package.json")))
  .map((dir) => ({ dir, m: JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as Manifest }))
  .filter(({ m }) => m.private !== true)

fs.rmSync(stubs, { recursive: true, force: true })
const entryPoints: Array<string> = []
for (const { dir, m } of manifests) {
  for (const [key, target] of Object.entries(m.exports)) {
    if (typeof target !== "string" || !target.endsWith(".ts")) continue
    const specifier = key === "." ? m.name : `${m.name}/${key.slice(2)}`
    const stub = path.join(stubs, `${specifier}.ts`)
    fs.mkdirSync(path.dirname(stub), { recursive: true })
    const source = path.relative(path.dirname(stub), path.join(dir, target)).replace(/\.ts$/, ".js")
    fs.writeFileSync(stub, `/** @module ${specifier} */\nexport * from ${JSON.stringify(source)}\n`)
    entryPoints.push(stub)
  }
}
const versions = [...new Set(manifests.map(({ m }) => m.version))]

const app = await Application.bootstrapWithPlugins({
  name: `soltrace ${versions.join(" / ")}`,
  entryPoints,
  tsconfig: path.join(docs, "tsconfig.api.json"),
  out: path.join(docs, "api"),
  readme: path.join(docs, "api.md"),
  excludePrivate: true,
  excludeInternal: true,
  excludeExternals: true,
  disableSources: true,
  // the modules' `@since` tags name a planned release, not the packages' real version (in the title)
  excludeTags: ["@since"],
  categorizeByGroup: true,
  sort: ["kind", "source-order"],
  validation: { notExported: false, invalidLink: false, notDocumented: false }
})
const project = await app.convert()
if (project === undefined) throw new Error("TypeDoc could not convert the entry points")
await app.generateDocs(project, path.join(docs, "api"))
fs.rmSync(stubs, { recursive: true, force: true })
console.log(
  `wrote docs/api/index.html: ${entryPoints.length} entry points of ${manifests.map(({ m }) => m.name).join(", ")}`
)
