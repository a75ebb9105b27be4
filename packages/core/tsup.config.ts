import { defineConfig } from "tsup"

export default defineConfig({
  entry: {
    index: "src/index.ts",
    testing: "src/testing/index.ts",
    sql: "src/sql/index.ts",
    pglite: "src/sql/pglite.ts",
    pg: "src/sql/pg.ts"
  },
  format: ["esm"],
  target: "node22",
  dts: { compilerOptions: { composite: false, emitDeclarationOnly: false } },
  sourcemap: true,
  clean: true,
  treeshake: true
})
