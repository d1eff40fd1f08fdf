/**
 * The capture-name contract between `data/queries/<language>/<purpose>.scm` and the engine.
 * A query may only use captures listed for its purpose (names starting with `_` are private
 * helpers for predicates). Tests compile every query and check its capture names against this.
 */
export const QUERY_CAPTURES: Record<string, readonly string[]> = {
  imports: ['import.source', 'import.name'],
  // route.prefix: a class-level prefix lent to the routes of its @route.node (never a route itself).
  routes: ['route.method', 'route.path', 'route.node', 'route.prefix'],
  tests: ['test.case', 'test.name'],
  // sql.assign: a variable SQL is built into; sql.var: a call's bare-variable SQL argument (paired by name).
  sql: ['sql.call', 'sql.arg', 'sql.assign', 'sql.var'],
  // Manifests that are code (setup.py, Gemfile, *.gemspec, *.gradle.kts, *.sbt). manifest.kind: the word
  // saying what a match declares (setup, gem, add_dependency, dependencies, plugins, include, %%, =, +=);
  // manifest.dependency: the declaring node; manifest.assign/name/value: a Python name bound to a value;
  // manifest.project: the project's own name; manifest.workspace: a sub-project folder.
  manifest: ['manifest.kind', 'manifest.dependency', 'manifest.assign', 'manifest.name', 'manifest.value', 'manifest.project', 'manifest.workspace'],
};

/** Query purposes the engine runs over every source file, in order. */
export const QUERY_PURPOSES = ['imports', 'routes', 'tests', 'sql'];

/** Purpose of the queries run only over manifests that are code (see src/core/manifests/code.ts). */
export const MANIFEST_PURPOSE = 'manifest';
