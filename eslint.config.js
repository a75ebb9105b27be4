// @ts-check
import js from "@eslint/js"
import { importX } from "eslint-plugin-import-x"
import tseslint from "typescript-eslint"

/**
 * The layers of soltrace, enforced on every import (ARCHITECTURE.md):
 * - `@soltrace/rules` is a leaf: it imports nothing of ours.
 * - the event-sourcing kernel (`packages/core/src/kernel`, `sql`, `testing`) imports no domain
 *   module: neither `@soltrace/rules` nor the after-sales aggregates.
 * - aggregates use rules, never the reverse; `@soltrace/contracts` may import core and rules.
 *
 * Exported on its own so that `test/layers.test.ts` can prove a wrong-layer import fails lint.
 *
 * @type {import("eslint").Linter.Config[]}
 */
export const layers = [
  {
    files: ["packages/rules/src/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@soltrace/*", "**/core/**", "**/contracts/**", "../../*"],
              message: "@soltrace/rules is a leaf: it imports nothing of ours (ARCHITECTURE.md, layers)."
            }
          ]
        }
      ]
    }
  },
  {
    files: ["packages/core/src/kernel/**/*.ts", "packages/core/src/sql/**/*.ts", "packages/core/src/testing/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "@soltrace/rules",
                "@soltrace/rules/*",
                "@soltrace/contracts",
                "**/aftersales/**",
                "**/rules/src/**"
              ],
              message: "The event-sourcing kernel imports no domain module (ARCHITECTURE.md, layers)."
            }
          ]
        }
      ]
    }
  },
  {
    files: ["packages/core/src/**/*.ts"],
    ignores: ["packages/core/src/kernel/**", "packages/core/src/sql/**", "packages/core/src/testing/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@soltrace/contracts", "@soltrace/contracts/*", "**/contracts/src/**"],
              message: "@soltrace/core does not depend on @soltrace/contracts (ARCHITECTURE.md, layers)."
            }
          ]
        }
      ]
    }
  }
]

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      "**/.tsbuild/**",
      "bench/results/**",
      "**/*.config.ts",
      "eslint.config.js",
      "test/consumer/**",
      "docs/api/**"
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname
      }
    },
    plugins: { "import-x": importX },
    rules: {
      "import-x/no-cycle": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "separate-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-namespace": "off",
      "@typescript-eslint/require-await": "off",
      "no-restricted-syntax": [
        "error",
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: "Deciding never reads the clock: take the date as input, or use effect's Clock."
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: "Deciding never reads the clock: take the date as input, or use effect's Clock."
        }
      ]
    }
  },
  {
    files: ["bench/**", "scripts/**", "test/**", "examples/**"],
    rules: { "no-restricted-syntax": "off" }
  },
  {
    // plain JavaScript scripts that run before anything is installed or built (scripts/test.mjs)
    files: ["**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { projectService: false, program: null },
      globals: { console: "readonly", process: "readonly" }
    }
  },
  ...layers
)
