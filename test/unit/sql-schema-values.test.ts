/**
 * SQL built from SQL or from the schema is not a value (a mentor's review of Redmine and Mailman):
 * ActiveRecord's `.to_sql` kept in a local, an application's condition builder, a choice between
 * literals, a class's own name, and SQLAlchemy table/column names from the metadata. A real
 * injection beside each stays flagged.
 */
import { strict as assert } from 'node:assert';
import { writeWorkspace } from './helpers/ctx';
import { nonConstantValues } from '../../src/core/practices/sql-values';
import type { AnalysisResult, Evidence } from '../../src/core/types';
import { engine } from './helpers/engine';

function show(ev: Evidence[] | undefined): string {
  return (ev ?? []).map((e) => `${e.path}:${e.line ?? ''} ${e.detail}`).join('\n  ');
}

function risk(r: AnalysisResult) {
  return r.practices.find((p) => p.id === 'sql-injection-risk');
}

describe('SQL risk: SQL built by the ORM and names from the schema are not values', function () {
  this.timeout(120_000);

  it('Redmine: a relation.to_sql kept in a local, Project.allowed_to_condition, a ternary of literals and self.class.name', async () => {
    const dir = writeWorkspace({
      'Gemfile': "source 'https://rubygems.org'\ngem 'rails', '~> 7.2'\n",
      'app/models/issue_status.rb': [
        'class IssueStatus < ApplicationRecord',
        '  def update_closed_on',
        '    subquery = Journal.joins(:details).',
        '      where(:journalized_type => \'Issue\').',
        '      where("journalized_id = #{Issue.table_name}.id").',
        '      select("MAX(created_on)").',
        '      to_sql',
        '    Issue.where(:status_id => id, :closed_on => nil).update_all("closed_on = (#{subquery})")',
        '  end',
        '',
        '  def self.named(params)',
        '    where("name = \'#{params[:name]}\'")',
        '  end',
        'end',
        '',
      ].join('\n'),
      'app/models/role.rb': [
        'class Role < ApplicationRecord',
        '  scope :builtin, (lambda do |*args|',
        "    compare = (args.first == true ? 'not' : '')",
        '    where("#{compare} builtin = 0")',
        '  end)',
        '',
        '  def self.visible(user)',
        '    base = Project.allowed_to_condition(user, :view_roles)',
        '    where("#{table_name}.project_id IS NULL OR (#{base})")',
        '  end',
        '',
        '  def custom_fields',
        '    CustomField.where("type = \'#{self.class.name}CustomField\'").to_a',
        '  end',
        'end',
        '',
      ].join('\n'),
    }, 'sr-sqlorm-rb-');
    const r = await (await engine()).scan(dir, {});
    const rows = risk(r)?.evidence ?? [];
    assert.deepEqual(rows.map((e) => `${e.path}:${e.line}`), ['app/models/issue_status.rb:12'], show(rows));
    assert.match(rows[0].detail, /params\[:name\]/);
  });

  it('Mailman: table and column names from SQLAlchemy metadata formatted into a test-reset helper', async () => {
    const dir = writeWorkspace({
      'pyproject.toml': '[project]\nname = "lists"\ndependencies = ["sqlalchemy"]\n',
      'lists/database/postgresql.py': [
        'from sqlalchemy import Integer, text',
        'from lists.database.model import Model',
        '',
        '',
        'class PostgreSQLDatabase:',
        '    def _post_reset(self, store):',
        '        tables = reversed(Model.metadata.sorted_tables)',
        '        for table in tables:',
        '            for column in table.primary_key:',
        '                if column.autoincrement and isinstance(column.type, Integer):',
        '                    store.execute(text("""\\',
        '                        SELECT setval(\'"{0}_{1}_seq"\', coalesce(max("{1}"), 1))',
        '                               FROM "{0}";',
        '                        """.format(table, column.name)))',
        '',
        '    def find(self, store, name):',
        '        return store.execute("SELECT * FROM lists WHERE name = \'{}\'".format(name))',
        '',
      ].join('\n'),
      'lists/database/mysql.py': [
        'from sqlalchemy import text',
        'from lists.database.model import Model',
        '',
        '',
        'class MySQLDatabase:',
        '    def _post_reset(self, store):',
        '        tables = reversed(Model.metadata.sorted_tables)',
        '        for table in tables:',
        '            store.execute(',
        "                text('ALTER TABLE {} AUTO_INCREMENT = 1;'.format(table))",
        '                )',
        '',
      ].join('\n'),
    }, 'sr-sqlorm-py-');
    const r = await (await engine()).scan(dir, {});
    const rows = risk(r)?.evidence ?? [];
    assert.deepEqual(rows.map((e) => `${e.path}:${e.line}`), ['lists/database/postgresql.py:17'], show(rows));
  });

  it("Ghost: SQL built in a developer's command-line script stays a risk, cited after application code and ranked lower", async () => {
    const files = (dir: string) => ({
      'package.json': JSON.stringify({ name: 'blog', dependencies: { express: '^4.19.0', knex: '^3.1.0', yargs: '^17.0.0' } }),
      'src/app.js': "const express = require('express');\nconst app = express();\napp.get('/posts', (req, res) => res.json([]));\napp.listen(3000);\n",
      [`${dir}/timetravel.js`]: [
        "const argv = require('yargs').argv;",
        "const knex = require('knex')({ client: 'mysql2' });",
        '',
        'async function run() {',
        '  const dateOffset = argv.offset;',
        "  for (const column of ['created_at', 'updated_at']) {",
        "    await knex('posts').update(column, knex.raw(`DATE_ADD(${column}, interval ${dateOffset} day)`));",
        '  }',
        '}',
        'run();',
        '',
      ].join('\n'),
    });
    const sqlStep = (r: AnalysisResult) => r.nextSteps.findIndex((s) => /timetravel\.js/.test(s.text));
    const cli = await (await engine()).scan(writeWorkspace(files('core/cli'), 'sr-sqlorm-cli-'), {});
    const app = await (await engine()).scan(writeWorkspace(files('core/lib'), 'sr-sqlorm-lib-'), {});
    const cliRisk = risk(cli)!;
    assert.deepEqual(cliRisk.evidence.map((e) => `${e.path}:${e.line}`), ['core/cli/timetravel.js:7'], show(cliRisk.evidence));
    assert.match(cliRisk.evidence[0].detail, /a command-line script/);
    assert.equal(cliRisk.figures?.inCommandLineScripts, 1);
    assert.equal(risk(app)!.figures?.inCommandLineScripts, undefined);
    assert.equal(sqlStep(app), 0, app.nextSteps.map((s) => s.text).join('\n'));
    assert.notEqual(sqlStep(cli), 0, cli.nextSteps.map((s) => s.text).join('\n'));
  });

  it('the values the rules accept are only those shapes', () => {
    assert.deepEqual(nonConstantValues('"closed_on = (#{subquery})"', 'ruby', 'subquery = Journal.where(:a => 1).\n  to_sql\n'), []);
    assert.deepEqual(nonConstantValues('"closed_on = (#{subquery})"', 'ruby', 'subquery = Journal.where(:a => 1).\n  first\n'), ['subquery']);
    assert.deepEqual(nonConstantValues('"#{c} x"', 'ruby', "c = (a ? 'not' : '')\n"), []);
    assert.deepEqual(nonConstantValues('"#{c} x"', 'ruby', "c = (a ? 'not' : params[:c])\n"), ['c']);
    assert.deepEqual(nonConstantValues('"x = #{n}"', 'ruby', 'n = Integer(params[:n])\n'), []);
    assert.deepEqual(nonConstantValues('"DELETE FROM {}".format(t)', 'python', 'for t in request.args:\n    pass\n'), ['t']);
    assert.deepEqual(nonConstantValues('"DELETE FROM {}".format(t.name)', 'python', 'for t in Base.metadata.sorted_tables:\n    pass\n'), []);
  });
});
