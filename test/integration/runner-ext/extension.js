// @ts-check
// Test-only extension for the code-server route of the integration tier. code-server
// rejects --extensionTestsPath, so this extension plays its part: once start-up has
// finished it loads the compiled mocha suite and writes the outcome as JSON.
// Both locations come from the environment, which the extension host inherits from
// code-server: SKILL_RADAR_TEST_INDEX (out/test/integration/suite/index.js) and
// SKILL_RADAR_TEST_RESULTS (the JSON file the driver waits for).
'use strict';
const fs = require('fs');

let ran = false;

/** @param {import('vscode').ExtensionContext} _context */
async function activate(_context) {
  const index = process.env.SKILL_RADAR_TEST_INDEX;
  const out = process.env.SKILL_RADAR_TEST_RESULTS;
  if (!index || !out || ran) return; // inert outside a test run
  ran = true;
  let results;
  try {
    results = await require(index).runSuite();
  } catch (e) {
    const err = /** @type {Error} */ (e);
    results = { passed: 0, failed: 1, pending: 0, tests: [
      { title: 'load the suite', fullTitle: 'load the suite', state: 'failed', error: String(err && err.stack || err) },
    ] };
  }
  // Write then rename, so the driver never reads a half-written file.
  fs.writeFileSync(`${out}.tmp`, JSON.stringify(results, null, 2));
  fs.renameSync(`${out}.tmp`, out);
}

module.exports = { activate, deactivate() {} };
