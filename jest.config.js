const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())

const transform = {
  "^.+\\.[jt]sx?$": [
    "@swc/jest",
    {
      jsc: {
        parser: { syntax: "typescript", tsx: true, decorators: true },
        target: "es2021",
        transform: { react: { runtime: "automatic" } },
      },
    },
  ],
}

const common = {
  transform,
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "tsx", "json"],
  modulePathIgnorePatterns: ["<rootDir>/dist/", "<rootDir>/.medusa/"],
}

module.exports = {
  projects: [
    // pure logic, no I/O
    { ...common, displayName: "unit", testMatch: ["<rootDir>/**/__tests__/**/*.unit.spec.[jt]s"] },
    // talks HTTP to the Klarna emulator, no Medusa, no database
    { ...common, displayName: "emulator", testMatch: ["<rootDir>/**/__tests__/**/*.emulator.spec.[jt]s"] },
    // a real Medusa + PostgreSQL + the emulator
    {
      ...common,
      displayName: "integration",
      testMatch: ["<rootDir>/integration-tests/http/**/*.spec.[jt]s"],
      setupFiles: ["<rootDir>/integration-tests/setup.js"],
    },
  ],
}
