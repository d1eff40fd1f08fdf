/**
 * Mocha root hooks for the unit tier: the manifest readers that take a file's text alone
 * (`parseSetupPy`, `parseManifest('Gemfile', ...)`) read code manifests through a tree-sitter
 * host set with `useManifestSyntax`; the shared engine's host is loaded for them once.
 */
import { engine } from './engine';
import { useManifestSyntax } from '../../../src/core/manifests';

export const mochaHooks = {
  async beforeAll(this: Mocha.Context): Promise<void> {
    this.timeout(120_000);
    const { treeSitter } = await engine();
    await treeSitter.prepare(['python', 'ruby', 'kotlin', 'scala'], ['manifest']);
    useManifestSyntax(treeSitter);
  },
};
