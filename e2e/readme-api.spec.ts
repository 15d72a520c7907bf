import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { baseURL } from "../playwright.config";
import { expect, test } from "./fixtures";

/*
 * The README's curl session is a promise to integrators: it must work as written. This runs the
 * block between the api-session markers with bash (curl, jq and `npx factdesk` against this run's
 * throwaway database), changing nothing but the server's address, and checks it prints what the
 * README says it prints.
 */

const root = path.resolve(__dirname, "..");
const readme = readFileSync(path.join(root, "README.md"), "utf8");

function readmeSession(): { script: string; lastOutput: string } {
  const block = /<!-- api-session:start -->\s*```sh\n([\s\S]*?)```\s*<!-- api-session:end -->/.exec(readme);
  if (!block) throw new Error("README.md has no api-session block");
  const printed = /The last command prints:\s*```json\n([\s\S]*?)```/.exec(readme.slice(block.index));
  if (!printed) throw new Error("README.md does not say what the session's last command prints");
  return { script: block[1], lastOutput: printed[1].trim() };
}

test("the README's curl session works as written", () => {
  const { script, lastOutput } = readmeSession();
  const apiLine = "API=http://localhost:3000/api/v1";
  expect(script).toContain(apiLine);
  const run = spawnSync("bash", ["-euo", "pipefail", "-c", script.replace(apiLine, `API=${baseURL}/api/v1`)], {
    cwd: root,
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, DATABASE_URL: process.env.FACTDESK_E2E_DATABASE },
  });
  expect(run.status, `stderr:\n${run.stderr}\nstdout:\n${run.stdout}`).toBe(0);

  expect(run.stdout).toContain('"status":"ok"');
  expect(run.stdout).toMatch(/"state": "draft",\s*"version": 1/);
  // Step 4: the reviewer is refused the verify, with the rule in the message.
  expect(run.stdout).toMatch(/"code": "forbidden",\s*"message": "[^"]*review/);
  expect(run.stdout).toMatch(/"state": "verified",\s*"verdict": "true"/);
  expect(run.stdout.trim().endsWith(lastOutput)).toBe(true);
});
