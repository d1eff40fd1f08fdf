/**
 * What real codebases showed (issue 9, "tried as a new user would"): each case below is a
 * trimmed copy of the shape found in a published codebase (Redmine, phpMyAdmin, Mailman 3,
 * sql-migrate, Ghost, HyperKitty), written out as a small workspace, with the status or evidence
 * row a reviewer disputed and the corrected one pinned.
 */
import { strict as assert } from 'node:assert';
import { makeContext, writeWorkspace } from './helpers/ctx';
import { detectData, isMigrationPath, messagingTechs } from '../../src/core/practices/data';
import { detectSecurity } from '../../src/core/practices/security';
import { nonConstantValues } from '../../src/core/practices/sql-values';
import type { AnalysisResult, Evidence } from '../../src/core/types';
import { engine } from './helpers/engine';

function show(ev: Evidence[] | undefined): string {
  return (ev ?? []).map((e) => `${e.path}:${e.line ?? ''} ${e.detail}`).join('\n  ');
}

function practice(r: AnalysisResult, id: string) {
  return r.practices.find((p) => p.id === id);
}

describe('what real codebases showed (issue 9)', function () {
  this.timeout(120_000);

  describe('SQL risk: names the code cannot bind are not values', () => {
    // A long phpMyAdmin-style concatenation: the engine keeps 300 characters of a capture, so the
    // tail the query sees ends mid-call.
    const bookmark = [
      '<?php',
      'namespace PhpMyAdmin;',
      '',
      'class Bookmark',
      '{',
      '    public function save(): bool',
      '    {',
      "        $query = 'INSERT INTO ' . Util::backquote($this->feature->database)",
      "            . '.' . Util::backquote($this->feature->bookmark)",
      "            . ' (id, dbase, user, query, label) VALUES (NULL, '",
      '            . "\'" . $this->dbi->escapeString($this->database) . "\', "',
      '            . "\'" . $this->dbi->escapeString($this->currentUser) . "\', "',
      '            . "\'" . $this->dbi->escapeString($this->query) . "\', "',
      '            . "\'" . $this->dbi->escapeString($this->label) . "\')";',
      '',
      '        return (bool) $this->dbi->query($query, DatabaseInterface::CONNECT_CONTROL);',
      '    }',
      '',
      '    public function setLocale(string $locale): void',
      '    {',
      '        $this->dbi->query("SET lc_messages = \'" . $locale . "\';");',
      '    }',
      '}',
      '',
    ].join('\n');
    const files: Record<string, string> = {
      // Redmine: a model's table name interpolated next to bound values.
      'app/controllers/messages_controller.rb': [
        'class MessagesController < ApplicationController',
        '  def show',
        '    offset = @topic.children.where("#{Message.table_name}.id < ?", params[:r].to_i).count',
        '    @replies = @topic.children.reorder("#{Message.table_name}.created_on ASC, #{Message.table_name}.id ASC").to_a',
        '  end',
        'end',
        '',
      ].join('\n'),
      'app/models/query.rb': [
        'class Query < ApplicationRecord',
        '  def self.visible(user)',
        '    t = table_name',
        '    where("#{t}.visibility = ? OR #{t}.user_id = ?", VISIBILITY_PUBLIC, user.id)',
        '  end',
        '',
        '  def self.named(name)',
        '    where("#{table_name}.name = \'#{name}\'")',
        '  end',
        'end',
        '',
      ].join('\n'),
      'libraries/classes/Bookmark.php': bookmark,
      // Mailman 3: a schema command takes a table name, which no driver binds.
      'mailman/database/mysql.py': [
        'from sqlalchemy import text',
        '',
        '',
        'class MySQLDatabase:',
        '    def _post_reset(self, store):',
        '        for table in reversed(Model.metadata.sorted_tables):',
        "            store.execute(text('ALTER TABLE {} AUTO_INCREMENT = 1;'.format(table)))",
        '',
      ].join('\n'),
      // sql-migrate: the table name quoted by the dialect.
      'migrate.go': [
        'package migrate',
        '',
        'func GetMigrationRecords(db *sql.DB, dialect string) ([]*MigrationRecord, error) {',
        '\tvar records []*MigrationRecord',
        '\t_, err := dbMap.Select(&records, fmt.Sprintf("SELECT * FROM %s", dbMap.Dialect.QuotedTableForQuery(ms.SchemaName, ms.TableName)))',
        '\treturn records, err',
        '}',
        '',
      ].join('\n'),
      // Laravel seeders only ever fill a development database.
      'database/seeders/UserSeeder.php': '<?php\nclass UserSeeder extends Seeder\n{\n    public function run(): void\n    {\n        DB::statement("DELETE FROM users WHERE email LIKE \'%" . $this->domain . "\'");\n    }\n}\n',
    };

    let result: AnalysisResult;
    before(async () => {
      result = await (await engine()).scan(writeWorkspace(files, 'sr-real-sql-'), {});
    });

    it('Model.table_name and a local assigned from it are constants; the bound values count as parameterised (Redmine)', () => {
      const risk = practice(result, 'sql-injection-risk')!;
      assert.ok(!risk.evidence.some((e) => e.path === 'app/controllers/messages_controller.rb'), show(risk.evidence));
      assert.ok(!risk.evidence.some((e) => e.path === 'app/models/query.rb' && e.line === 4), show(risk.evidence));
      const bound = practice(result, 'parameterised-queries')!;
      assert.ok(bound.evidence.some((e) => e.path === 'app/controllers/messages_controller.rb' && e.line === 3), show(bound.evidence));
      assert.ok(bound.evidence.some((e) => e.path === 'app/models/query.rb' && e.line === 4), show(bound.evidence));
    });

    it('a value from the caller next to the table name is still a risk, and the row names it', () => {
      const risk = practice(result, 'sql-injection-risk')!;
      const row = risk.evidence.find((e) => e.path === 'app/models/query.rb');
      assert.ok(row, show(risk.evidence));
      assert.equal(row.line, 8);
      assert.match(row.detail, /with name in it: where\("#\{table_name\}\.name = '#\{name\}'"\)$/);
    });

    it('backquoted names and escaped strings are not risks, even when the capture was clipped mid-call; a raw $locale is (phpMyAdmin)', () => {
      const risk = practice(result, 'sql-injection-risk')!;
      const rows = risk.evidence.filter((e) => e.path === 'libraries/classes/Bookmark.php');
      assert.deepEqual(rows.map((e) => e.line), [21], show(risk.evidence));
      assert.match(rows[0].detail, /with \$locale in it/);
    });

    it('ALTER TABLE with a table name is a note, not a risk (Mailman 3); a dialect-quoted table is no risk (sql-migrate); seeders are not application code', () => {
      const risk = practice(result, 'sql-injection-risk')!;
      for (const p of ['mailman/database/mysql.py', 'migrate.go', 'database/seeders/UserSeeder.php']) assert.ok(!risk.evidence.some((e) => e.path === p), `${p}:\n  ${show(risk.evidence)}`);
      const bound = practice(result, 'parameterised-queries')!;
      // Its table comes from SQLAlchemy's metadata (reversed(Model.metadata.sorted_tables)): an identifier, not a value, so not
      // even a note (a DDL note with a value is pinned in reviewer.test.ts).
      assert.ok(!String(bound.figures?.migrationsWithDynamicSql ?? '').includes('mailman/database/mysql.py'), String(bound.figures?.migrationsWithDynamicSql));
      // Exactly the two real risks remain.
      assert.deepEqual(risk.evidence.map((e) => `${e.path}:${e.line}`).sort(), ['app/models/query.rb:8', 'libraries/classes/Bookmark.php:21']);
    });

    it('nonConstantValues: every assignment of a local must be constant for the local to be one', () => {
      const text = 'cols = ", ".join(COLUMNS)\nt = Order.table_name\nt2 = Order.table_name\nt2 = request.args["t"]\n';
      assert.deepEqual(nonConstantValues('f"SELECT {cols} FROM {t} WHERE id = %s"', 'python', text), []);
      assert.deepEqual(nonConstantValues('f"SELECT * FROM {t2}"', 'python', text), ['t2']);
      assert.deepEqual(nonConstantValues('text("SELECT * FROM {}".format(name))', 'python', ''), ['name']);
    });
  });

  describe('SQL risk: a data layer\'s own helpers (Roundcube)', () => {
    it('$db->table_name(), $db->now(), fields assigned from them and intval() are not values; a filter string still is', async () => {
      const dir = writeWorkspace({
        'program/lib/Roundcube/cache/db.php': [
          '<?php',
          'class rcube_cache_db extends rcube_cache',
          '{',
          '    public function __construct($userid, $prefix = \'\', $ttl = 0)',
          '    {',
          '        $this->db    = rcube::get_instance()->get_dbh();',
          "        $this->table = $this->db->table_name('cache', true);",
          '    }',
          '',
          '    public function expunge()',
          '    {',
          '        $this->db->query("DELETE FROM " . $this->table . " WHERE `expires` < " . $this->db->now());',
          "        $this->db->query(\"DELETE FROM \" . $this->db->table_name('cache_shared', true) . \" WHERE `expires` < \" . $this->db->now());",
          '    }',
          '',
          '    public function add_group($name)',
          '    {',
          '        $this->db->query("INSERT INTO " . $this->table . " (user_id, changed, name) VALUES (".intval($this->user_id).", ".$this->db->now().", ?)", $name);',
          '    }',
          '',
          '    public function search($filter)',
          '    {',
          '        return $this->db->query("SELECT * FROM " . $this->table . " WHERE " . $filter);',
          '    }',
          '}',
          '',
        ].join('\n'),
      }, 'sr-real-rc-');
      const r = await (await engine()).scan(dir, {});
      const risk = practice(r, 'sql-injection-risk');
      assert.deepEqual(risk?.evidence.map((e) => e.line), [23], show(risk?.evidence));
      assert.match(risk!.evidence[0].detail, /with \$filter in it/);
      const bound = practice(r, 'parameterised-queries')!;
      assert.ok(bound.evidence.some((e) => e.line === 18), show(bound.evidence));
    });
  });

  describe('data and caching', () => {
    it('migrations kept in versioned subfolders are migrations (Ghost: migrations/versions/4.45/*.js)', async () => {
      assert.ok(isMigrationPath('core/server/data/migrations/versions/4.45/2022-04-20-10-21-add-member-column.js'));
      assert.ok(!isMigrationPath('core/server/data/migrations/versions/4.45/README'));
      const dir = writeWorkspace({
        'core/server/data/migrations/versions/4.45/2022-04-20-10-21-add-member-column.js': "const { createAddColumnMigration } = require('../../utils');\n\nmodule.exports = createAddColumnMigration('members', 'email_disabled', { type: 'boolean', nullable: false, defaultTo: false });\n",
        'core/server/data/migrations/versions/5.0/2022-05-03-15-30-drop-table.js': "const { createDropTableMigration } = require('../../utils');\n\nmodule.exports = createDropTableMigration('temp_member_analytic_events');\n",
      });
      const ctx = makeContext(dir, { technologies: ['knex'] });
      await detectData(ctx);
      const m = ctx.practice('db-migrations');
      assert.ok(m, [...ctx.reported.keys()].join(', '));
      assert.ok(m.evidence.some((e) => e.path.endsWith('2022-04-20-10-21-add-member-column.js')), show(m.evidence));
    });

    it('telling clients not to cache is not caching; an expire() without a lifetime is not a TTL (Ghost)', async () => {
      const dir = writeWorkspace({
        'core/server/web/shared/middleware/cache-control.js': [
          "module.exports = function cacheControl(profile) {",
          "  return function (req, res, next) {",
          "    if (profile === 'private') res.set({ 'Cache-Control': 'no-cache, private, no-store, must-revalidate, max-stale=0, post-check=0, pre-check=0' });",
          "    else res.set({ 'Cache-Control': 'public, max-age=31536000' });",
          "    next();",
          "  };",
          "};",
          '',
        ].join('\n'),
        'core/server/services/session.js': "function destroy(req) {\n  req.session.cookie.expire();\n}\n",
      });
      const ctx = makeContext(dir);
      await detectData(ctx);
      const c = ctx.practice('caching');
      assert.ok(c, 'the public max-age header is caching');
      assert.deepEqual(c.evidence.map((e) => `${e.path}:${e.line}`), ['core/server/web/shared/middleware/cache-control.js:4'], show(c.evidence));
    });

    it('Django-Q is a task queue inside the application, not a message broker (HyperKitty)', () => {
      const ctx = makeContext(writeWorkspace({}), { technologies: ['django-q'] });
      assert.deepEqual(messagingTechs(ctx), { brokers: [], queues: ['django-q'] });
    });
  });

  describe('security: framework helpers', () => {
    it('a login(user, password) backend and a WWW-Authenticate challenge are authentication; rights backends are authorization (Radicale)', async () => {
      const dir = writeWorkspace({
        'radicale/auth/htpasswd.py': [
          'import bcrypt',
          '',
          'from radicale import auth',
          '',
          '',
          'class Auth(auth.BaseAuth):',
          '    def login(self, login: str, password: str) -> str:',
          '        for entry in self._read_htpasswd():',
          '            if entry.user == login and bcrypt.checkpw(password.encode(), entry.hash):',
          '                return login',
          '        return ""',
          '',
        ].join('\n'),
        'radicale/app/__init__.py': 'NOT_ALLOWED = (\n    client.UNAUTHORIZED,\n    (("WWW-Authenticate", "Basic realm=\\"Radicale\\""),),\n    "Access to the requested resource forbidden.")\n',
        'radicale/rights/owner_only.py': [
          'from radicale import pathutils, rights',
          '',
          '',
          'class Rights(rights.BaseRights):',
          '    def authorization(self, user: str, path: str) -> str:',
          '        if not user:',
          '            return ""',
          '        sane_path = pathutils.strip_path(path)',
          '        return "RW" if sane_path.split("/", maxsplit=1)[0] == user else ""',
          '',
        ].join('\n'),
      });
      const ctx = makeContext(dir);
      await detectSecurity(ctx);
      const a = ctx.practice('authentication');
      assert.ok(a, [...ctx.reported.keys()].join(', '));
      assert.ok(a.evidence.some((e) => e.path === 'radicale/auth/htpasswd.py' && e.line === 7), show(a.evidence));
      assert.ok(a.evidence.some((e) => e.path === 'radicale/app/__init__.py' && e.line === 3), show(a.evidence));
      const z = ctx.practice('authorization');
      assert.ok(z?.evidence.some((e) => e.path === 'radicale/rights/owner_only.py' && e.line === 5), show(z?.evidence));
    });


    it('credentials encrypted with AES in code show encryption: partial with the cipher rows, not a gap (Node-RED)', async () => {
      const dir = writeWorkspace({
        'package.json': JSON.stringify({ name: '@node-red/runtime', version: '5.0.7', main: './lib/index.js', dependencies: { express: '4.21.2' } }, null, 2),
        'lib/nodes/credentials.js': [
          "var crypto = require('crypto');",
          "var encryptionAlgorithm = 'aes-256-ctr';",
          '',
          'function decryptCredentials(key, credentials) {',
          '    var creds = credentials["$"];',
          '    var initVector = Buffer.from(creds.substring(0, 32), "hex");',
          '    var decipher = crypto.createDecipheriv(encryptionAlgorithm, key, initVector);',
          '    return JSON.parse(decipher.update(creds.substring(32), "base64", "utf8") + decipher.final("utf8"));',
          '}',
          '',
          'function encryptCredentials(key, credentials) {',
          '    var initVector = crypto.randomBytes(16);',
          '    var cipher = crypto.createCipheriv(encryptionAlgorithm, key, initVector);',
          '    return { "$": initVector.toString("hex") + cipher.update(JSON.stringify(credentials), "utf8", "base64") + cipher.final("base64") };',
          '}',
          '',
          'module.exports = { decryptCredentials, encryptCredentials };',
          '',
        ].join('\n'),
      }, 'sr-real-nr-');
      const r = await (await engine()).scan(dir, {});
      const s = r.skills.find((x) => x.id === 'encryption-hashing-tls')!;
      assert.equal(s.status, 'partial', s.signals.join('; '));
      assert.deepEqual(s.evidence.map((e) => `${e.path}:${e.line}`), ['lib/nodes/credentials.js:7', 'lib/nodes/credentials.js:13'], show(s.evidence));
      assert.match(s.evidence[1].detail, /encryption: createCipheriv\(/);
    });

    it('a password module\'s hash()/compare() is password hashing; authorized_keys is not authorization (Ghost)', async () => {
      const dir = writeWorkspace({
        'core/server/models/user.js': [
          "const security = require('@tryghost/security');",
          '',
          'async function onSaving(model) {',
          "  const hash = await security.password.hash(model.get('password'));",
          "  model.set('password', hash);",
          '}',
          '',
          'async function isPasswordCorrect(plain, hashed) {',
          '  return security.password.compare(plain, hashed);',
          '}',
          '',
        ].join('\n'),
        'lib/deploy.rb': "class Deploy\n  def keys\n    authorized_keys = File.read(path)\n    authorized_keys.lines\n  end\nend\n",
      });
      const ctx = makeContext(dir);
      await detectSecurity(ctx);
      const h = ctx.practice('password-hashing');
      assert.ok(h, [...ctx.reported.keys()].join(', '));
      assert.ok(h.evidence.some((e) => e.path === 'core/server/models/user.js' && e.line === 4), show(h.evidence));
      assert.ok(!ctx.practice('authorization')?.evidence.some((e) => e.path === 'lib/deploy.rb'), show(ctx.practice('authorization')?.evidence));
    });
  });
});
