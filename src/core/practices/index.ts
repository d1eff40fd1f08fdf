/**
 * All practice detectors, in the order the engine should run them. Detectors share parsed files
 * through per-scan memoisation (see util.memo), so running them in sequence reads each file once.
 */
import { runSteps } from './util';
import type { PracticeDetector } from './types';
import { detectGit } from './git';
import { detectCi } from './ci';
import { detectContainers } from './containers';
import { detectInfra } from './infra';
import { detectTesting } from './testing';
import { detectSecurity } from './security';
import { detectDocs } from './docs';
import { detectApis } from './api';
import { detectData } from './data';
import { detectCode } from './code';
import { detectArchitecture } from './architecture';
import { detectEntryPoints } from './entrypoints';

/** Every practice detector. Each one is robust on its own: it warns and carries on. */
export const PRACTICE_DETECTORS: PracticeDetector[] = [
  detectGit,
  detectCi,
  detectContainers,
  detectInfra,
  detectEntryPoints,
  detectTesting,
  detectSecurity,
  detectDocs,
  detectApis,
  detectData,
  detectCode,
  detectArchitecture,
];

/**
 * Runs every detector in turn; a detector that throws despite its guards becomes a warning.
 * `beforeEach` runs before each detector (the engine's cancel check; its error propagates).
 */
export function runPracticeDetectors(
  ctx: Parameters<PracticeDetector>[0],
  detectors: PracticeDetector[] = PRACTICE_DETECTORS,
  beforeEach?: () => void,
): Promise<void> {
  return runSteps(ctx, 'a practice detector failed', detectors, beforeEach);
}

export { architectureHint } from './architecture';
export { detectGit, detectCi, detectContainers, detectInfra, detectTesting, detectSecurity, detectDocs, detectApis, detectData, detectCode, detectArchitecture, detectEntryPoints };
