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
};

/** Query purposes the engine runs, in order. */
export const QUERY_PURPOSES = Object.keys(QUERY_CAPTURES);
